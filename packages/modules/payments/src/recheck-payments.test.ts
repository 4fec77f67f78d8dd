// The janitor against the sandbox: a callback the sandbox drops is recovered by asking the channel
// (5 minutes later, not before); a create lost to a 5xx is found never to have reached the channel and
// ends failed; a payment nobody pays is asked about on the schedule and then closed at the channel.
import type { AddressInfo } from 'node:net';
import { platformSchema } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { assertLedgerConsistent, channelClearingAccount, getBalances, platformAccount } from '@zulin/ledger';
import { runCommand } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { abandonOpenPayments } from './abandon-payments';
import { applyWechatpayCallback } from './channel-callbacks';
import { configuredPaymentChannel, paymentChannelClient } from './channel-client-of';
import { channelSettings, usePaymentsBaseUrl } from './channel-settings';
import { deliverSandboxCallbacks, deliverSandboxCallbacksManually } from './deliver-sandbox-callbacks';
import { PaymentsLimits } from './limits';
import { createPaymentOrder, getPaymentOrder } from './payment-orders';
import { recheckAttemptsMax, recheckPayments } from './recheck-payments';
import { sandboxKeys } from './sandbox-keys';
import { wechatTransaction } from './sandbox-trades';
import { paymentsOrderChanges, paymentsSandboxNotifications, paymentsSandboxTrades } from './schema';
import { startPayment } from './start-payment';
import { encryptWechatpayResource } from './wechatpay-protocol';

