// Settling with funders over HTTP with real numbers (issue #15, docs/installment.md "Settlement" and
// "Cancelling a funded order"): the ¥6,000.00 12-month 等额本息 order at 12 % funded 80 % / 75 %;
// after two periods the funder is owed ¥423.47 + ¥423.70 = ¥847.17, a settlement run pays exactly that
// (above the ¥500.00 approval threshold: held, rejected once, then approved by a second staff member),
// a third period's ¥423.xx is paid at once (below it), the statement shows the settlements; a second
// delivery of a payment's event splits nothing twice; and a funded order cancelled before its first
// period bill gives the funder back its ¥4,800.00 disbursement — 1200, 1210 and 4050 where they were,
// the trial balance balanced.
import { createInstallmentOffer, publishProduct } from '@zulin/catalog';
import { runTick, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { type Clock, today } from '@zulin/kernel';
import { assertLedgerConsistent, listTransfers, trialBalance } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { installmentDeps } from './deps';
import { recordFunderCollection } from './record-funder-collection';

function testIdNumber(sequence: number, birth: string): string {
  const first17 = `110101${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

describeDb('installment funder settlements and cancel', (get) => {
  let s: TestServer;
  let skuId: string;
  let offerId: string;
  let birthDay = 0;
  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown, key?: string) =>
    s.app.inject({
      method,
      url,
      payload: payload as object,
      headers: { ...(token ? bearer(token) : {}), ...(key ? { 'idempotency-key': key } : {}) },
    });
  const verifiedCustomer = async (sequence: number) => {
    birthDay += 1;
    const birth = `1992${String(1 + Math.floor(birthDay / 28)).padStart(2, '0')}${String(1 + (birthDay % 28)).padStart(2, '0')}`;
    const phone = `${randomTestPhone().slice(0, -1)}0`;
    const customer = { ...(await signInTestCustomer(s, phone)), phone };
    const verified = await call(customer.token, 'POST', '/v1/me/identity', {
      name: '王五',
      idNumber: testIdNumber(sequence, birth),
    });
    expect(verified.statusCode).toBe(200);
    return customer;
  };
  const fund = async (customerId: string, amountMinor: number) => {
    const account = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customerId));
    await fundTestAccount(s.ctx.database.db, s.clock, account.id, amountMinor);
  };
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const runBillTick = async () => {
    const tick = s.worker.ticks.find((t) => t.name === 'installment.issue_period_bills');
    if (!tick) throw new Error('no bill tick');
    return runTick(s.ctx.database.db, s.clock as Clock, tick, today(s.clock, s.ctx.config.timeZone), { force: true });
  };
  const net = async (code: number) => {
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    return tb.accounts
      .filter((a) => a.code === code)
      .reduce((sum, a) => sum + a.debitsPostedMinor - a.creditsPostedMinor, 0);
  };
  const setDay = (date: string) => s.clock.set(`${date}T02:00:00Z`);
  const signOrder = async (customer: { token: string; phone: string }, order: { id: string; contractId: string }) => {
    const sent = await call(customer.token, 'POST', `/v1/contracts/${order.contractId}/sign-codes`);
    expect(sent.statusCode).toBe(202);
    const sms = await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(customer.phone)}` });
    return call(customer.token, 'POST', `/v1/installment-orders/${order.id}/sign`, {
      code: sms.json().data[0].code,
      signature: { kind: 'typed', name: '王五' },
    });
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    const now = s.clock.now();
    const stock = await createTestStock(s.ctx.database.db, { units: 20, now, marketPriceMinor: 600_000 });
    await publishProduct(s.ctx.database.db, { productId: stock.productId, actor: { kind: 'system' }, now });
    skuId = stock.skuId;
    const offer = await transaction(s.ctx.database, (tx) =>
      createInstallmentOffer(tx, {
        input: { skuId, termMonths: 12, annualRateBps: 1200, method: 'equal_installment', downPaymentBps: 0 },
        actor: { kind: 'system' },
        now,
      }),
    );
    offerId = offer.id;
  });
  afterAll(async () => {
    await s?.close();
  });

  test('after two periods the funder is paid exactly its share; maker–checker; a small run pays at once; the statement', async () => {
    setDay('2026-03-02');
    let admin = await signInTestStaff(s, 'admin');
    let finance = await signInTestStaff(s, 'finance');
    let operator = await signInTestStaff(s, 'operator');
    const staffAgain = async () => {
      admin = await signInTestStaff(s, 'admin');
      finance = await signInTestStaff(s, 'finance');
      operator = await signInTestStaff(s, 'operator');
    };
    const funder = (
      await call(admin.token, 'POST', '/v1/admin/installment-funders', {
        name: `结算资金方 ${Date.now()}`,
        principalShareBps: 8000,
        interestShareBps: 7500,
      })
    ).json();
    const wang = await verifiedCustomer(811);
    const order = (await call(wang.token, 'POST', '/v1/installment-orders', { skuId, offerId })).json();
    expect(
      (await call(finance.token, 'POST', `/v1/admin/installment-orders/${order.id}/funder`, { funderId: funder.id }))
        .statusCode,
    ).toBe(200);
    expect((await signOrder(wang, order)).statusCode).toBe(200);
    await drain();
    // Nothing collected yet: nothing to settle.
    const empty = (
      await call(finance.token, 'GET', `/v1/admin/installment-funders/${funder.id}/settlement-preview`)
    ).json();
    expect(empty).toMatchObject({
      amountMinor: 0,
      from: { code: 2210 },
      to: { code: 1100 },
      approvalAboveMinor: 50_000,
    });
    const nothing = await call(finance.token, 'POST', `/v1/admin/installment-funders/${funder.id}/settlements`, {
      amountMinor: 1,
      bankReference: 'X',
    });
    expect(nothing.json().code).toBe('INSTALLMENT_SETTLEMENT_NOTHING_OWED');

    const payPeriod = async (day: string, period: number) => {
      setDay(day);
      const customer = await signInTestCustomer(s, wang.phone);
      await runBillTick();
      await fund(wang.customerId, 100_000);
      const view = (await call(customer.token, 'GET', `/v1/installment-orders/${order.id}`)).json();
      const row = view.schedule[period - 1];
      const paid = await call(customer.token, 'POST', `/v1/bills/${row.billId}/pay`, { method: 'wallet' });
      expect(paid.statusCode).toBe(201);
      await drain();
      return row as { billId: string; principalMinor: number; interestMinor: number; paymentMinor: number };
    };
    const payable = async () => -(await net(2210));
    const payableBefore = await payable();
    const p1 = await payPeriod('2026-03-27', 1);
    expect(p1).toMatchObject({ principalMinor: 47_309, interestMinor: 6_000, paymentMinor: 53_309 });
    expect((await payable()) - payableBefore).toBe(42_347);

    // A second delivery of period 1's billing.bill_paid splits nothing twice (the payment id keys it).
    await staffAgain();
    const bill1 = await call(operator.token, 'GET', `/v1/admin/installment-orders/${order.id}`);
    const paymentId = bill1.json().funder.collections[0].paymentId;
    const again = await transaction(s.ctx.database, (tx) =>
      recordFunderCollection(tx, installmentDeps(s.ctx), { billId: p1.billId, paymentId }),
    );
    expect(again).toMatchObject({ paymentId, funderShareMinor: 42_347 });
    expect((await payable()) - payableBefore).toBe(42_347);

    // Period 2: ¥533.09 = principal 477.82 + interest 55.27; the funder ⌊95,091 × 80 %⌋ − 37,847 = 38,225
    // and ⌊11,527 × 75 %⌋ − 4,500 = 4,145: 42,370. Owed after two periods: 84,717.
    const p2 = await payPeriod('2026-04-25', 2);
    expect(p2).toMatchObject({ principalMinor: 47_782, interestMinor: 5_527, paymentMinor: 53_309 });
    expect((await payable()) - payableBefore).toBe(84_717);
    await staffAgain();

    const preview = (
      await call(finance.token, 'GET', `/v1/admin/installment-funders/${funder.id}/settlement-preview`)
    ).json();
    expect(preview).toMatchObject({
      funderId: funder.id,
      amountMinor: 84_717,
      periodFrom: '2026-03-27',
      periodTo: '2026-04-25',
      from: { accountId: funder.payableAccountId, code: 2210 },
      to: { code: 1100 },
      pendingSettlementId: null,
    });
    // Operators read nothing of it and run nothing; a stale amount is refused.
    expect(
      (
        await call(operator.token, 'POST', `/v1/admin/installment-funders/${funder.id}/settlements`, {
          amountMinor: 84_717,
          bankReference: 'ICBC-1',
        })
      ).statusCode,
    ).toBe(403);
    const stale = await call(finance.token, 'POST', `/v1/admin/installment-funders/${funder.id}/settlements`, {
      amountMinor: 42_347,
      bankReference: 'ICBC-1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('INSTALLMENT_SETTLEMENT_AMOUNT_CHANGED');

    // ¥847.17 > ¥500.00: held for approval. Replaying the key answers the same settlement.
    const clearingBefore = await net(1100);
    const receivableBefore = await net(1200);
    const key = `fst-${Date.now()}`;
    const run = { amountMinor: 84_717, bankReference: 'ICBC-20260425-0001' };
    const made = await call(finance.token, 'POST', `/v1/admin/installment-funders/${funder.id}/settlements`, run, key);
    expect(made.statusCode).toBe(201);
    const settlement = made.json();
    expect(settlement).toMatchObject({
      id: expect.stringMatching(/^fst_/),
      status: 'pending_approval',
      amountMinor: 84_717,
      periodFrom: '2026-03-27',
      periodTo: '2026-04-25',
      paidOn: null,
    });
    const replay = await call(
      finance.token,
      'POST',
      `/v1/admin/installment-funders/${funder.id}/settlements`,
      run,
      key,
    );
    expect(replay.json().id).toBe(settlement.id);
    const held = (
      await call(finance.token, 'GET', `/v1/admin/installment-funders/${funder.id}/settlement-preview`)
    ).json();
    expect(held).toMatchObject({ amountMinor: 0, pendingSettlementId: settlement.id });
    expect(
      (await call(admin.token, 'POST', `/v1/admin/installment-funders/${funder.id}/settlements`, run)).json().code,
    ).toBe('INSTALLMENT_SETTLEMENT_PENDING');
    // Posted nothing yet: the hold is pending.
    expect(await net(1100)).toBe(clearingBefore);
    expect((await payable()) - payableBefore).toBe(84_717);

    // The maker may not decide it; a second person rejects it: owed again.
    const self = await call(finance.token, 'POST', `/v1/admin/installment-funder-settlements/${settlement.id}/approve`);
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('INSTALLMENT_SETTLEMENT_SELF_APPROVAL');
    const rejected = await call(
      admin.token,
      'POST',
      `/v1/admin/installment-funder-settlements/${settlement.id}/reject`,
      {
        reason: '银行流水号有误',
      },
    );
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '银行流水号有误' });
    expect(
      (await call(finance.token, 'GET', `/v1/admin/installment-funders/${funder.id}/settlement-preview`)).json(),
    ).toMatchObject({ amountMinor: 84_717, pendingSettlementId: null });

    // Run again, approved by admin: 2210 pays exactly 84,717 out through the bank clearing account, and
    // with it the funder pays for its ¥4,800.00 disbursement (bank clearing ← 1200, funder-receivable.ts):
    // the funder's part of 1200 and its 2210 are both at zero.
    const second = (
      await call(finance.token, 'POST', `/v1/admin/installment-funders/${funder.id}/settlements`, {
        amountMinor: 84_717,
        bankReference: 'ICBC-20260425-0002',
      })
    ).json();
    const approved = await call(admin.token, 'POST', `/v1/admin/installment-funder-settlements/${second.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'paid', paidOn: '2026-04-25', amountMinor: 84_717 });
    expect((await payable()) - payableBefore).toBe(0);
    expect((await net(1100)) - clearingBefore).toBe(480_000 - 84_717);
    expect((await net(1200)) - receivableBefore).toBe(-480_000);
    expect(await net(1200)).toBe(0);
    const rcv = await transaction(s.ctx.database, (tx) =>
      listTransfers(tx, { reference: second.id, code: 'installment.funder_receivable_paid' }),
    );
    expect(rcv.data.map((t) => t.amountMinor)).toEqual([480_000]);
    const twice = await call(admin.token, 'POST', `/v1/admin/installment-funder-settlements/${second.id}/approve`);
    expect(twice.json().code).toBe('INSTALLMENT_SETTLEMENT_DECIDED');

    // Period 3 (principal 482.60 + interest 50.49): ⌊143,351 × 80 %⌋ − 76,072 = 38,608 and
    // ⌊16,576 × 75 %⌋ − 8,645 = 3,787: 42,395 ≤ ¥500.00, paid at once; the period starts after the last one.
    const p3 = await payPeriod('2026-05-26', 3);
    expect(p3).toMatchObject({ principalMinor: 48_260, interestMinor: 5_049 });
    await staffAgain();
    const small = await call(finance.token, 'POST', `/v1/admin/installment-funders/${funder.id}/settlements`, {
      amountMinor: 42_395,
      bankReference: 'ICBC-20260526-0001',
    });
    expect(small.json()).toMatchObject({
      status: 'paid',
      amountMinor: 42_395,
      periodFrom: '2026-04-26',
      periodTo: '2026-05-26',
      paidOn: '2026-05-26',
    });
    expect((await payable()) - payableBefore).toBe(0);
    // Paid at once: the disbursement was paid for with the last settlement, so nothing more of 1200.
    expect((await net(1100)) - clearingBefore).toBe(480_000 - 84_717 - 42_395);
    expect(await net(1200)).toBe(0);
    const listed = (await call(finance.token, 'GET', `/v1/admin/installment-funders/${funder.id}/settlements`)).json();
    expect(listed.items.map((x: { status: string; amountMinor: number }) => `${x.status} ${x.amountMinor}`)).toEqual([
      'paid 42395',
      'paid 84717',
      'rejected 84717',
    ]);

    // April's statement: period 2's collection, then the settlement paid in April.
    const april = await call(finance.token, 'GET', `/v1/admin/installment-funders/${funder.id}/statements/2026-04`);
    const lines = april.body.replace('\uFEFF', '').trim().split('\n');
    expect(lines[1]).toBe(`${order.id},period,2,533.09,477.82,55.27,382.25,41.45,423.70,109.39,2026-04-25`);
    expect(lines).toContain(`${second.id},2026-03-27,2026-04-25,847.17,ICBC-20260425-0002,2026-04-25`);
    expect(april.body).not.toContain(settlement.id);
    const audit = (await call(admin.token, 'GET', `/v1/admin/audit-log?targetId=${funder.id}`)).json();
    for (const action of [
      'installment.funder_settlement_proposed',
      'installment.funder_settlement_rejected',
      'installment.funder_settlement_approved',
      'installment.funder_settlement_paid',
    ]) {
      expect(JSON.stringify(audit)).toContain(action);
    }
    // A payoff the same day is split in the payment's own transaction (no worker run in between): the
    // funder's principal reaches exactly its ¥4,800.00 — ⌊600,000 × 80 %⌋ − ⌊143,351 × 80 %⌋ = 365,320.
    const wangNow = await signInTestCustomer(s, wang.phone);
    await fund(wang.customerId, 600_000);
    const payoff = await call(wangNow.token, 'POST', `/v1/installment-orders/${order.id}/prepay`, {
      strategy: 'payoff',
    });
    expect(payoff.statusCode).toBe(200);
    const split = (await call(finance.token, 'GET', `/v1/admin/installment-orders/${order.id}`)).json().funder;
    const payoffRow = split.collections.find((c: { billKind: string }) => c.billKind === 'payoff');
    expect(payoffRow).toMatchObject({ principalMinor: 600_000 - 143_351 });
    const principalCodes = (await call(finance.token, 'GET', `/v1/admin/installment-orders/${order.id}`))
      .json()
      .postings.filter((p: { code: string }) => p.code === 'installment.funder_principal')
      .map((p: { amountMinor: number }) => p.amountMinor);
    expect(principalCodes.reduce((a: number, b: number) => a + b, 0)).toBe(480_000);
    expect(principalCodes).toContain(365_320);
    const owedNow = await payable();
    await drain();
    expect(await payable()).toBe(owedNow);
    expect(
      (await call(finance.token, 'GET', `/v1/admin/installment-orders/${order.id}`)).json().funder.collections,
    ).toHaveLength(4);
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  }, 300_000);

  test('a funded order cancelled before its first period bill gives the funder back its whole disbursement', async () => {
    setDay('2026-07-01');
    const admin = await signInTestStaff(s, 'admin');
    const finance = await signInTestStaff(s, 'finance');
    const funder = (
      await call(admin.token, 'POST', '/v1/admin/installment-funders', {
        name: `撤销资金方 ${Date.now()}`,
        principalShareBps: 8000,
        interestShareBps: 7500,
      })
    ).json();
    const li = await verifiedCustomer(812);
    // The earlier test's order is due for bills on this date: issue them first, so that only this order moves.
    await runBillTick();
    await drain();
    const before = { r: await net(1200), f: await net(1210), sales: await net(4050), payable: await net(2210) };
    const order = (await call(li.token, 'POST', '/v1/installment-orders', { skuId, offerId })).json();
    expect((await signOrder(li, order)).statusCode).toBe(200);
    await drain();
    // Assigned once repaying: disbursed in the assignment's transaction, ⌊600,000 × 80 %⌋.
    const assigned = await call(finance.token, 'POST', `/v1/admin/installment-orders/${order.id}/funder`, {
      funderId: funder.id,
    });
    expect(assigned.json()).toMatchObject({ disbursedMinor: 480_000, disbursementReversedOn: null });
    expect((await net(1200)) - before.r).toBe(480_000);
    expect((await net(1210)) - before.f).toBe(600_000 - 480_000);

    const cancelled = await call(li.token, 'POST', `/v1/installment-orders/${order.id}/cancel`, { reason: '不想要了' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refundedMinor: 0 });
    // 1200, 1210, 4050 and the funder's payable are where they were before the order.
    expect(await net(1200)).toBe(before.r);
    expect(await net(1210)).toBe(before.f);
    expect(await net(4050)).toBe(before.sales);
    expect(await net(2210)).toBe(before.payable);
    const page = (await call(finance.token, 'GET', `/v1/admin/installment-orders/${order.id}`)).json();
    expect(page.funder).toMatchObject({
      disbursedMinor: 480_000,
      disbursementReversedOn: '2026-07-01',
      collections: [],
    });
    const reversal = page.postings.find((p: { code: string }) => p.code === 'installment.funder_disbursement_reversed');
    expect(reversal).toMatchObject({ amountMinor: 480_000, debit: { code: 1210 }, credit: { code: 1200 } });
    const funders = (await call(finance.token, 'GET', '/v1/admin/installment-funders')).json();
    expect(funders.items.find((f: { id: string }) => f.id === funder.id)).toMatchObject({
      ordersFunded: 1,
      disbursedMinor: 0,
    });
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    expect(tb.balanced).toBe(true);
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  }, 240_000);
});
