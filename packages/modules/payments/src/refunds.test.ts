// Refunds end to end: a payment paid at the sandbox cashier, refunded in part and in full through
// the channel's own refund API, with maker–checker above the threshold and the ledger reversing
// exactly what was refunded.
import type { AddressInfo } from 'node:net';
import type { Database } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { assertLedgerConsistent, channelClearingAccount, getBalances, platformAccount } from '@zulin/ledger';
import { runCommand } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { paymentChannelClient } from './channel-client-of';
import { usePaymentsBaseUrl } from './channel-settings';
import { decideRefund } from './decide-refund';
import { deliverSandboxCallbacks, deliverSandboxCallbacksManually } from './deliver-sandbox-callbacks';
import { getPaymentOrder } from './payment-orders';
import { getRefund } from './refunds';
import { requestRefund } from './request-refund';
import { sandboxKeys } from './sandbox-keys';
import { paymentsSandboxTrades } from './schema';
import { sendApprovedRefunds } from './send-approved-refunds';
import { sendRefund } from './send-refund';
import { startPayment } from './start-payment';

describeDb('refunds through the sandbox', (get) => {
  let s: TestServer;
  let creditAccountId: string;
  let n = 0;
  const balance = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const paid = async (channel: 'wechatpay' | 'alipay', amountMinor: number) => {
    const client = await paymentChannelClient(s.ctx, channel);
    const order = await startPayment(
      s.ctx.database,
      { clock: s.clock, client },
      {
        customerId: `cus_ref${n++}`,
        amountMinor,
        description: '租金',
        purpose: 'test.payment',
        reference: `ref${n}`,
        creditAccountId,
      },
    );
    await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/cashier/${order.cashierUrl?.split('/').at(-1)}/pay`,
    });
    const keys = await sandboxKeys(s.ctx.database.db, s.clock.now());
    await deliverSandboxCallbacks(s.ctx.database.db, {
      clock: s.clock,
      keys,
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    const done = await getPaymentOrder(s.ctx.database.db, order.id);
    expect(done.state).toBe('succeeded');
    return { order: done, client };
  };
  const ask = (orderId: string, outRequestNo: string, amountMinor: number, staffId = 'stf_maker') =>
    runCommand(s.ctx.database, (tx) =>
      requestRefund(
        tx,
        { clock: s.clock, approvalAboveMinor: 10_000 },
        { orderId, outRequestNo, amountMinor, reason: '设备故障', staffId },
      ),
    );
  const refundedAtSandbox = async (outTradeNo: string) => {
    const [trade] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxTrades)
      .where(and(eq(paymentsSandboxTrades.outTradeNo, outTradeNo)));
    return trade?.refundedMinor;
  };

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

  test('wechatpay: a partial refund under the threshold goes at once; the rest, above it, needs a second staff member; never more than paid', async () => {
    const { order, client } = await paid('wechatpay', 30_000);
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'wechatpay');
    const before = { clearing: await balance(clearing.id), credit: await balance(creditAccountId) };
    const small = await ask(order.id, 'r1', 10_000);
    expect(small.state).toBe('approved');
    expect((await ask(order.id, 'r1', 10_000)).id).toBe(small.id);
    expect(await sendRefund(s.ctx.database, { clock: s.clock, client }, small.id)).toMatchObject({
      state: 'succeeded',
      transferId: `txn_refund_${small.id}`,
    });
    await expect(ask(order.id, 'r2', 20_001)).rejects.toMatchObject({ code: 'PAYMENTS_REFUND_EXCEEDS_PAID' });
    const big = await ask(order.id, 'r2', 20_000);
    expect(big.state).toBe('awaiting_approval');
    expect((await sendRefund(s.ctx.database, { clock: s.clock, client }, big.id)).state).toBe('awaiting_approval');
    await expect(
      runCommand(s.ctx.database, (tx) =>
        decideRefund(tx, { clock: s.clock }, { refundId: big.id, staffId: 'stf_maker', approve: true }),
      ),
    ).rejects.toMatchObject({ code: 'PAYMENTS_REFUND_SAME_STAFF' });
    // While it waits, its amount is taken: nothing more may be asked.
    await expect(ask(order.id, 'r3', 1)).rejects.toMatchObject({ code: 'PAYMENTS_REFUND_EXCEEDS_PAID' });
    const approved = await runCommand(s.ctx.database, (tx) =>
      decideRefund(tx, { clock: s.clock }, { refundId: big.id, staffId: 'stf_checker', approve: true }),
    );
    expect(approved).toMatchObject({ state: 'approved', approvedBy: 'stf_checker' });
    expect((await sendRefund(s.ctx.database, { clock: s.clock, client }, big.id)).state).toBe('succeeded');
    expect((await getPaymentOrder(s.ctx.database.db, order.id)).refundedMinor).toBe(30_000);
    expect(await refundedAtSandbox(order.outTradeNo)).toBe(30_000);
    expect(await balance(creditAccountId)).toBe(before.credit - 30_000);
    expect(await balance(clearing.id)).toBe(before.clearing + 30_000);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  for (const channel of ['wechatpay', 'alipay'] as const) {
    test(`${channel}: the channel refunded but recording its answer failed — the refund stays approved, the sweep sends it again (one out_refund_no: refunded once) and records it`, async () => {
      const { order, client } = await paid(channel, 12_000);
      const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, channel);
      const before = { clearing: await balance(clearing.id), credit: await balance(creditAccountId) };
      const refund = await ask(order.id, `lost_${channel}`, 7_000);
      expect(refund.state).toBe('approved');
      let failed = false;
      const db = new Proxy(s.ctx.database.db, {
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
      const failing = { ...s.ctx.database, db } as Database;
      await expect(sendRefund(failing, { clock: s.clock, client }, refund.id)).rejects.toThrow(/injected/);
      // The money left at the channel; our record still says approved, and nothing is posted.
      expect(await refundedAtSandbox(order.outTradeNo)).toBe(7_000);
      expect((await getRefund(s.ctx.database.db, refund.id)).state).toBe('approved');
      expect(await balance(creditAccountId)).toBe(before.credit);
      // The refund sweep sends it again: the channel answers the same refund, and it is recorded once.
      expect(
        await sendApprovedRefunds(s.ctx.database, {
          clock: s.clock,
          clientOf: (c) => paymentChannelClient(s.ctx, c),
        }),
      ).toMatchObject({ succeeded: 1 });
      expect(await getRefund(s.ctx.database.db, refund.id)).toMatchObject({ state: 'succeeded' });
      expect(await refundedAtSandbox(order.outTradeNo)).toBe(7_000);
      expect((await getPaymentOrder(s.ctx.database.db, order.id)).refundedMinor).toBe(7_000);
      expect(await balance(creditAccountId)).toBe(before.credit - 7_000);
      expect(await balance(clearing.id)).toBe(before.clearing + 7_000);
      await assertLedgerConsistent(s.ctx.database.db);
    });
  }

  test('wechatpay: the refund answer is lost to a timeout (unknown); the signed REFUND.SUCCESS callback, sent twice, completes it once', async () => {
    const { order, client } = await paid('wechatpay', 4_000);
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'wechatpay');
    const before = await balance(clearing.id);
    await s.app.inject({
      method: 'PUT',
      url: '/v1/sandbox/payments/knobs',
      payload: { timeoutNextCalls: 1, timeoutSeconds: 6, duplicateCallbacks: true },
    });
    const refund = await ask(order.id, 'lost', 4_000);
    expect((await sendRefund(s.ctx.database, { clock: s.clock, client }, refund.id)).state).toBe('unknown');
    expect(await balance(clearing.id)).toBe(before);
    const keys = await sandboxKeys(s.ctx.database.db, s.clock.now());
    await deliverSandboxCallbacks(s.ctx.database.db, {
      clock: s.clock,
      keys,
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    expect(await getRefund(s.ctx.database.db, refund.id)).toMatchObject({ state: 'succeeded' });
    expect(await balance(clearing.id)).toBe(before + 4_000);
    expect((await getPaymentOrder(s.ctx.database.db, order.id)).refundedMinor).toBe(4_000);
    await assertLedgerConsistent(s.ctx.database.db);
  }, 30_000);

  test('a rejected refund frees its amount; an unpaid order cannot be refunded', async () => {
    const { order } = await paid('alipay', 50_000);
    const big = await ask(order.id, 'big', 50_000);
    await runCommand(s.ctx.database, (tx) =>
      decideRefund(tx, { clock: s.clock }, { refundId: big.id, staffId: 'stf_checker', approve: false }),
    );
    expect((await ask(order.id, 'again', 50_000)).state).toBe('awaiting_approval');
    const client = await paymentChannelClient(s.ctx, 'alipay');
    const open = await startPayment(
      s.ctx.database,
      { clock: s.clock, client },
      {
        customerId: 'cus_open',
        amountMinor: 100,
        description: 'x',
        purpose: 'test.payment',
        reference: 'open',
        creditAccountId,
      },
    );
    await expect(ask(open.id, 'x', 100)).rejects.toMatchObject({ code: 'PAYMENTS_REFUND_NOT_PAID' });
  });

  test('property: refunds never exceed the paid amount, the channel agrees, the ledger reverses exactly what was refunded', async () => {
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20_000 }),
        fc.array(
          fc.record({ amountMinor: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 25_000 })), fail: fc.boolean() }),
          { maxLength: 4 },
        ),
        async (amountMinor, steps) => {
          await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
          const { order, client } = await paid('alipay', amountMinor);
          const before = await balance(clearing.id);
          let i = 0;
          for (const step of steps) {
            if (step.fail)
              await s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: { failNextCalls: 1 } });
            const refund = await ask(order.id, `p${i++}`, step.amountMinor).catch((error: { code?: string }) => {
              expect(error.code).toBe('PAYMENTS_REFUND_EXCEEDS_PAID');
              return undefined;
            });
            if (refund?.state === 'awaiting_approval') {
              await runCommand(s.ctx.database, (tx) =>
                decideRefund(tx, { clock: s.clock }, { refundId: refund.id, staffId: 'stf_checker', approve: true }),
              );
            }
            if (refund) await sendRefund(s.ctx.database, { clock: s.clock, client }, refund.id);
            const now = await getPaymentOrder(s.ctx.database.db, order.id);
            expect(now.refundedMinor).toBeLessThanOrEqual(now.amountMinor);
            expect(await refundedAtSandbox(order.outTradeNo)).toBe(now.refundedMinor);
            expect(await balance(clearing.id)).toBe(before + now.refundedMinor);
          }
          await assertLedgerConsistent(s.ctx.database.db);
        },
      ),
      { numRuns: 6 },
    );
  });
});