describeDb('the payments janitor', (get) => {
  let s: TestServer;
  let creditAccountId: string;
  let n = 0;
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const balance = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const start = async (channel: 'wechatpay' | 'alipay', amountMinor: number) =>
    startPayment(
      s.ctx.database,
      { clock: s.clock, client: await paymentChannelClient(s.ctx, channel) },
      {
        customerId: `cus_jan${n++}`,
        amountMinor,
        description: '租金',
        purpose: 'test.payment',
        reference: `jan${n}`,
        creditAccountId,
      },
    );
  const deliver = async () =>
    deliverSandboxCallbacks(s.ctx.database.db, {
      clock: s.clock,
      keys: await sandboxKeys(s.ctx.database.db, s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
  const janitor = () =>
    recheckPayments(s.ctx.database, {
      clock: s.clock,
      channelOf: (channel) => configuredPaymentChannel(s.ctx, channel),
    });
  const changesOf = async (orderId: string) =>
    (await s.ctx.database.db.select().from(paymentsOrderChanges).where(eq(paymentsOrderChanges.orderId, orderId))).map(
      (c) => `${c.fromState}>${c.toState}:${c.source}`,
    );

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    // This file counts and steers each callback delivery itself.
    deliverSandboxCallbacksManually(s.ctx);
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
  });

  for (const channel of ['wechatpay', 'alipay'] as const) {
    test(`${channel}: the sandbox drops the callback; 5 minutes later the janitor asks, and the payment is posted once`, async () => {
      const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, channel);
      const creditBefore = await balance(creditAccountId);
      const clearingBefore = await balance(clearing.id);
      const order = await start(channel, 23_456);
      await knobs({ loseNextCallbacks: 1 });
      const paid = await s.app.inject({
        method: 'POST',
        url: `/v1/sandbox/payments/cashier/${order.cashierUrl?.split('/').at(-1)}/pay`,
      });
      expect(paid.statusCode).toBe(200);
      await deliver();
      const [trade] = await s.ctx.database.db
        .select()
        .from(paymentsSandboxTrades)
        .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
      const lost = await s.ctx.database.db
        .select()
        .from(paymentsSandboxNotifications)
        .where(
          and(
            eq(paymentsSandboxNotifications.tradeId, trade?.id ?? ''),
            eq(paymentsSandboxNotifications.status, 'lost'),
          ),
        );
      expect(lost).toHaveLength(1);
      expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('pending');

      // Not due yet: the first question is 5 minutes after the create.
      s.clock.advance(299_000);
      expect((await janitor()).asked).toBe(0);
      s.clock.advance(1_000);
      expect(await janitor()).toEqual({ asked: 1, settled: 1, closed: 0, stillOpen: 0, endedAtChannel: 0 });
      const done = await getPaymentOrder(s.ctx.database.db, order.id);
      expect(done).toMatchObject({ state: 'succeeded', channelTradeNo: trade?.channelTradeNo, nextQueryAt: null });
      expect(await changesOf(order.id)).toEqual(['created>pending:create', 'pending>succeeded:janitor']);
      expect(await balance(creditAccountId)).toBe(creditBefore + 23_456);
      expect(await balance(clearing.id)).toBe(clearingBefore - 23_456);
      // Nothing left to ask about; asking again changes nothing.
      s.clock.advance(3_600_000);
      expect((await janitor()).asked).toBe(0);
      await assertLedgerConsistent(s.ctx.database.db);
    });
  }

  test('wechatpay: a failure the janitor learns by query (PAYERROR) ends the attempt as the cashier’s return does — failed, and the trade closed at the channel', async () => {
    const order = await start('wechatpay', 3_300);
    expect(order.state).toBe('pending');
    // The payer's bank refuses at the channel and the payer never comes back to our page: the
    // channel's trade is failed (PAYERROR) and only the janitor's question can learn it.
    await s.ctx.database.db
      .update(paymentsSandboxTrades)
      .set({ state: 'failed' })
      .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
    s.clock.advance(300_000);
    expect(await janitor()).toEqual({ asked: 1, settled: 0, closed: 1, stillOpen: 0, endedAtChannel: 1 });
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({
      state: 'failed',
      failureReason: 'channel_failed',
      nextQueryAt: null,
    });
    expect(await changesOf(order.id)).toEqual(['created>pending:create', 'pending>failed:janitor']);
    // WeChat Pay: an order that failed is closed before a new attempt, so the payer cannot pay it too.
    const [trade] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxTrades)
      .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
    expect(trade?.state).toBe('closed');
    s.clock.advance(86_400_000);
    expect(await janitor()).toMatchObject({ asked: 0, endedAtChannel: 0 });
  });

  test('wechatpay: a callback that reports PAYERROR fails the order and leaves its trade to close; the janitor’s next run closes it at the channel', async () => {
    const order = await start('wechatpay', 2_100);
    const [failedTrade] = await s.ctx.database.db
      .update(paymentsSandboxTrades)
      .set({ state: 'failed' })
      .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo))
      .returning();
    if (!failedTrade) throw new Error('the sandbox trade exists');
    const keys = await sandboxKeys(s.ctx.database.db, s.clock.now());
    const settings = (await channelSettings(s.ctx)).wechatpay;
    if (!settings) throw new Error('WeChat Pay is configured in sandbox mode');
    const body = JSON.stringify({
      id: `evt_payerror_${n++}`,
      event_type: 'TRANSACTION.PAYERROR',
      resource: encryptWechatpayResource(JSON.stringify(wechatTransaction(keys, failedTrade)), settings.apiV3Key, {
        nonce: 'abcdefghijkl',
        associatedData: 'transaction',
        originalType: 'transaction',
      }),
    });
    // The inbox handler applies the stored callback in its transaction: no call to the channel there.
    await runCommand(s.ctx.database, (tx) => applyWechatpayCallback(tx, s.clock, settings, body));
    const failed = await getPaymentOrder(s.ctx.database.db, order.id);
    expect(failed).toMatchObject({ state: 'failed', failureReason: 'channel_failed' });
    expect(failed.nextQueryAt).not.toBeNull();
    expect(await changesOf(order.id)).toEqual([
      'created>pending:create',
      `pending>failed:callback:evt_payerror_${n - 1}`,
    ]);
    // The janitor's next run (every minute) ends it at the channel: the trade is closed, nothing left to ask.
    expect(await janitor()).toEqual({ asked: 0, settled: 0, closed: 0, stillOpen: 0, endedAtChannel: 1 });
    const [trade] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxTrades)
      .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
    expect(trade?.state).toBe('closed');
    expect((await getPaymentOrder(s.ctx.database.db, order.id)).nextQueryAt).toBeNull();
    expect((await janitor()).endedAtChannel).toBe(0);
  });

  test('a create lost to a 5xx on every attempt never reached the channel: the janitor finds no trade and the attempt fails', async () => {
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    const order = await start('alipay', 1_000);
    expect(order.state).toBe('unknown');
    s.clock.advance(300_000);
    expect(await janitor()).toEqual({ asked: 1, settled: 0, closed: 1, stillOpen: 0, endedAtChannel: 0 });
    const after = await getPaymentOrder(s.ctx.database.db, order.id);
    expect(after).toMatchObject({ state: 'failed', failureReason: 'not_at_channel' });
  });

  test('a payment nobody pays is asked about at 5 min, 1 h, then daily, and closed at the channel after the last', async () => {
    const order = await start('wechatpay', 4_200);
    const due: number[] = [];
    let last = s.clock.now().getTime();
    for (let i = 0; i < recheckAttemptsMax; i++) {
      const current = await getPaymentOrder(s.ctx.database.db, order.id);
      expect(current.state).toBe('pending');
      const at = current.nextQueryAt?.getTime() ?? 0;
      due.push(Math.round((at - last) / 1000));
      last = at;
      s.clock.set(new Date(at));
      const run = await janitor();
      expect(run.asked).toBe(1);
    }
    // 5 min, 1 h, then the daily questions (the first daily one a day after the 1 h question).
    expect(due).toEqual([300, 3600, ...Array.from({ length: recheckAttemptsMax - 2 }, () => 86_400)]);
    const closed = await getPaymentOrder(s.ctx.database.db, order.id);
    expect(closed.state).toBe('closed');
    const [trade] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxTrades)
      .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
    expect(trade?.state).toBe('closed');
    const events = await s.ctx.database.db
      .select()
      .from(platformSchema.outbox)
      .where(
        and(eq(platformSchema.outbox.type, 'payments.payment_closed'), eq(platformSchema.outbox.aggregateId, order.id)),
      );
    expect(events).toHaveLength(1);
  });

  for (const channel of ['wechatpay', 'alipay'] as const) {
    test(`${channel}: a payment abandoned by its owner is closed at the channel by the next run, and the cashier can no longer take it`, async () => {
      const order = await start(channel, 59_990);
      const cashier = order.cashierUrl?.split('/').at(-1);
      // In the owner's transaction (an order expired, a bill withdrawn): marked, not yet closed.
      const marked = await runCommand(s.ctx.database, (tx) =>
        abandonOpenPayments(tx, s.clock, { purpose: 'test.payment', reference: order.reference }),
      );
      expect(marked).toEqual({ abandoned: 1 });
      const abandoned = await getPaymentOrder(s.ctx.database.db, order.id);
      expect(abandoned).toMatchObject({ state: 'pending', abandonedAt: s.clock.now(), nextQueryAt: s.clock.now() });
      // A second call finds nothing left to abandon.
      expect(
        await runCommand(s.ctx.database, (tx) =>
          abandonOpenPayments(tx, s.clock, { purpose: 'test.payment', reference: order.reference }),
        ),
      ).toEqual({ abandoned: 0 });
      // The janitor's next run (due now, not 5 minutes later): asked once, closed there.
      expect(await janitor()).toEqual({ asked: 1, settled: 0, closed: 1, stillOpen: 0, endedAtChannel: 0 });
      expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('closed');
      const [trade] = await s.ctx.database.db
        .select()
        .from(paymentsSandboxTrades)
        .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
      expect(trade?.state).toBe('closed');
      const late = await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${cashier}/pay` });
      expect(late.statusCode).toBeGreaterThanOrEqual(400);
      expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('closed');
    });
  }

  test('an abandoned payment paid just before the close is applied as paid (its owner refunds it); one never submitted is closed at once', async () => {
    const order = await start('alipay', 1_000);
    const paid = await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/cashier/${order.cashierUrl?.split('/').at(-1)}/pay`,
    });
    expect(paid.statusCode).toBe(200);
    // The callback has not arrived when the owner gives the payment up.
    await runCommand(s.ctx.database, (tx) =>
      abandonOpenPayments(tx, s.clock, { purpose: 'test.payment', reference: order.reference }),
    );
    expect(await janitor()).toMatchObject({ asked: 1, settled: 1, closed: 0 });
    expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('succeeded');

    // Recorded but never submitted (its request died before the channel was asked).
    const created = await runCommand(s.ctx.database, (tx) =>
      createPaymentOrder(tx, s.clock, {
        channel: 'wechatpay',
        customerId: 'cus_janx',
        amountMinor: 500,
        description: '租金',
        purpose: 'test.payment',
        reference: 'jan-unsubmitted',
        creditAccountId,
      }),
    );
    await runCommand(s.ctx.database, (tx) =>
      abandonOpenPayments(tx, s.clock, { purpose: 'test.payment', reference: 'jan-unsubmitted' }),
    );
    expect(await getPaymentOrder(s.ctx.database.db, created.id)).toMatchObject({ state: 'closed', nextQueryAt: null });
    expect(await changesOf(created.id)).toEqual(['created>closed:abandoned']);
    // Nothing for the submission sweep: it is not sent to the channel later.
    const [row] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxTrades)
      .where(eq(paymentsSandboxTrades.outTradeNo, created.outTradeNo));
    expect(row).toBeUndefined();
  });
});
