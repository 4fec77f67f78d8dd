// Reconciliation end to end: a day of sandbox payments — one clean, one whose callback the sandbox
// dropped, one the channel has no trace of, one whose amount the channel reports 100× (元 for 分,
// seed 003), one paid after we closed it — then the next day the channel's own statement file is
// read and every case is found; the dropped one is recovered as paid, the late one is in suspense.
import type { AddressInfo } from 'node:net';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { addDays, today } from '@zulin/kernel';
import { assertLedgerConsistent, getTransfer, platformAccount } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { configuredPaymentChannel, paymentChannelClient } from './channel-client-of';
import { usePaymentsBaseUrl } from './channel-settings';
import { closePayment } from './close-payment';
import { deliverSandboxCallbacksManually } from './deliver-sandbox-callbacks';
import { getPaymentOrder } from './payment-orders';
import { recheckPayments } from './recheck-payments';
import { paymentsOrders, paymentsSandboxTrades } from './schema';
import { sandboxPaymentsKit } from './testing';

describeDb('reconciliation', (get) => {
  let s: TestServer;
  let creditAccountId: string;
  const { knobs, start, pay, deliver } = sandboxPaymentsKit(() => s, {
    prefix: 'rec',
    description: '租金',
    creditAccountId: () => creditAccountId,
  });
  const atSandbox = (outTradeNo: string) => and(eq(paymentsSandboxTrades.outTradeNo, outTradeNo));

  beforeAll(async () => {
    // 11:00 in Shanghai: the whole day's payments fall on one business date.
    const d = new Date();
    d.setUTCHours(3, 0, 0, 0);
    s = await createTestServer(get().database, { modules, now: d.toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    // This file counts and steers each callback delivery itself.
    deliverSandboxCallbacksManually(s.ctx);
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const channel of ['wechatpay', 'alipay'] as const) {
    test(`${channel}: the statement finds the dropped callback (recovered), the missing trade, the 100× amount and the late payment`, async () => {
      await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
      const day = today(s.clock, s.ctx.config.timeZone);
      const clean = await start(channel, 10_000);
      await pay(clean.cashierUrl);
      await deliver();

      const dropped = await start(channel, 2_500);
      await knobs({ loseNextCallbacks: 1 });
      await pay(dropped.cashierUrl);
      await deliver();
      expect((await getPaymentOrder(s.ctx.database.db, dropped.id)).state).toBe('pending');

      const vanished = await start(channel, 3_000);
      await pay(vanished.cashierUrl);
      await deliver();
      const scaled = await start(channel, 1_234);
      await pay(scaled.cashierUrl);
      await deliver();
      // The channel's side: one trade it has no record of as paid, one it reports at 100× (元 for 分).
      await s.ctx.database.db
        .update(paymentsSandboxTrades)
        .set({ state: 'closed' })
        .where(atSandbox(vanished.outTradeNo));
      await s.ctx.database.db
        .update(paymentsSandboxTrades)
        .set({ amountMinor: 123_400 })
        .where(atSandbox(scaled.outTradeNo));

      const late = await start(channel, 700);
      const { merchantId } = (await configuredPaymentChannel(s.ctx, channel)) ?? { merchantId: '' };
      await closePayment(
        s.ctx.database,
        { clock: s.clock, client: await paymentChannelClient(s.ctx, channel), merchantId },
        late.id,
      );
      await knobs({ allowPaymentAfterClose: true });
      await pay(late.cashierUrl);
      await deliver();

      s.clock.advance(86_400_000);
      const finance = await signInTestStaff(s, 'finance');
      const ran = await s.app.inject({
        method: 'POST',
        url: '/v1/admin/reconciliation',
        headers: bearer(finance.token),
        payload: { channel, businessDate: day },
      });
      expect(ran.statusCode).toBe(201);
      const run = ran.json();
      expect(run).toMatchObject({
        channel,
        businessDate: day,
        statementCount: 4, // clean, dropped, scaled, late
        // clean, vanished, scaled, and dropped: recovered by this run, completed at the channel's time on the day.
        ourCount: 4,
        matchedCount: 1,
        mismatchCount: 4,
        statementTotalMinor: 10_000 + 2_500 + 123_400 + 700,
        ourTotalMinor: 10_000 + 2_500 + 3_000 + 1_234,
      });
      // 0.6 % of each statement row, summed in thousandths of a fen, rounded once (Alipay rounds per row).
      expect(run.feeTotalMinor).toBe(channel === 'wechatpay' ? Math.round((136_600 * 6) / 1000) : 60 + 15 + 740 + 4);
      const byNo = new Map(run.mismatches.map((m: { outTradeNo: string }) => [m.outTradeNo, m]));
      expect(byNo.get(dropped.outTradeNo)).toMatchObject({
        kind: 'missing_ours',
        resolution: 'recovered',
        paymentId: dropped.id,
      });
      expect(byNo.get(vanished.outTradeNo)).toMatchObject({
        kind: 'missing_theirs',
        resolution: 'none',
        ourAmountMinor: 3_000,
      });
      expect(byNo.get(scaled.outTradeNo)).toMatchObject({
        kind: 'amount_differs',
        resolution: 'none',
        ourAmountMinor: 1_234,
        theirAmountMinor: 123_400,
      });
      expect(byNo.get(late.outTradeNo)).toMatchObject({
        kind: 'missing_ours',
        resolution: 'suspense',
        paymentId: late.id,
      });
      expect((await getPaymentOrder(s.ctx.database.db, dropped.id)).state).toBe('succeeded');
      expect((await getPaymentOrder(s.ctx.database.db, late.id)).state).toBe('closed');

      const listed = await s.app.inject({
        method: 'GET',
        url: `/v1/admin/reconciliation?channel=${channel}&businessDate=${day}`,
        headers: bearer(finance.token),
      });
      expect(listed.json().data[0]).toMatchObject({ id: run.id, mismatchCount: 4 });
      expect(listed.json().data[0].mismatches).toHaveLength(4);
      // Running the day again finds the dropped one matched now; nothing is applied twice.
      const again = await s.app.inject({
        method: 'POST',
        url: '/v1/admin/reconciliation',
        headers: bearer(finance.token),
        payload: { channel, businessDate: day },
      });
      expect(again.json()).toMatchObject({ matchedCount: 2, mismatchCount: 3 });
      const tomorrow = await s.app.inject({
        method: 'POST',
        url: '/v1/admin/reconciliation',
        headers: bearer(finance.token),
        payload: { channel, businessDate: addDays(day, 1) },
      });
      expect(tomorrow.json().code).toBe('PAYMENTS_STATEMENT_NOT_READY');
      const support = await signInTestStaff(s, 'support');
      expect(
        (await s.app.inject({ method: 'GET', url: '/v1/admin/reconciliation', headers: bearer(support.token) }))
          .statusCode,
      ).toBe(403);
      await assertLedgerConsistent(s.ctx.database.db);
    });
  }

  for (const channel of ['wechatpay', 'alipay'] as const) {
    test(`${channel}: paid at 23:59:30 on day D, learnt after midnight — completed on D, matched by D's statement, not missing from D+1's`, async () => {
      await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
      // To the next 23:59:10 in Shanghai (15:59:10 UTC).
      const next = new Date(s.clock.now());
      next.setUTCHours(15, 59, 10, 0);
      if (next <= s.clock.now()) next.setUTCDate(next.getUTCDate() + 1);
      s.clock.advance(next.getTime() - s.clock.now().getTime());
      const day = today(s.clock, s.ctx.config.timeZone);
      // Two callbacks lost: one payment learnt by the janitor's query, one by the reconciliation.
      const queried = await start(channel, 4_200);
      const reconciled = await start(channel, 5_300);
      await knobs({ loseNextCallbacks: 2 });
      // The second is not asked by the janitor before the statement (its question not yet due).
      await s.ctx.database.db
        .update(paymentsOrders)
        .set({ nextQueryAt: new Date(s.clock.now().getTime() + 2 * 86_400_000) })
        .where(eq(paymentsOrders.id, reconciled.id));
      s.clock.advance(20_000);
      const paidAt = s.clock.now(); // 23:59:30
      await pay(queried.cashierUrl);
      await pay(reconciled.cashierUrl);
      await deliver();
      expect((await getPaymentOrder(s.ctx.database.db, queried.id)).state).toBe('pending');

      // 00:05 on D + 1: the janitor asks (the order's first question is due 5 min after its create).
      s.clock.advance(5 * 60_000 + 30_000);
      const learnt = s.clock.now();
      expect(today(s.clock, s.ctx.config.timeZone)).toBe(addDays(day, 1));
      const janitor = await recheckPayments(s.ctx.database, {
        clock: s.clock,
        channelOf: (c) => configuredPaymentChannel(s.ctx, c),
      });
      expect(janitor).toMatchObject({ asked: 1, settled: 1 });
      const recovered = await getPaymentOrder(s.ctx.database.db, queried.id);
      expect(recovered).toMatchObject({ state: 'succeeded', completedAt: paidAt, updatedAt: learnt });
      // The ledger posts when we learn it.
      expect((await getTransfer(s.ctx.database.db, `txn_pay_${queried.id}`)).recordedAt).toEqual(learnt);

      // 10:00 on D + 1: D's statement holds both; the one the janitor recovered is matched, the other recovered now.
      s.clock.advance(10 * 3_600_000);
      const reconcile = async (businessDate: string) =>
        s.app.inject({
          method: 'POST',
          url: '/v1/admin/reconciliation',
          headers: bearer((await signInTestStaff(s, 'finance')).token),
          payload: { channel, businessDate },
        });
      const ofD = (await reconcile(day)).json();
      // Ours on D: both (the one recovered by this run counts on the channel's day too).
      expect(ofD).toMatchObject({ statementCount: 2, ourCount: 2, matchedCount: 1, mismatchCount: 1 });
      expect(ofD.mismatches).toEqual([
        expect.objectContaining({ kind: 'missing_ours', resolution: 'recovered', outTradeNo: reconciled.outTradeNo }),
      ]);
      expect(await getPaymentOrder(s.ctx.database.db, reconciled.id)).toMatchObject({
        state: 'succeeded',
        completedAt: paidAt,
        updatedAt: s.clock.now(),
      });
      // D again: both ours on D now, both matched.
      expect((await reconcile(day)).json()).toMatchObject({ ourCount: 2, matchedCount: 2, mismatchCount: 0 });
      // 10:00 on D + 2: D + 1's statement has neither, and neither is ours on D + 1 (no missing_theirs).
      s.clock.advance(86_400_000);
      const ofNext = (await reconcile(addDays(day, 1))).json();
      expect(ofNext).toMatchObject({ statementCount: 0, ourCount: 0, mismatchCount: 0 });
      await assertLedgerConsistent(s.ctx.database.db);
    });
  }
});
