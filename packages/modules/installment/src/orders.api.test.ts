// Installment orders over HTTP: placing one (risk approves, contract drafted with the APR headline),
// signing it (the sale booked, the down-payment bill issued), the stranger's 404, activation on the down payment, period bills ahead of due
// dates, and prepayments on several days whose quote equals, to the cent, what /prepay books — with
// the ledger balanced and the financed-principal account (1210) moving by exactly the principal.
import { createInstallmentOffer, publishProduct } from '@zulin/catalog';
import { queryRows, runTick, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { type Clock, today } from '@zulin/kernel';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';

function testIdNumber(sequence: number, birth: string): string {
  const first17 = `110101${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

describeDb('installment orders', (get) => {
  let s: TestServer;
  let skuId: string;
  let offerId: string;
  let birthDay = 0;
  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: token ? bearer(token) : {} });
  const verifiedCustomer = async (sequence: number) => {
    birthDay += 1;
    const birth = `1991${String(1 + Math.floor(birthDay / 28)).padStart(2, '0')}${String(1 + (birthDay % 28)).padStart(2, '0')}`;
    const phone = `${randomTestPhone().slice(0, -1)}0`;
    const customer = { ...(await signInTestCustomer(s, phone)), phone };
    const verified = await call(customer.token, 'POST', '/v1/me/identity', {
      name: '李四',
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
  /** Net debit of a chart account (1210: principal financed and not yet billed). */
  const net = async (code: number) => {
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    const line = tb.accounts.find((a) => a.code === code);
    return line ? line.debitsPostedMinor - line.creditsPostedMinor : 0;
  };
  const setDay = (date: string) => s.clock.set(`${date}T02:00:00Z`);
  /** Asks for a signing code, reads it from the sandbox SMS box and signs through /sign. */
  const signOrder = async (customer: { token: string; phone: string }, order: { id: string; contractId: string }) => {
    const sent = await call(customer.token, 'POST', `/v1/contracts/${order.contractId}/sign-codes`);
    expect(sent.statusCode).toBe(202);
    const sms = await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(customer.phone)}` });
    return call(customer.token, 'POST', `/v1/installment-orders/${order.id}/sign`, {
      code: sms.json().data[0].code,
      signature: { kind: 'typed', name: '李四' },
    });
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    const now = s.clock.now();
    const stock = await createTestStock(s.ctx.database.db, { units: 20, now });
    await publishProduct(s.ctx.database.db, { productId: stock.productId, actor: { kind: 'system' }, now });
    skuId = stock.skuId;
    const offer = await transaction(s.ctx.database, (tx) =>
      createInstallmentOffer(tx, {
        input: { skuId, termMonths: 12, annualRateBps: 1200, method: 'equal_installment', downPaymentBps: 1000 },
        actor: { kind: 'system' },
        now,
      }),
    );
    offerId = offer.id;
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the SKU lists the offer publicly', async () => {
    const res = await call(null, 'GET', `/v1/skus/${skuId}/installment-offers`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([
      expect.objectContaining({ id: offerId, termMonths: 12, annualRateBps: 1200, downPaymentBps: 1000 }),
    ]);
  });

  test('an order from quote to payoff: prepay quotes equal their bookings on three days, the ledger balances', async () => {
    setDay('2026-03-02');
    let alice = await verifiedCustomer(700);
    /** Moves the clock and signs Alice in again (access tokens do not live for weeks). */
    const moveTo = async (date: string) => {
      setDay(date);
      alice = { ...(await signInTestCustomer(s, alice.phone)), phone: alice.phone };
    };
    const stranger = await signInTestCustomer(s, randomTestPhone());
    const financedBefore = await net(1210);

    // Placing: ¥5,999.00, 10 % down = 59,990; 539,910 financed over 12 months at 12 %.
    const placed = await call(alice.token, 'POST', '/v1/installment-orders', { skuId, offerId });
    expect(placed.statusCode).toBe(201);
    const order = placed.json();
    expect(Object.keys(order)[1]).toBe('aprSimpleBps');
    expect(order).toMatchObject({
      status: 'awaiting_signature',
      decisionOutcome: 'approve',
      aprSimpleBps: 1200,
      aprCompoundBps: 1268,
      priceMinor: 599_900,
      downPaymentMinor: 59_990,
      principalMinor: 539_910,
      paidPeriods: 0,
      bills: [],
      signedAt: null,
    });
    expect(order.contractId).toMatch(/^ctr_/);
    const [contract] = await queryRows<{ terms: { aprBps: number } }>(
      s.ctx.database.db,
      sql`select terms from contracts_contracts where id = ${order.contractId}`,
    );
    expect(contract?.terms.aprBps).toBe(1200);
    // Nothing is booked before the contract is signed.
    expect((await net(1210)) - financedBefore).toBe(0);
    expect((await call(stranger.token, 'GET', `/v1/installment-orders/${order.id}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/v1/installment-orders/${order.id}`)).statusCode).toBe(401);

    // Signing books the sale and bills the down payment: the whole price is financed-not-billed at the
    // sale; the down payment's bill moved 59,990 of it.
    const signed = await signOrder(alice, order);
    expect(signed.statusCode).toBe(200);
    Object.assign(order, signed.json());
    expect(order).toMatchObject({ status: 'awaiting_down_payment', signedAt: expect.any(String) });
    expect((await net(1210)) - financedBefore).toBe(539_910);

    // The down payment starts the plan the same day: 12 periods from 2026-04-02, no bill issued yet.
    await fund(alice.customerId, 1_000_000);
    const down = order.bills.find((b: { kind: string }) => b.kind === 'down_payment');
    expect(down).toMatchObject({ amountMinor: 59_990, sequence: 0 });
    expect((await call(alice.token, 'POST', `/v1/bills/${down.billId}/pay`, { method: 'wallet' })).statusCode).toBe(
      201,
    );
    await drain();
    const active = (await call(alice.token, 'GET', `/v1/installment-orders/${order.id}`)).json();
    expect(active).toMatchObject({ status: 'active', activatedOn: '2026-03-02', balanceMinor: 539_910 });
    expect(active.schedule).toHaveLength(12);
    expect(active.schedule[0]).toMatchObject({ period: 1, dueDate: '2026-04-02', billId: null });
    // The same terms at the public calculator give the same schedule.
    const terms = {
      principalMinor: 539_910,
      termMonths: 12,
      annualRateBps: 1200,
      method: 'equal_installment',
      startDate: '2026-03-02',
    };
    const publicQuote = (await call(null, 'POST', '/v1/installments/quote', terms)).json();
    expect(active.schedule.map(({ billId, billStatus, ...row }: Record<string, unknown>) => row)).toEqual(
      publicQuote.schedule,
    );

    // 2026-03-27: period 1 (due 04-02) enters the 7-day window and is billed; it is paid.
    await moveTo('2026-03-27');
    await runBillTick();
    let current = (await call(alice.token, 'GET', `/v1/installment-orders/${order.id}`)).json();
    const first = current.schedule[0];
    expect(first.billStatus).toBe('open');
    expect((await call(alice.token, 'POST', `/v1/bills/${first.billId}/pay`, { method: 'wallet' })).statusCode).toBe(
      201,
    );

    // Day A (03-27): reduce term by ¥1,000.00, taking effect on 04-02 after period 1 (k = 1).
    const partA = { strategy: 'reduce_term', prepayMinor: 100_000 };
    const quoteA = await call(alice.token, 'POST', `/v1/installment-orders/${order.id}/prepay-quote`, partA);
    expect(quoteA.statusCode).toBe(200);
    expect(quoteA.json()).toMatchObject({ paidPeriods: 1, effectiveDate: '2026-04-02', totalDueMinor: 100_000 });
    // The order's quote is the public calculator's for the same plan and k.
    const publicA = (
      await call(null, 'POST', '/v1/installments/prepay-quote', { ...terms, paidPeriods: 1, ...partA })
    ).json();
    expect(quoteA.json().quote).toEqual(publicA);
    const financedA = await net(1210);
    const bookedA = await call(alice.token, 'POST', `/v1/installment-orders/${order.id}/prepay`, partA);
    expect(bookedA.statusCode).toBe(200);
    const { prepaymentId: idA, billId: billA, ...restA } = bookedA.json();
    expect(restA).toEqual(quoteA.json());
    expect(idA).toMatch(/^ipp_/);
    expect(financedA - (await net(1210))).toBe(100_000);
    current = (await call(alice.token, 'GET', `/v1/installment-orders/${order.id}`)).json();
    expect(current.schedule.slice(1).map(({ billId, billStatus, ...row }: Record<string, unknown>) => row)).toEqual(
      quoteA.json().quote.schedule,
    );
    expect(current.balanceMinor).toBe(quoteA.json().quote.balanceAfterMinor);

    // Day B (04-20): reduce the installment by ¥500.00 after period 2 (due 05-02).
    await moveTo('2026-04-20');
    await runBillTick();
    const partB = { strategy: 'reduce_installment', prepayMinor: 50_000 };
    const quoteB = (await call(alice.token, 'POST', `/v1/installment-orders/${order.id}/prepay-quote`, partB)).json();
    expect(quoteB).toMatchObject({ paidPeriods: 2, effectiveDate: '2026-05-02', totalDueMinor: 50_000 });
    const before = current.schedule.slice(2);
    expect(quoteB.quote.schedule).toHaveLength(before.length);
    expect(quoteB.quote.schedule[0].paymentMinor).toBeLessThan(before[0].paymentMinor);
    const bookedB = await call(alice.token, 'POST', `/v1/installment-orders/${order.id}/prepay`, partB);
    const { prepaymentId: _b, billId: _bb, ...restB } = bookedB.json();
    expect(restB).toEqual(quoteB);

    // Day C (05-10): period 2 was due 05-02 (billed now, overdue): a payoff is refused until it is paid.
    await moveTo('2026-05-10');
    await runBillTick();
    current = (await call(alice.token, 'GET', `/v1/installment-orders/${order.id}`)).json();
    const second = current.schedule[1];
    expect(second.billStatus).toBe('overdue');
    const refused = await call(alice.token, 'POST', `/v1/installment-orders/${order.id}/prepay-quote`, {
      strategy: 'payoff',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('INSTALLMENT_BILLS_OUTSTANDING');
    expect((await call(alice.token, 'POST', `/v1/bills/${second.billId}/pay`, { method: 'wallet' })).statusCode).toBe(
      201,
    );
    const quoteC = (
      await call(alice.token, 'POST', `/v1/installment-orders/${order.id}/prepay-quote`, { strategy: 'payoff' })
    ).json();
    // Balance after period 2 (the ¥500.00 prepaid left out) plus 8 days of interest (05-02 → 05-10)
    // on it at 12 %/365, half-up.
    current = (await call(alice.token, 'GET', `/v1/installment-orders/${order.id}`)).json();
    const balance2 = current.balanceMinor;
    expect(balance2).toBe(quoteB.quote.balanceAfterMinor);
    const interest = Math.floor((balance2 * 1200 * 8) / 3_650_000 + 0.5);
    expect(quoteC).toMatchObject({
      strategy: 'payoff',
      paidPeriods: 2,
      effectiveDate: '2026-05-10',
      quote: {
        principalMinor: balance2,
        accruedInterestMinor: interest,
        feeMinor: 0,
        payoffMinor: balance2 + interest,
      },
    });
    const bookedC = await call(alice.token, 'POST', `/v1/installment-orders/${order.id}/prepay`, {
      strategy: 'payoff',
    });
    const { prepaymentId: _c, billId: _cc, ...restC } = bookedC.json();
    expect(restC).toEqual(quoteC);
    const done = (await call(alice.token, 'GET', `/v1/installment-orders/${order.id}`)).json();
    expect(done).toMatchObject({ status: 'paid_off', paidOffOn: '2026-05-10', balanceMinor: 0 });
    expect(done.prepayments.map((p: { strategy: string }) => p.strategy)).toEqual([
      'reduce_term',
      'reduce_installment',
      'payoff',
    ]);
    // Everything financed was billed and paid: 1210 is back where it was, and the ledger balances.
    expect(await net(1210)).toBe(financedBefore);
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
    // A paid-off order takes no more prepayments.
    const after = await call(alice.token, 'POST', `/v1/installment-orders/${order.id}/prepay-quote`, partA);
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('INSTALLMENT_ORDER_NOT_ACTIVE');
  });

  test('an offer of another SKU is refused with its own code', async () => {
    setDay('2026-03-02');
    const bob = await verifiedCustomer(700);
    const other = await createTestStock(s.ctx.database.db, { units: 0, now: s.clock.now() });
    await publishProduct(s.ctx.database.db, {
      productId: other.productId,
      actor: { kind: 'system' },
      now: s.clock.now(),
    });
    const res = await call(bob.token, 'POST', '/v1/installment-orders', { skuId: other.skuId, offerId });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('INSTALLMENT_OFFER_NOT_AVAILABLE');
  });
});
