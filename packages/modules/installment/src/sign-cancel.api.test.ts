// The order's contract is signed before the down payment can be paid (the down-payment bill exists
// only after signing; activation needs both), through /sign or through the contracts routes; and a
// cancellation before shipment gives back every fen paid and undoes the sale in the ledger.
import { createInstallmentOffer, publishProduct } from '@zulin/catalog';
import { queryRows, runTick, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { type Clock, today } from '@zulin/kernel';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount, walletBalance } from '@zulin/wallet';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';

function testIdNumber(sequence: number, birth: string): string {
  const first17 = `110101${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

interface Customer {
  token: string;
  phone: string;
  customerId: string;
}

describeDb('installment order signing and cancellation', (get) => {
  let s: TestServer;
  let skuId: string;
  let offerId: string;
  let birthDay = 40;
  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: token ? bearer(token) : {} });
  const verifiedCustomer = async (): Promise<Customer> => {
    birthDay += 1;
    const birth = `1992${String(1 + Math.floor(birthDay / 28)).padStart(2, '0')}${String(1 + (birthDay % 28)).padStart(2, '0')}`;
    const phone = `${randomTestPhone().slice(0, -1)}0`;
    const customer = { ...(await signInTestCustomer(s, phone)), phone };
    const verified = await call(customer.token, 'POST', '/v1/me/identity', {
      name: '李四',
      idNumber: testIdNumber(700, birth),
    });
    expect(verified.statusCode).toBe(200);
    return customer;
  };
  const fund = async (customerId: string, amountMinor: number) => {
    const account = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customerId));
    await fundTestAccount(s.ctx.database.db, s.clock, account.id, amountMinor);
  };
  const wallet = async (customerId: string) =>
    (await transaction(s.ctx.database, (tx) => walletBalance(tx, s.clock, customerId))).availableMinor;
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  /** Net debit of a chart account. */
  const net = async (code: number) => {
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    const line = tb.accounts.find((a) => a.code === code);
    return line ? line.debitsPostedMinor - line.creditsPostedMinor : 0;
  };
  const lastCode = async (phone: string): Promise<string> =>
    (await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(phone)}` })).json().data[0].code;
  const askCode = async (customer: Customer, contractId: string) => {
    expect((await call(customer.token, 'POST', `/v1/contracts/${contractId}/sign-codes`)).statusCode).toBe(202);
    return lastCode(customer.phone);
  };
  const place = async (customer: Customer) => {
    const placed = await call(customer.token, 'POST', '/v1/installment-orders', { skuId, offerId });
    expect(placed.statusCode).toBe(201);
    return placed.json();
  };
  const sign = async (customer: Customer, order: { id: string; contractId: string }) => {
    const code = await askCode(customer, order.contractId);
    const signed = await call(customer.token, 'POST', `/v1/installment-orders/${order.id}/sign`, {
      code,
      signature: { kind: 'typed', name: '李四' },
    });
    expect(signed.statusCode).toBe(200);
    return signed.json();
  };
  const cancel = (customer: { token: string }, orderId: string) =>
    call(customer.token, 'POST', `/v1/installment-orders/${orderId}/cancel`, { reason: '不想要了' });
  const get1 = async (customer: Customer, orderId: string) =>
    (await call(customer.token, 'GET', `/v1/installment-orders/${orderId}`)).json();

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    s.clock.set('2026-06-01T02:00:00Z');
    const now = s.clock.now();
    const stock = await createTestStock(s.ctx.database.db, { units: 20, now });
    await publishProduct(s.ctx.database.db, { productId: stock.productId, actor: { kind: 'system' }, now });
    skuId = stock.skuId;
    // ¥5,999.00 with 10 % down (59,990), 12 months at 12 %.
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

  test('no down payment can be paid before the contract is signed; activation needs both', async () => {
    const alice = await verifiedCustomer();
    await fund(alice.customerId, 1_000_000);
    const stranger = await signInTestCustomer(s, randomTestPhone());
    const order = await place(alice);
    // Approved and drafted, but nothing to pay: the down-payment bill is issued only at signing.
    expect(order).toMatchObject({ status: 'awaiting_signature', bills: [], signedAt: null, activatedOn: null });
    const bills = (await call(alice.token, 'GET', '/v1/bills?status=unpaid')).json();
    expect(bills.data.filter((b: { title: string }) => b.title === '分期购机首付款')).toEqual([]);
    // The draft contract is there to read, for the owner only.
    const pdf = await call(alice.token, 'GET', `/v1/installment-orders/${order.id}/contract.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call(stranger.token, 'GET', `/v1/installment-orders/${order.id}/contract.pdf`)).statusCode).toBe(404);
    // A wrong code signs nothing and moves nothing.
    await askCode(alice, order.contractId);
    const wrong = await call(alice.token, 'POST', `/v1/installment-orders/${order.id}/sign`, {
      code: '000000',
      signature: { kind: 'typed', name: '李四' },
    });
    expect(wrong.statusCode).toBe(422);
    expect((await get1(alice, order.id)).status).toBe('awaiting_signature');
    // A stranger cannot sign it.
    const strangers = await call(stranger.token, 'POST', `/v1/installment-orders/${order.id}/sign`, {
      code: '123456',
      signature: { kind: 'typed', name: '王五' },
    });
    expect(strangers.statusCode).toBe(404);

    s.clock.set(new Date(s.clock.now().getTime() + 61_000));
    const signed = await sign(alice, order);
    expect(signed).toMatchObject({ status: 'awaiting_down_payment', signedAt: expect.any(String), activatedOn: null });
    const down = signed.bills.find((b: { kind: string }) => b.kind === 'down_payment');
    expect(down).toMatchObject({ amountMinor: 59_990, dueDate: '2026-06-01' });
    // Signed once: a second signing is refused before a code try is counted.
    const again = await call(alice.token, 'POST', `/v1/installment-orders/${order.id}/sign`, {
      code: '123456',
      signature: { kind: 'typed', name: '李四' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INSTALLMENT_ORDER_NOT_SIGNABLE');
    // Signed and paid: the order starts.
    expect((await call(alice.token, 'POST', `/v1/bills/${down.billId}/pay`, { method: 'wallet' })).statusCode).toBe(
      201,
    );
    await drain();
    expect(await get1(alice, order.id)).toMatchObject({ status: 'active', activatedOn: '2026-06-01' });
  });

  test('a contract signed through the contracts routes moves the order on, once', async () => {
    const bob = await verifiedCustomer();
    const order = await place(bob);
    const code = await askCode(bob, order.contractId);
    const signed = await call(bob.token, 'POST', `/v1/contracts/${order.contractId}/sign`, {
      code,
      signature: { kind: 'typed', name: '李四' },
    });
    expect(signed.statusCode).toBe(200);
    await drain();
    const moved = await get1(bob, order.id);
    expect(moved).toMatchObject({ status: 'awaiting_down_payment', signedAt: expect.any(String) });
    expect(moved.bills.map((b: { kind: string }) => b.kind)).toEqual(['down_payment']);
  });

  test('cancelling before shipment refunds the down payment and undoes the sale; the ledger balances', async () => {
    const carol = await verifiedCustomer();
    await fund(carol.customerId, 1_000_000);
    const financed = await net(1210);
    const sales = await net(4050);

    // Unsigned: nothing was booked, nothing is refunded.
    const unsigned = await place(carol);
    const c1 = await cancel(carol, unsigned.id);
    expect(c1.statusCode).toBe(200);
    expect(c1.json()).toMatchObject({ status: 'cancelled', refundedMinor: 0, cancelledAt: expect.any(String) });

    // Signed, down payment unpaid: the bill is withdrawn, the sale undone, the wallet untouched.
    s.clock.set(new Date(s.clock.now().getTime() + 61_000));
    const unpaid = await sign(carol, await place(carol));
    expect((await net(1210)) - financed).toBe(539_910);
    expect(-((await net(4050)) - sales)).toBe(599_900);
    const c2 = await cancel(carol, unpaid.id);
    expect(c2.json()).toMatchObject({ status: 'cancelled', refundedMinor: 0 });
    const withdrawn = (await call(carol.token, 'GET', `/v1/bills/${unpaid.bills[0].billId}`)).json();
    // Closed as waived but told apart: withdrawn with its order, not forgiven (the H5 says 已取消, not 已减免).
    expect(withdrawn).toMatchObject({ status: 'waived', withdrawn: true, paidMinor: 0, waivedMinor: 59_990 });
    // Why, as a code and who cancelled, for the console to word (never "installment order cancelled: …").
    expect(
      await queryRows(
        s.ctx.database.db,
        sql`select waive_reason, withdraw_reason_code, withdraw_reason_params from billing_bills where id = ${withdrawn.id}`,
      ),
    ).toEqual([
      {
        waive_reason: null,
        withdraw_reason_code: 'installment_order_cancelled',
        withdraw_reason_params: { cause: 'customer' },
      },
    ]);
    expect(await net(1210)).toBe(financed);
    expect(await net(4050)).toBe(sales);
    expect(await wallet(carol.customerId)).toBe(1_000_000);

    // Signed and paid (active): ¥599.90 comes back to the wallet; 1210 and 4050 hold nothing of it.
    s.clock.set(new Date(s.clock.now().getTime() + 61_000));
    const paid = await sign(carol, await place(carol));
    const pay = await call(carol.token, 'POST', `/v1/bills/${paid.bills[0].billId}/pay`, { method: 'wallet' });
    expect(pay.statusCode).toBe(201);
    await drain();
    expect((await get1(carol, paid.id)).status).toBe('active');
    expect(await wallet(carol.customerId)).toBe(1_000_000 - 59_990);
    const stranger = await signInTestCustomer(s, randomTestPhone());
    expect((await cancel(stranger, paid.id)).statusCode).toBe(404);
    const c3 = await cancel(carol, paid.id);
    expect(c3.statusCode).toBe(200);
    expect(c3.json()).toMatchObject({ status: 'cancelled', refundedMinor: 59_990, balanceMinor: 0 });
    // The phone goes back to stock with the cancellation's own reason code, not the generic release.
    const released = await queryRows<{ reason_code: string | null; reason_params: unknown }>(
      s.ctx.database.db,
      sql`select h.reason_code, h.reason_params from inventory_unit_history h
          join installment_orders o on o.unit_id = h.unit_id
          where o.id = ${paid.id} and h.to_state = 'in_stock' and h.at >= o.created_at`,
    );
    expect(released).toEqual([{ reason_code: 'order_cancelled', reason_params: { orderRef: paid.id } }]);
    expect(await wallet(carol.customerId)).toBe(1_000_000);
    expect(await net(1210)).toBe(financed);
    expect(await net(4050)).toBe(sales);
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    const debits = tb.accounts.reduce((sum, a) => sum + a.debitsPostedMinor, 0);
    const credits = tb.accounts.reduce((sum, a) => sum + a.creditsPostedMinor, 0);
    expect(debits).toBe(credits);
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
    // Cancelled once: again is refused, and a cancelled order takes no prepayment.
    expect((await cancel(carol, paid.id)).json().code).toBe('INSTALLMENT_ORDER_NOT_CANCELLABLE');
  });

  test('once the first period is billed (the phone on its way) the order can no longer be cancelled', async () => {
    s.clock.set('2026-07-01T02:00:00Z');
    const dave = await verifiedCustomer();
    await fund(dave.customerId, 1_000_000);
    const order = await sign(dave, await place(dave));
    await call(dave.token, 'POST', `/v1/bills/${order.bills[0].billId}/pay`, { method: 'wallet' });
    await drain();
    // Period 1 is due 08-01 and billed 7 days ahead, on 07-25.
    s.clock.set('2026-07-25T02:00:00Z');
    const tick = s.worker.ticks.find((t) => t.name === 'installment.issue_period_bills');
    if (!tick) throw new Error('no bill tick');
    await runTick(s.ctx.database.db, s.clock as Clock, tick, today(s.clock, s.ctx.config.timeZone), { force: true });
    const token = (await signInTestCustomer(s, dave.phone)).token;
    const refused = await call(token, 'POST', `/v1/installment-orders/${order.id}/cancel`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('INSTALLMENT_ORDER_REPAYMENT_STARTED');
    expect(refused.json().detail).toMatch(/^Repayment has started \(period billed: \d+ fen, collected: 0 fen\)/);
  });

  test('repayment started before shipment (a partial prepayment, then a payoff): every cancellation is refused with INSTALLMENT_ORDER_REPAYMENT_STARTED and no fen moves', async () => {
    s.clock.set('2026-06-05T02:00:00Z');
    const gina = await verifiedCustomer();
    await fund(gina.customerId, 1_000_000);
    const order = await sign(gina, await place(gina));
    expect(
      (await call(gina.token, 'POST', `/v1/bills/${order.bills[0].billId}/pay`, { method: 'wallet' })).statusCode,
    ).toBe(201);
    await drain();
    // Active, waiting at the shipping desk, no period billed: the customer prepays ¥1,000.00 (reduce term).
    const prepaid = await call(gina.token, 'POST', `/v1/installment-orders/${order.id}/prepay`, {
      strategy: 'reduce_term',
      prepayMinor: 100_000,
    });
    expect(prepaid.statusCode, prepaid.body).toBe(200);
    // Before the first due date nothing has accrued: ¥1,000.00 of principal exactly.
    const prepaidMinor = prepaid.json().totalDueMinor as number;
    expect(prepaidMinor).toBe(100_000);
    const walletBefore = await wallet(gina.customerId);
    expect(walletBefore).toBe(1_000_000 - 59_990 - prepaidMinor);
    const financed = await net(1210);
    const sales = await net(4050);
    // A cancellation refunds only the down payment: it would keep the prepayment, so it is refused.
    const refused = await cancel(gina, order.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('INSTALLMENT_ORDER_REPAYMENT_STARTED');
    expect(refused.json().detail).toContain(`(prepayment billed: ${prepaidMinor} fen, collected: ${prepaidMinor} fen)`);
    // Staff are refused the same way.
    const operator = await signInTestStaff(s, 'operator');
    const byStaff = await call(operator.token, 'POST', `/v1/admin/installment-orders/${order.id}/cancel`, {
      reason: '客户来电取消',
    });
    expect([byStaff.statusCode, byStaff.json().code]).toEqual([409, 'INSTALLMENT_ORDER_REPAYMENT_STARTED']);
    expect(await get1(gina, order.id)).toMatchObject({ status: 'active', fulfilment: 'awaiting_shipment' });
    expect(await wallet(gina.customerId)).toBe(walletBefore);
    expect(await net(1210)).toBe(financed);
    expect(await net(4050)).toBe(sales);
    // Paid off before the phone ships: still refused (everything was collected), the phone ships as agreed.
    const paidOff = await call(gina.token, 'POST', `/v1/installment-orders/${order.id}/prepay`, { strategy: 'payoff' });
    expect(paidOff.statusCode, paidOff.body).toBe(200);
    // The rest of the ¥5,399.10 financed, no interest yet: ¥4,399.10; ¥5,399.10 collected beyond the down payment.
    const payoffMinor = paidOff.json().totalDueMinor as number;
    expect(payoffMinor).toBe(439_910);
    const afterPayoff = await wallet(gina.customerId);
    expect(afterPayoff).toBe(walletBefore - payoffMinor);
    const again = await cancel(gina, order.id);
    expect([again.statusCode, again.json().code]).toEqual([409, 'INSTALLMENT_ORDER_REPAYMENT_STARTED']);
    expect(again.json().detail).toContain('billed: 539910 fen, collected: 539910 fen)');
    expect(await get1(gina, order.id)).toMatchObject({ status: 'paid_off', fulfilment: 'awaiting_shipment' });
    expect(await wallet(gina.customerId)).toBe(afterPayoff);
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  });

  const runTickOn = async (name: string, date: string) => {
    s.clock.set(`${date}T02:00:00Z`);
    const tick = s.worker.ticks.find((t) => t.name === name);
    if (!tick) throw new Error(`no tick ${name}`);
    return runTick(s.ctx.database.db, s.clock as Clock, tick, today(s.clock, s.ctx.config.timeZone), { force: true });
  };

  test('staff (orders.write) cancel an order before shipment for the customer, audited; others may not', async () => {
    s.clock.set('2026-06-10T02:00:00Z');
    const erin = await verifiedCustomer();
    await fund(erin.customerId, 1_000_000);
    const order = await sign(erin, await place(erin));
    expect(
      (await call(erin.token, 'POST', `/v1/bills/${order.bills[0].billId}/pay`, { method: 'wallet' })).statusCode,
    ).toBe(201);
    await drain();
    expect((await get1(erin, order.id)).status).toBe('active');
    const before = await wallet(erin.customerId);
    const finance = await signInTestStaff(s, 'finance');
    const url = `/v1/admin/installment-orders/${order.id}/cancel`;
    // Finance reads orders but does not change them; a reason is required.
    expect((await call(finance.token, 'POST', url, { reason: '客户来电取消' })).statusCode).toBe(403);
    const operator = await signInTestStaff(s, 'operator');
    expect((await call(operator.token, 'POST', url, {})).statusCode).toBe(422);
    // What is typed is kept as typed, even text that reads like one of the system's codes.
    const cancelled = await call(operator.token, 'POST', url, { reason: 'code:parcel_lost' });
    expect(cancelled.statusCode).toBe(200);
    // The ¥599.90 down payment paid from the wallet goes back to it.
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refundedMinor: 59_990 });
    expect((await wallet(erin.customerId)) - before).toBe(59_990);
    const audit = await queryRows<{ actor_id: string }>(
      s.ctx.database.db,
      sql`select actor_id from identity_audit_log where action = 'installment.order_cancelled' and target_id = ${order.id}`,
    );
    expect(audit).toEqual([expect.objectContaining({ actor_id: operator.staffId })]);
    // The console shows the reason as the staff member typed it (issue #18).
    const shown = (await call(operator.token, 'GET', `/v1/admin/installment-orders/${order.id}`)).json();
    expect(shown.cancelReason).toEqual({ code: null, text: 'code:parcel_lost' });
    expect((await call(operator.token, 'POST', url, { reason: '再次' })).json().code).toBe(
      'INSTALLMENT_ORDER_NOT_CANCELLABLE',
    );
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  });

  test('the overdue tick books penalty into the overdue period bill and keeps the bucket history; the console shows both', async () => {
    s.clock.set('2026-07-01T02:00:00Z');
    const fay = await verifiedCustomer();
    await fund(fay.customerId, 2_000_000);
    const order = await sign(fay, await place(fay));
    await call(fay.token, 'POST', `/v1/bills/${order.bills[0].billId}/pay`, { method: 'wallet' });
    await drain();
    await runTickOn('installment.issue_period_bills', '2026-07-25');
    // Period 1 (due 08-01): 47,970 = 42,571 principal + 5,399 interest on 539,910 at 1 % a month.
    // Staff sign in again whenever the clock has moved (access tokens do not live for weeks).
    const staffToken = async () => (await signInTestStaff(s, 'operator')).token;
    const console1 = async () =>
      (await call(await staffToken(), 'GET', `/v1/admin/installment-orders/${order.id}`)).json();
    const period1 = (await console1()).order.schedule[0];
    expect(period1).toMatchObject({ dueDate: '2026-08-01', principalMinor: 42_571, interestMinor: 5_399 });

    // 08-11, 10 days late: 42,571 × 10 × 1200 / (10,000 × 365) = 139.96 → 140 booked; bucket M1.
    await runTickOn('billing.mark_overdue', '2026-08-11');
    await runTickOn('installment.track_overdue', '2026-08-11');
    await runTickOn('installment.track_overdue', '2026-08-11');
    const bill1 = (await call(await staffToken(), 'GET', `/v1/admin/bills/${period1.billId}`)).json();
    expect(bill1.lines.find((l: { kind: string }) => l.kind === 'penalty')).toMatchObject({ amountMinor: 140 });
    expect(bill1.amountMinor).toBe(47_970 + 140);
    let view = await console1();
    expect(view.overdue).toMatchObject({
      daysPastDue: 10,
      bucket: 'M1',
      penaltyAccruedMinor: 140,
      penaltyBilledMinor: 140,
      penaltyOutstandingMinor: 140,
    });
    expect(view.bucketHistory).toEqual([
      { changedOn: '2026-08-11', fromBucket: null, toBucket: 'M1', daysPastDue: 10 },
    ]);

    // 09-01, 31 days late: M2; the penalty is 42,571 × 31 × 1200 / 3,650,000 = 433.87 → 434 in all.
    await runTickOn('installment.issue_period_bills', '2026-08-25');
    await runTickOn('installment.track_overdue', '2026-09-01');
    view = await console1();
    expect(view.overdue).toMatchObject({ daysPastDue: 31, bucket: 'M2', penaltyBilledMinor: 434 });
    // 09-02: period 1 paid in full (penalty first), period 2 (due 09-01) one day late: back to M1.
    s.clock.set('2026-09-02T02:00:00Z');
    const paid = await call((await signInTestCustomer(s, fay.phone)).token, 'POST', `/v1/bills/${period1.billId}/pay`, {
      method: 'wallet',
    });
    expect(paid.json().bill).toMatchObject({ status: 'paid', amountMinor: 47_970 + 434 });
    await runTickOn('installment.track_overdue', '2026-09-02');
    // 09-03: period 2 paid, current again.
    const period2 = (await console1()).order.schedule[1];
    s.clock.set('2026-09-03T02:00:00Z');
    const token = (await signInTestCustomer(s, fay.phone)).token;
    expect((await call(token, 'POST', `/v1/bills/${period2.billId}/pay`, { method: 'wallet' })).statusCode).toBe(201);
    await runTickOn('installment.track_overdue', '2026-09-03');
    view = await console1();
    expect(view.bucketHistory.map((c: { toBucket: string | null }) => c.toBucket)).toEqual(['M1', 'M2', 'M1', null]);
    expect(view.bucketHistory[2]).toMatchObject({ changedOn: '2026-09-02', fromBucket: 'M2', daysPastDue: 1 });
    // Period 2's one day: 42,997 × 1 × 1200 / 3,650,000 = 14.14 → 14, paid with it.
    expect(view.overdue).toMatchObject({
      daysPastDue: 0,
      bucket: null,
      penaltyBilledMinor: 434 + 14,
      penaltyOutstandingMinor: 0,
    });
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  });
});
