import { evidenceOfSubject } from '@zulin/contracts';
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rentalDeps } from './module';
import { pickUpReturn } from './pick-up-return';
import { recordDelivery, recordPayment, shipOrder } from './rent-steps';
import { runRentTick } from './rent-tick';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

// Every order here: 12 × ¥259.00, one month paid at checkout, end buyout ¥1,500.00, delivered
// 2027-01-30, so rent from the 31st: periods due 01-31 (paid), 02-28, 03-31, 04-30 …; the tick bills a
// period 7 days before its due date.
describeDb('after-sale actions: buyout, return, renewal at the quoted amount', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  const customers = new Map<string, { customerId: string; token: string; phone: string }>();
  const deps = () => rentalDeps(s.ctx);
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  /** A fresh token for the customer (the clock moves past the old one's expiry). */
  const tokenOf = async (name: string) => {
    const c = customers.get(name);
    if (c === undefined) throw new Error(`no customer ${name}`);
    return (await signInTestCustomer(s, c.phone)).token;
  };
  const unitState = async (orderId: string) =>
    (
      await queryRows<{ state: string }>(
        s.ctx.database.db,
        sql`select state from inventory_units where order_ref = ${orderId}`,
      )
    )[0]?.state;
  const payBill = async (token: string, bill: { id: string; outstandingMinor: number }) => {
    const paid = await kit.call(token, 'POST', `/v1/bills/${bill.id}/pay`, {
      method: 'wallet',
      amountMinor: bill.outstandingMinor,
    });
    expect(paid.statusCode).toBe(201);
  };
  const unpaidBills = async (token: string, orderId: string) =>
    (await kit.call(token, 'GET', `/v1/rentals/${orderId}/bills?status=unpaid`)).json().data as {
      id: string;
      kind: 'rent' | 'exit';
      period: number;
      amountMinor: number;
      outstandingMinor: number;
      lines: { kind: string; amountMinor: number }[];
    }[];

  /** Places, signs (POST /sign), pays, ships and delivers an order on 2027-01-30, and starts its rent. */
  async function rentingOrder(name: string, n: number): Promise<string> {
    const customer = await kit.verifiedCustomer(700);
    customers.set(name, customer);
    const placed = (
      await kit.call(
        customer.token,
        'POST',
        '/v1/rentals',
        { skuId: stock.skuId, planId: stock.planId, address: testAddress(n) },
        `after-sales-${name}`,
      )
    ).json();
    expect(placed.status).toBe('awaiting_signature');
    const signed = await kit.signOrder(customer, placed);
    expect(signed.json().status).toBe('awaiting_payment');
    const warehouse = await signInTestStaff(s, 'warehouse');
    const staff = {
      kind: 'staff' as const,
      staffId: warehouse.staffId,
      username: 'warehouse',
      role: 'warehouse' as const,
      permissions: new Set<never>(),
    };
    await transaction(s.ctx.database, async (tx) => {
      await recordPayment(tx, deps(), {
        orderId: placed.id,
        paymentId: `pay_${name}`,
        paidMinor: 25_900,
        depositAuthorisedMinor: 0,
      });
      await shipOrder(tx, deps(), { orderId: placed.id, waybillNo: `SF${n}`, carrier: 'sandbox', staff });
      await recordDelivery(tx, deps(), { orderId: placed.id, signedAt: new Date('2027-01-30T09:30:00Z') });
    });
    return placed.id;
  }

  let buyer: string;
  let returner: string;
  let renewer: string;

  beforeAll(async () => {
    // 2027-01-30 12:00 in Shanghai.
    s = await createTestServer(get().database, { modules, now: '2027-01-30T04:00:00Z' });
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 3, now: s.clock.now() });
    buyer = await rentingOrder('buyer', 1);
    returner = await rentingOrder('returner', 2);
    renewer = await rentingOrder('renewer', 3);
    for (const customer of customers.values()) {
      const wallet = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customer.customerId));
      await fundTestAccount(s.ctx.database.db, s.clock, wallet.id, 1_000_000);
    }
    // Delivered on the 30th, rent from the 31st: the customer sees 待起租 with that day, not 租赁中.
    const delivered = (await kit.call(await tokenOf('returner'), 'GET', `/v1/rentals/${returner}`)).json();
    expect(delivered.status).toBe('delivered');
    expect(delivered.customerState).toEqual({
      state: 'awaiting_rent_start',
      label: { 'zh-CN': '待起租', en: 'Rent starts soon' },
      copy: { 'zh-CN': '已签收，1 月 31 日起计租', en: 'Delivered; rent starts on 31 January' },
    });
    // Rent starts on the 31st; periods 2 (due 02-28) and 3 (due 03-31) are billed on 02-21 and 03-24.
    for (const date of ['2027-01-31', '2027-02-21', '2027-03-24']) await runRentTick(s.ctx.database.db, deps(), date);
    s.clock.set('2027-03-24T02:00:00Z');
    // Three orders through placement, signing, payment and delivery: minutes on a loaded machine.
  }, 400_000);
  afterAll(async () => {
    await s?.close();
  });

  test('buyout on 24 March: refused while period 2 is overdue; then the quote ¥4,090.00 is posted as ¥3,831.00 + period 3’s bill; paid → bought out, unit sold', async () => {
    let token = await tokenOf('buyer');
    const quote = (await kit.call(token, 'POST', `/v1/rentals/${buyer}/quotes`, { kind: 'buyout' })).json();
    // Periods 3–12 have not begun: 10 × 25,900 + the end price 150,000.
    expect(quote.amountMinor).toBe(409_000);
    const blocked = await kit.call(token, 'POST', `/v1/rentals/${buyer}/buyout`, { quoteId: quote.id }, 'buy-1');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'RENTAL_TRANSITION_GUARD_FAILED' });
    expect(blocked.json().detail).toContain('no_overdue_bills');
    const [period2, period3] = await unpaidBills(token, buyer);
    expect([period2?.period, period3?.period]).toEqual([2, 3]);
    if (period2 === undefined || period3 === undefined) throw new Error('two bills');
    await payBill(token, period2);

    const bought = await kit.call(token, 'POST', `/v1/rentals/${buyer}/buyout`, { quoteId: quote.id }, 'buy-2');
    expect(bought.statusCode).toBe(200);
    const order = bought.json();
    expect(order).toMatchObject({ status: 'active', openAfterSale: 'buyout' });
    expect(order.actions).toContain('pay_buyout');
    expect(order.afterSales[0]).toMatchObject({
      kind: 'buyout',
      status: 'open',
      quoteId: quote.id,
      amountMinor: 409_000,
      billedMinor: 383_100,
    });
    // The same key answers the same order; a second buyout is refused while this one is open.
    const again = await kit.call(token, 'POST', `/v1/rentals/${buyer}/buyout`, { quoteId: quote.id }, 'buy-2');
    expect(again.json().afterSales[0].id).toBe(order.afterSales[0].id);
    const second = await kit.call(token, 'POST', `/v1/rentals/${buyer}/buyout`, {}, 'buy-3');
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('RENTAL_AFTER_SALE_OPEN');

    // The money: the exit bill (9 × 25,900 rent + 150,000) and period 3's bill make the quote, to the cent.
    const unpaid = await unpaidBills(token, buyer);
    const exit = unpaid.find((b) => b.id === order.afterSales[0].billId);
    expect(exit?.amountMinor).toBe(383_100);
    expect(exit?.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ['rent', 233_100],
      ['other', 150_000],
    ]);
    expect(unpaid.map((b) => b.amountMinor).reduce((a, b) => a + b, 0)).toBe(409_000);

    if (exit === undefined) throw new Error('the exit bill');
    token = await tokenOf('buyer');
    await payBill(token, exit);
    await drain();
    const done = (await kit.call(token, 'GET', `/v1/rentals/${buyer}`)).json();
    expect(done).toMatchObject({ status: 'bought_out', openAfterSale: null, customerState: { state: 'bought_out' } });
    expect(done.afterSales[0].status).toBe('done');
    expect(done.timeline.slice(-2).map((t: { action: string }) => t.action)).toEqual(['start_buyout', 'buy_out']);
    expect(await unitState(buyer)).toBe('sold');
  });

  test('return on 24 March: an expired quote is refused; the fee (2 × ¥259.00) is posted as ¥259.00 + period 3’s bill; a pick-up is booked', async () => {
    s.clock.set('2027-03-24T02:00:00Z');
    let token = await tokenOf('returner');
    const yesterday = (
      await kit.call(token, 'POST', `/v1/rentals/${returner}/quotes`, { kind: 'early_return' })
    ).json();
    expect(yesterday.amountMinor).toBe(51_800);
    s.clock.set('2027-03-24T16:00:00Z'); // midnight in Shanghai: the quote has expired
    token = await tokenOf('returner');
    const pickup = { date: '2027-03-26', slot: '09-12' };
    const expired = await kit.call(
      token,
      'POST',
      `/v1/rentals/${returner}/return`,
      { quoteId: yesterday.id, pickup },
      'ret-1',
    );
    expect(expired.statusCode).toBe(409);
    expect(expired.json().code).toBe('RENTAL_QUOTE_EXPIRED');
    const tooLate = await kit.call(
      token,
      'POST',
      `/v1/rentals/${returner}/return`,
      { pickup: { date: '2027-04-02', slot: '09-12' } },
      'ret-2',
    );
    expect(tooLate.statusCode).toBe(422);
    expect(tooLate.json().code).toBe('RENTAL_PICKUP_INVALID');

    // No quote named: priced now by the same function — still 2 periods (3 and 4), 51,800.
    const returned = await kit.call(token, 'POST', `/v1/rentals/${returner}/return`, { pickup }, 'ret-3');
    expect(returned.statusCode).toBe(200);
    const order = returned.json();
    expect(order).toMatchObject({ status: 'return_requested', openAfterSale: 'return' });
    expect(order.customerState.state).toBe('returning');
    expect(order.afterSales[0]).toMatchObject({ kind: 'return', amountMinor: 51_800, billedMinor: 25_900, pickup });
    // The term still ends on 30 January 2028; rent ends in fact on the pick-up day, then on the scan's.
    const booked = (await kit.call(token, 'GET', `/v1/rentals/${returner}/summary`)).json();
    expect(booked).toMatchObject({
      startDate: '2027-01-31',
      endDate: '2028-01-30',
      effectiveEnd: { date: '2027-03-26', basis: 'pickup_booked' },
    });
    const unpaid = await unpaidBills(token, returner);
    const exit = unpaid.find((b) => b.id === order.afterSales[0].billId);
    expect(exit?.lines.map((l) => [l.kind, l.amountMinor])).toEqual([['fee', 25_900]]);
    expect(unpaid.filter((b) => b.period === 3 || b.id === exit?.id).reduce((a, b) => a + b.amountMinor, 0)).toBe(
      51_800,
    );
    // The quote used is spent; the next after-sale action waits for this one.
    const buy = await kit.call(token, 'POST', `/v1/rentals/${returner}/buyout`, {}, 'ret-4');
    expect(buy.statusCode).toBe(409);
    // No later period is billed for the returned or the bought-out order (the exit stands in for them).
    await runRentTick(s.ctx.database.db, deps(), '2027-04-23');
    // The exit bill has its own sequence (source rental_exit, the order's first one-off charge).
    expect((await unpaidBills(token, returner)).map((b) => `${b.kind}:${b.period}`).sort()).toEqual([
      'exit:1',
      'rent:2',
      'rent:3',
    ]);
    // The courier comes a day late: scanned at 10:15 on 27 March in Shanghai, rent stopped that day.
    await transaction(s.ctx.database, (tx) =>
      pickUpReturn(tx, deps(), { orderId: returner, scannedAt: new Date('2027-03-27T02:15:00Z'), waybillNo: 'SFR2' }),
    );
    const scanned = (await kit.call(await tokenOf('returner'), 'GET', `/v1/rentals/${returner}/summary`)).json();
    expect(scanned).toMatchObject({
      endDate: '2028-01-30',
      effectiveEnd: { date: '2027-03-27', basis: 'return_scanned' },
    });
    // An order running its term has no effective end apart from endDate.
    const renewing = (await kit.call(await tokenOf('renewer'), 'GET', `/v1/rentals/${renewer}/summary`)).json();
    expect(renewing).toMatchObject({ endDate: '2028-01-30', effectiveEnd: null });
    const bought = await queryRows<{ n: number }>(
      s.ctx.database.db,
      sql`select count(*)::int as n from billing_bills where source_id = ${buyer} and period = 4`,
    );
    expect(bought[0]?.n).toBe(0);
  });

  test('renewal in the last 15 days: 3 more months at ¥259.00, addendum signed at /sign, the tick bills the new periods to the quote', async () => {
    // Up to 2028-01-20 every period of the term is billed; pay them so none is overdue.
    await runRentTick(s.ctx.database.db, deps(), '2028-01-20');
    s.clock.set('2028-01-20T02:00:00Z');
    const token = await tokenOf('renewer');
    const early = await kit.call(token, 'POST', `/v1/rentals/${renewer}/renew`, { months: 3 }, 'renew-0');
    expect(early.statusCode).toBe(409);
    for (const bill of await unpaidBills(token, renewer)) await payBill(token, bill);
    // The term ends 2028-01-30: the window opened on the 15th.
    const askQuote = async () =>
      (await kit.call(token, 'POST', `/v1/rentals/${renewer}/quotes`, { kind: 'renewal', months: 3 })).json();
    // A first renewal, dropped before its addendum is signed: the addendum is withdrawn with it, and
    // can be signed neither through the order nor through contracts' own routes.
    const dropped = await kit.call(
      token,
      'POST',
      `/v1/rentals/${renewer}/renew`,
      { quoteId: (await askQuote()).id },
      'renew-dropped',
    );
    expect(dropped.statusCode).toBe(200);
    const droppedAddendum = dropped.json().afterSales.find((a: { status: string }) => a.status === 'open');
    const abandoned = await kit.call(token, 'POST', `/v1/rentals/${renewer}/after-sale/abandon`, { kind: 'renewal' });
    expect(abandoned.statusCode).toBe(200);
    expect(abandoned.json()).toMatchObject({ status: 'active', openAfterSale: null });
    expect((await kit.call(token, 'GET', `/v1/contracts/${droppedAddendum.contractId}`)).json()).toMatchObject({
      template: 'renewal',
      status: 'withdrawn',
    });
    const code = await kit.call(token, 'POST', `/v1/contracts/${droppedAddendum.contractId}/sign-codes`);
    expect([code.statusCode, code.json().code]).toEqual([409, 'CONTRACTS_DRAFT_WITHDRAWN']);
    const [withdrawnEvidence] = (
      await evidenceOfSubject(s.ctx.database.db, { kind: 'contract', id: droppedAddendum.contractId })
    ).filter((e) => e.kind === 'contract.withdrawn');
    expect(withdrawnEvidence?.data).toMatchObject({ reason: 'rental_renewal_abandoned' });

    const quote = await askQuote();
    expect(quote.amountMinor).toBe(77_700);
    const renewing = await kit.call(token, 'POST', `/v1/rentals/${renewer}/renew`, { quoteId: quote.id }, 'renew-1');
    expect(renewing.statusCode).toBe(200);
    const open = renewing.json();
    expect(open).toMatchObject({ status: 'active', openAfterSale: 'renewal' });
    expect(open.actions).toContain('sign_renewal');
    const addendum = open.afterSales[0];
    expect(addendum).toMatchObject({ kind: 'renewal', status: 'open', amountMinor: 77_700 });
    const terms = (await kit.call(token, 'GET', `/v1/contracts/${addendum.contractId}`)).json();
    expect(terms).toMatchObject({
      template: 'renewal',
      status: 'draft',
      terms: { months: 3, rentMinor: 25_900, startDate: '2028-01-31' },
    });
    const customer = customers.get('renewer');
    if (customer === undefined) throw new Error('renewer');
    const signed = await kit.signOrder({ ...customer, token }, { id: renewer, contractId: addendum.contractId });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'renewed', openAfterSale: null });
    expect(signed.json().afterSales[0].status).toBe('done');
    // Periods 13–15 (due 01-31, 02-29, 03-31) are billed by the tick; together they are the quote.
    await runRentTick(s.ctx.database.db, deps(), '2028-03-24');
    const renewed = (await unpaidBills(token, renewer)).filter((b) => b.period > 12);
    expect(renewed.map((b) => [b.period, b.amountMinor])).toEqual([
      [13, 25_900],
      [14, 25_900],
      [15, 25_900],
    ]);
    expect(renewed.reduce((a, b) => a + b.amountMinor, 0)).toBe(quote.amountMinor);
  });
});
