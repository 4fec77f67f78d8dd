// Abandoning an after-sale action: the customer drops an open buyout or return before paying it or
// before the pick-up. The exit bill is withdrawn (reversed in the ledger), the rent schedule resumes,
// and a partly paid exit bill keeps the action standing.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { assertLedgerConsistent, getBalances, platformAccount, trialBalance } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rentalDeps } from './module';
import { recordDelivery, recordPayment, shipOrder } from './rent-steps';
import { runRentTick } from './rent-tick';
import { rentalOrders } from './schema';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

// 12 × ¥259.00, delivered 2027-01-30, rent from the 31st; on 24 March periods 2 and 3 are billed.
describeDb('abandoning an after-sale action', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  let customer: { customerId: string; token: string; phone: string };
  let orderId: string;
  const deps = () => rentalDeps(s.ctx);
  const token = async () => (await signInTestCustomer(s, customer.phone)).token;
  const receivables = async () => {
    const id = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
    const b = (await getBalances(s.ctx.database.db, [id])).get(id);
    return (b?.debitsPostedMinor ?? 0) - (b?.creditsPostedMinor ?? 0);
  };
  const balanced = async () => {
    await assertLedgerConsistent(s.ctx.database.db);
    const tb = await trialBalance(s.ctx.database.db, 'CNY');
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
  };
  const nextBillDueDate = async () =>
    (await s.ctx.database.db.select().from(rentalOrders).where(eq(rentalOrders.id, orderId)))[0]?.nextBillDueDate;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-01-30T04:00:00Z' });
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 1, now: s.clock.now() });
    customer = await kit.verifiedCustomer(700);
    const placed = (
      await kit.call(
        customer.token,
        'POST',
        '/v1/rentals',
        { skuId: stock.skuId, planId: stock.planId, address: testAddress(1) },
        'abandon-1',
      )
    ).json();
    orderId = placed.id;
    expect((await kit.signOrder(customer, placed)).json().status).toBe('awaiting_payment');
    const warehouse = await signInTestStaff(s, 'warehouse');
    const staff = {
      kind: 'staff' as const,
      staffId: warehouse.staffId,
      username: 'warehouse',
      role: 'warehouse' as const,
      permissions: new Set<never>(),
    };
    await transaction(s.ctx.database, async (tx) => {
      await recordPayment(tx, deps(), { orderId, paymentId: 'pay_x', paidMinor: 25_900, depositAuthorisedMinor: 0 });
      await shipOrder(tx, deps(), { orderId, waybillNo: 'SF1', carrier: 'sandbox', staff });
      await recordDelivery(tx, deps(), { orderId, signedAt: new Date('2027-01-30T09:30:00Z') });
    });
    const wallet = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customer.customerId));
    await fundTestAccount(s.ctx.database.db, s.clock, wallet.id, 1_000_000);
    for (const date of ['2027-01-31', '2027-02-21', '2027-03-24']) await runRentTick(s.ctx.database.db, deps(), date);
    s.clock.set('2027-03-24T02:00:00Z');
    // Period 2 paid, so nothing is overdue and a buyout may start.
    const t = await token();
    const bills = (await kit.call(t, 'GET', `/v1/rentals/${orderId}/bills?status=unpaid`)).json().data;
    const period2 = bills.find((b: { period: number }) => b.period === 2);
    await kit.call(t, 'POST', `/v1/bills/${period2.id}/pay`, { method: 'wallet' });
  }, 400_000);
  afterAll(async () => {
    await s?.close();
  });

  test('a buyout not yet paid is dropped: its ¥3,831.00 bill withdrawn, receivables back, rent billing resumes', async () => {
    const t = await token();
    const before = await receivables();
    expect(await nextBillDueDate()).toBe('2027-04-30');
    const bought = (await kit.call(t, 'POST', `/v1/rentals/${orderId}/buyout`, {}, 'buy-1')).json();
    expect(bought).toMatchObject({ openAfterSale: 'buyout' });
    expect(bought.actions).toContain('cancel_buyout');
    const exitBillId = bought.afterSales[0].billId;
    expect(await receivables()).toBe(before + 383_100);
    expect(await nextBillDueDate()).toBeNull();

    // The wrong kind, or a stranger, is refused.
    const wrong = await kit.call(t, 'POST', `/v1/rentals/${orderId}/after-sale/abandon`, { kind: 'return' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('RENTAL_AFTER_SALE_NOT_OPEN');
    const stranger = await signInTestCustomer(s);
    const foreign = await kit.call(stranger.token, 'POST', `/v1/rentals/${orderId}/after-sale/abandon`, {
      kind: 'buyout',
    });
    expect(foreign.statusCode).toBe(404);

    const dropped = await kit.call(t, 'POST', `/v1/rentals/${orderId}/after-sale/abandon`, { kind: 'buyout' }, 'ab-1');
    expect(dropped.statusCode).toBe(200);
    expect(dropped.json()).toMatchObject({ status: 'active', openAfterSale: null });
    expect(dropped.json().afterSales[0]).toMatchObject({ kind: 'buyout', status: 'abandoned' });
    expect(dropped.json().timeline.at(-1).action).toBe('abandon_buyout');
    const exit = (await kit.call(t, 'GET', `/v1/bills/${exitBillId}`)).json();
    expect(exit).toMatchObject({ status: 'waived', waivedMinor: 383_100, outstandingMinor: 0 });
    // The order's own list of bills says it was withdrawn (the H5 order page words it 已取消, not 已减免).
    const listed = (await kit.call(t, 'GET', `/v1/rentals/${orderId}/bills`)).json().data;
    expect(listed.find((b: { id: string }) => b.id === exitBillId)).toMatchObject({
      status: 'waived',
      withdrawn: true,
    });
    expect(listed.filter((b: { withdrawn: boolean }) => b.withdrawn)).toHaveLength(1);
    // Why, as a code and the kind, for the console to word (never "buyout abandoned by the customer").
    expect(
      await queryRows(
        s.ctx.database.db,
        sql`select waive_reason, withdraw_reason_code, withdraw_reason_params from billing_bills where id = ${exitBillId}`,
      ),
    ).toEqual([
      {
        waive_reason: null,
        withdraw_reason_code: 'rental_after_sale_abandoned',
        withdraw_reason_params: { kind: 'buyout' },
      },
    ]);
    expect(await receivables()).toBe(before);
    expect(await nextBillDueDate()).toBe('2027-04-30');
    await balanced();
    // Nothing open any more: a second abandon is refused.
    const twice = await kit.call(t, 'POST', `/v1/rentals/${orderId}/after-sale/abandon`, { kind: 'buyout' });
    expect(twice.statusCode).toBe(409);
  });

  test('a return is withdrawn before the pick-up; a buyout whose bill is partly paid stands', async () => {
    const t = await token();
    const returned = await kit.call(
      t,
      'POST',
      `/v1/rentals/${orderId}/return`,
      { pickup: { date: '2027-03-26', slot: '09-12' } },
      'ret-1',
    );
    expect(returned.json()).toMatchObject({ status: 'return_requested', openAfterSale: 'return' });
    const withdrawn = await kit.call(t, 'POST', `/v1/rentals/${orderId}/after-sale/abandon`, { kind: 'return' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'active', openAfterSale: null });
    expect(withdrawn.json().afterSales[0]).toMatchObject({ kind: 'return', status: 'abandoned' });
    expect(await nextBillDueDate()).toBe('2027-04-30');
    // The courier's pick-up is withdrawn with it: the return waybill is cancelled.
    const pickups = await queryRows<{ state: string }>(
      s.ctx.database.db,
      sql`select state from logistics_shipments where order_ref = ${orderId} and direction = 'return'`,
    );
    expect(pickups.map((p) => p.state)).toEqual(['cancelled']);

    const bought = (await kit.call(t, 'POST', `/v1/rentals/${orderId}/buyout`, {}, 'buy-2')).json();
    const exitBillId = bought.afterSales[0].billId;
    const part = await kit.call(t, 'POST', `/v1/bills/${exitBillId}/pay`, { method: 'wallet', amountMinor: 100 });
    expect(part.statusCode).toBe(201);
    const refused = await kit.call(t, 'POST', `/v1/rentals/${orderId}/after-sale/abandon`, { kind: 'buyout' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('BILLING_BILL_SETTLED');
    expect((await kit.call(t, 'GET', `/v1/rentals/${orderId}`)).json().openAfterSale).toBe('buyout');
    await balanced();
  });
});
