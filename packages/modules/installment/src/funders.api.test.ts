// Funders over HTTP with real numbers: a ¥6,000.00 12-month 等额本息 order at 12 % assigned (before it
// starts) to a funder with 80 % of the principal and 75 % of the interest; the disbursement when it
// starts (¥4,800.00 from 1210 to 1200), period 1's ¥533.09 split ¥423.47 / ¥109.62 into the funder's
// payable, the console's order page, the monthly statement through the funder's own partner key and
// the console, and the refusals (a second funder, a funder after the first collection, a bad month).
import { createInstallmentOffer, publishProduct } from '@zulin/catalog';
import { runTick, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { type Clock, today } from '@zulin/kernel';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import { afterAll, beforeAll, expect, test } from 'vitest';

function testIdNumber(sequence: number, birth: string): string {
  const first17 = `110101${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

describeDb('installment funders', (get) => {
  let s: TestServer;
  let skuId: string;
  let offerId: string;
  let birthDay = 0;
  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: token ? bearer(token) : {} });
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

  test('a funded order: disbursement, period 1 split to the cent, the console, the statement by partner key', async () => {
    setDay('2026-03-02');
    let admin = await signInTestStaff(s, 'admin');
    let finance = await signInTestStaff(s, 'finance');
    let operator = await signInTestStaff(s, 'operator');
    /** Staff sign in again after the clock moves (access tokens do not live for weeks). */
    const staffAgain = async () => {
      admin = await signInTestStaff(s, 'admin');
      finance = await signInTestStaff(s, 'finance');
      operator = await signInTestStaff(s, 'operator');
    };

    // Funders are added by partners.manage (admin), audited; finance may not add one.
    const body = { name: `资金方 ${Date.now()}`, principalShareBps: 8000, interestShareBps: 7500 };
    expect((await call(finance.token, 'POST', '/v1/admin/installment-funders', body)).statusCode).toBe(403);
    const created = await call(admin.token, 'POST', '/v1/admin/installment-funders', body);
    expect(created.statusCode).toBe(201);
    const funder = created.json();
    expect(funder).toMatchObject({ id: expect.stringMatching(/^fnd_/), principalShareBps: 8000, ordersFunded: 0 });
    expect((await call(admin.token, 'POST', '/v1/admin/installment-funders', body)).json().code).toBe(
      'INSTALLMENT_FUNDER_NAME_TAKEN',
    );
    const invalid = await call(admin.token, 'POST', '/v1/admin/installment-funders', {
      ...body,
      name: 'zero',
      principalShareBps: 0,
    });
    expect(invalid.json()).toMatchObject({ code: 'INSTALLMENT_FUNDER_INVALID' });
    const list = (await call(operator.token, 'GET', '/v1/admin/installment-funders')).json();
    expect(list.items.map((f: { id: string }) => f.id)).toContain(funder.id);
    const audit = (await call(admin.token, 'GET', `/v1/admin/audit-log?targetId=${funder.id}`)).json();
    expect(JSON.stringify(audit)).toContain('installment.funder_created');

    // An order placed (¥6,000.00, no down payment) and assigned before it starts: nothing disbursed yet.
    const wang = await verifiedCustomer(801);
    const order = (await call(wang.token, 'POST', '/v1/installment-orders', { skuId, offerId })).json();
    expect(order).toMatchObject({ status: 'awaiting_signature', principalMinor: 600_000 });
    expect(
      (await call(operator.token, 'POST', `/v1/admin/installment-orders/${order.id}/funder`, { funderId: funder.id }))
        .statusCode,
    ).toBe(403);
    const assigned = await call(finance.token, 'POST', `/v1/admin/installment-orders/${order.id}/funder`, {
      funderId: funder.id,
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ funderId: funder.id, disbursedMinor: null, collections: [] });
    const again = await call(finance.token, 'POST', `/v1/admin/installment-orders/${order.id}/funder`, {
      funderId: funder.id,
    });
    expect(again.json().code).toBe('INSTALLMENT_FUNDER_ALREADY_ASSIGNED');

    // Signing starts it (no down payment): the funder pays ⌊600,000 × 80 %⌋ = 480,000 — 1200 up, 1210 down.
    const receivableBefore = await net(1200);
    const financedBefore = await net(1210);
    expect((await signOrder(wang, order)).statusCode).toBe(200);
    await drain();
    expect((await net(1200)) - receivableBefore).toBe(480_000);
    expect((await net(1210)) - financedBefore).toBe(600_000 - 480_000);

    // 2026-03-27: period 1 (due 04-02) is billed and paid: ¥533.09 = principal 473.09 + interest 60.00.
    setDay('2026-03-27');
    const wangNow = await signInTestCustomer(s, wang.phone);
    await staffAgain();
    const interestBefore = -(await net(4200));
    await runBillTick();
    await fund(wang.customerId, 1_000_000);
    const current = (await call(wangNow.token, 'GET', `/v1/installment-orders/${order.id}`)).json();
    const first = current.schedule[0];
    expect(first).toMatchObject({ principalMinor: 47_309, interestMinor: 6_000, paymentMinor: 53_309 });
    const payableBefore = -(await net(2210));
    expect((await call(wangNow.token, 'POST', `/v1/bills/${first.billId}/pay`, { method: 'wallet' })).statusCode).toBe(
      201,
    );
    await drain();
    // The funder: ⌊47,309 × 80 %⌋ = 37,847 of principal + ⌊6,000 × 75 %⌋ = 4,500 of interest = 42,347.
    expect(-(await net(2210)) - payableBefore).toBe(42_347);
    // The platform keeps 1,500 of the 6,000 interest booked as revenue when the bill was issued.
    expect(-(await net(4200)) - interestBefore).toBe(6_000 - 4_500);

    const page = (await call(operator.token, 'GET', `/v1/admin/installment-orders/${order.id}`)).json();
    expect(page.funder).toMatchObject({
      funderId: funder.id,
      funderName: body.name,
      disbursedMinor: 480_000,
      disbursedOn: '2026-03-02',
      collections: [
        {
          billId: first.billId,
          billKind: 'period',
          sequence: 1,
          collectedMinor: 53_309,
          principalMinor: 47_309,
          interestMinor: 6_000,
          otherMinor: 0,
          funderShareMinor: 42_347,
          platformShareMinor: 10_962,
          collectedOn: '2026-03-27',
        },
      ],
    });
    const codes = page.postings.map((p: { code: string; amountMinor: number }) => `${p.code} ${p.amountMinor}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'installment.funder_disbursement 480000',
        'installment.funder_principal 37847',
        'installment.funder_interest 4500',
      ]),
    );
    const principalLeg = page.postings.find((p: { code: string }) => p.code === 'installment.funder_principal');
    expect(principalLeg).toMatchObject({ debit: { code: 1210 }, credit: { code: 2210 } });

    // A second order of the customer, paid before any funder: assigning it now is refused.
    const other = (await call(wangNow.token, 'POST', '/v1/installment-orders', { skuId, offerId })).json();
    expect((await signOrder({ ...wangNow, phone: wang.phone }, other)).statusCode).toBe(200);
    await drain();
    setDay('2026-04-20');
    const wangLater = await signInTestCustomer(s, wang.phone);
    await staffAgain();
    await runBillTick();
    const otherNow = (await call(wangLater.token, 'GET', `/v1/installment-orders/${other.id}`)).json();
    expect(
      (await call(wangLater.token, 'POST', `/v1/bills/${otherNow.schedule[0].billId}/pay`, { method: 'wallet' }))
        .statusCode,
    ).toBe(201);
    const late = await call(finance.token, 'POST', `/v1/admin/installment-orders/${other.id}/funder`, {
      funderId: funder.id,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('INSTALLMENT_FUNDER_AFTER_COLLECTION');

    // The March statement: by the funder's own key and from the console, identical; one row and totals.
    const key = await call(admin.token, 'POST', `/v1/admin/installment-funders/${funder.id}/api-keys`);
    expect(key.statusCode).toBe(201);
    const { apiKey } = key.json();
    expect(apiKey).toMatch(/^zpk_/);
    const byPartner = await s.app.inject({
      url: '/v1/partner/funder-statements/2026-03',
      headers: { 'x-api-key': apiKey },
    });
    expect(byPartner.statusCode).toBe(200);
    expect(byPartner.headers['content-type']).toContain('text/csv');
    const lines = byPartner.body.replace('\uFEFF', '').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`${order.id},period,1,533.09,473.09,60.00,378.47,45.00,423.47,109.62,2026-03-27`);
    expect(lines[2]).toContain(',533.09,473.09,60.00,378.47,45.00,423.47,109.62,');
    const byConsole = await call(finance.token, 'GET', `/v1/admin/installment-funders/${funder.id}/statements/2026-03`);
    expect(byConsole.body).toBe(byPartner.body);
    // April has no collection for this funder (the second order is not its): only the totals row.
    const april = await s.app.inject({
      url: '/v1/partner/funder-statements/2026-04',
      headers: { 'x-api-key': apiKey },
    });
    expect(april.body.replace('\uFEFF', '').trim().split('\n')).toHaveLength(2);
    expect((await call(finance.token, 'GET', '/v1/partner/funder-statements/2026-03')).statusCode).toBe(401);
    expect(
      (await s.app.inject({ url: '/v1/partner/funder-statements/2026-13', headers: { 'x-api-key': apiKey } }))
        .statusCode,
    ).toBe(422);

    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  }, 240_000);
});
