// Orders recorded by a command and left unsubmitted (the process died after the commit) are sent by
// the submission sweep once they are a minute old, and not before; submitting again is harmless
// (the channel answers the same trade for the same out_trade_no).
import type { AddressInfo } from 'node:net';
import type { Database } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { assertLedgerConsistent, channelClearingAccount, getBalances, platformAccount } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { configuredPaymentChannel, paymentChannelClient } from './channel-client-of';
import { usePaymentsBaseUrl } from './channel-settings';
import { createPaymentOrder, getPaymentOrder } from './payment-orders';
import { recheckPayments } from './recheck-payments';
import { paymentsSandboxTrades } from './schema';
import { submitCreatedPayments, submitPayment } from './submit-payment';

describeDb('submitting recorded payments', (get) => {
  let s: TestServer;
  let creditAccountId: string;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the sweep submits an order left created, after the grace minute; a second submission is the same trade', async () => {
    const orders = await Promise.all(
      (['wechatpay', 'alipay'] as const).map((channel, i) =>
        s.ctx.database.db.transaction((tx) =>
          createPaymentOrder(tx, s.clock, {
            channel,
            customerId: `cus_submit${i}`,
            amountMinor: 1 + i * 99_999_999,
            description: '租金',
            purpose: 'test.payment',
            reference: `submit${i}`,
            creditAccountId,
          }),
        ),
      ),
    );
    const sweep = () =>
      submitCreatedPayments(s.ctx.database, {
        clock: s.clock,
        clientOf: (channel) => paymentChannelClient(s.ctx, channel),
      });
    // Just recorded: its request may still be submitting it.
    expect(await sweep()).toMatchObject({ submitted: 0 });
    s.clock.advance(61_000);
    expect(await sweep()).toEqual({ submitted: 2, pending: 2, unknown: 0, failed: 0 });
    for (const order of orders) {
      const after = await getPaymentOrder(s.ctx.database.db, order.id);
      expect(after).toMatchObject({ state: 'pending', amountMinor: order.amountMinor });
      expect(after.cashierUrl).toMatch(/cashier/);
      // Submitting a pending order calls nothing and answers it as it is.
      const again = await submitPayment(
        s.ctx.database,
        { clock: s.clock, client: await paymentChannelClient(s.ctx, order.channel) },
        order.id,
      );
      expect(again.state).toBe('pending');
      const trades = await s.ctx.database.db
        .select()
        .from(paymentsSandboxTrades)
        .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
      expect(trades).toHaveLength(1);
    }
    expect(await sweep()).toMatchObject({ submitted: 0 });
  });

  /** The database whose next transaction fails (the bookkeeping after the channel answered). */
  const failingNextTransaction = (database: Database): Database => {
    let failed = false;
    const db = new Proxy(database.db, {
      get(target, key, receiver) {
        if (key === 'transaction' && !failed) {
          failed = true;
          return async () => {
            throw new Error('injected: the database went away after the channel answered');
          };
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { ...database, db } as Database;
  };

  for (const channel of ['wechatpay', 'alipay'] as const) {
    test(`${channel}: the channel's answer to our create is not lost when recording it fails — the trade is paid meanwhile, its callback lost; the sweep's resubmission hears "already paid" and the janitor applies the payment once`, async () => {
      const order = await s.ctx.database.db.transaction((tx) =>
        createPaymentOrder(tx, s.clock, {
          channel,
          customerId: `cus_lost_${channel}`,
          amountMinor: 8_888,
          description: '租金',
          purpose: 'test.payment',
          reference: `lost_${channel}`,
          creditAccountId,
        }),
      );
      const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, channel);
      const balance = async (accountId: string) => {
        const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
        return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
      };
      const before = await balance(clearing.id);
      const client = await paymentChannelClient(s.ctx, channel);
      await expect(
        submitPayment(failingNextTransaction(s.ctx.database), { clock: s.clock, client }, order.id),
      ).rejects.toThrow(/injected/);
      // The channel opened the trade; we recorded nothing.
      expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('created');
      const [trade] = await s.ctx.database.db
        .select()
        .from(paymentsSandboxTrades)
        .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
      expect(trade?.state).toBe('open');
      // The payer pays that trade; the channel's callback is lost.
      await s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: { loseNextCallbacks: 1 } });
      const paid = await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${trade?.id}/pay` });
      expect(paid.statusCode).toBe(200);
      // The submission sweep sends it again: the channel answers that the trade is already paid. That
      // is no failure: the order waits for the janitor's question.
      s.clock.advance(61_000);
      await submitCreatedPayments(s.ctx.database, {
        clock: s.clock,
        clientOf: (c) => paymentChannelClient(s.ctx, c),
      });
      const waiting = await getPaymentOrder(s.ctx.database.db, order.id);
      expect(waiting.state).toBe('unknown');
      expect(waiting.nextQueryAt).not.toBeNull();
      s.clock.advance(300_000);
      expect(
        await recheckPayments(s.ctx.database, {
          clock: s.clock,
          channelOf: (c) => configuredPaymentChannel(s.ctx, c),
        }),
      ).toMatchObject({ settled: 1 });
      expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({
        state: 'succeeded',
        channelTradeNo: trade?.channelTradeNo,
      });
      expect(await balance(clearing.id)).toBe(before - 8_888);
      await assertLedgerConsistent(s.ctx.database.db);
      await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
    });
  }
});
