import { createPlan } from '@zulin/catalog';
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletBalance } from '@zulin/wallet';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rentalDeps } from './module';
import { recordDelivery, recordPayment, shipOrder } from './rent-steps';
import { runRentTick } from './rent-tick';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

// A 15-day plan at ¥30.00 a day (¥450.00, paid at checkout): no rent bill ever follows, so a fault
// credit cannot come off one. Delivered 2027-03-01, rent 03-02 … 03-16.
describeDb('fault credit with no rent bill left to take it', (get) => {
  let s: TestServer;
  const deps = () => rentalDeps(s.ctx);

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-03-01T02:00:00Z' });
  }, 400_000);
  afterAll(async () => {
    await s?.close();
  });

  /** A customer's order on a new plan of a new SKU: placed, signed, paid, shipped and signed for on 1 March. */
  async function deliveredOrder(n: number, terms: { termUnit: 'day' | 'month'; termCount: number; rentMinor: number }) {
    s.clock.set('2027-03-01T02:00:00Z');
    const kit = rentalTestKit(s, signInTestCustomer);
    const stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 2, now: s.clock.now() });
    const plan = await transaction(s.ctx.database, (tx) =>
      createPlan(tx, {
        input: { skuId: stock.skuId, ...terms, buyoutAtEndMinor: 400_000 },
        actor: { kind: 'system' },
        now: s.clock.now(),
      }),
    );
    const customer = await kit.verifiedCustomer(700 + n);
    const placed = (
      await kit.call(
        customer.token,
        'POST',
        '/v1/rentals',
        { skuId: stock.skuId, planId: plan.id, address: testAddress(2 + n) },
        `order-${n}`,
      )
    ).json();
    expect((await kit.signOrder(customer, placed)).json().status).toBe('awaiting_payment');
    const warehouse = await signInTestStaff(s, 'warehouse');
    const shipper = {
      kind: 'staff' as const,
      staffId: warehouse.staffId,
      username: 'warehouse',
      role: 'warehouse' as const,
      permissions: new Set<never>(),
    };
    await transaction(s.ctx.database, async (tx) => {
      await recordPayment(tx, deps(), {
        orderId: placed.id,
        paymentId: `pay_${n}`,
        paidMinor: placed.firstPaymentMinor,
        depositAuthorisedMinor: 0,
      });
      await shipOrder(tx, deps(), { orderId: placed.id, waybillNo: `SF9${n}`, carrier: 'sandbox', staff: shipper });
      await recordDelivery(tx, deps(), { orderId: placed.id, signedAt: new Date('2027-03-01T09:30:00Z') });
    });
    await runRentTick(s.ctx.database.db, deps(), '2027-03-02');
    const balance = async () =>
      (await transaction(s.ctx.database, (tx) => walletBalance(tx, s.clock, customer.customerId))).availableMinor;
    return { kit, customer, orderId: placed.id as string, balance };
  }

  /** A fault reported on `from` and repaired, the phone signed for again on `until`: the resolved fault. */
  async function repairFault(
    order: Awaited<ReturnType<typeof deliveredOrder>>,
    key: string,
    from: string,
    until: string,
  ) {
    s.clock.set(`${from}T02:00:00Z`);
    const token = (await signInTestCustomer(s, order.customer.phone)).token;
    const fault = (
      await order.kit.call(token, 'POST', `/v1/rentals/${order.orderId}/faults`, { description: '屏幕不亮' }, key)
    ).json();
    expect(fault).toMatchObject({ status: 'reported', reportedOn: from });
    const staff = async () => bearer((await signInTestStaff(s, 'operator')).token);
    const post = async (step: string, payload: object) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/admin/rentals/${order.orderId}/faults/${fault.id}/${step}`,
        payload,
        headers: await staff(),
      });
    expect((await post('repair', {})).json().status).toBe('repairing');
    await post('receive', {});
    await post('ship-repaired', { outboundWaybillNo: `R-${key}` });
    s.clock.set(`${until}T08:00:00Z`);
    return (await post('delivered', { signedAt: `${until}T04:00:00Z` })).json();
  }

  test('a day plan: 3 days without a phone of 15 are paid to the wallet at once, 45,000 × 3 / 15 = ¥90.00', async () => {
    const order = await deliveredOrder(0, { termUnit: 'day', termCount: 15, rentMinor: 3_000 });
    const done = await repairFault(order, 'day-f', '2027-03-05', '2027-03-07');
    // 03-05 … 03-07: 3 of the 15 days of ¥450.00 → ¥90.00, paid to the wallet at once.
    expect(done).toMatchObject({ status: 'resolved', faultDays: 3, creditMinor: 9_000, creditedMinor: 9_000 });
    expect(await order.balance()).toBe(9_000);
  }, 120_000);

  // Three months at ¥310.00, delivered 1 March: periods 03-02 – 04-01 (31 days), 04-02 – 05-01 (30),
  // 05-02 – 06-01 (31); each bill is issued 7 days before its period. A fault 03-10 – 03-31 is resolved
  // after period 2's bill: 31,000 × 22 / 31 = ¥220.00 waits for period 3's. A second, 04-02 – 04-24:
  // 31,000 × 23 / 30 = 23,766.67 → ¥237.67. ¥457.67 of credit, more than period 3's ¥310.00.
  async function monthlyOrderWithTwoRepairs(n: number) {
    const order = await deliveredOrder(10 + n, { termUnit: 'month', termCount: 3, rentMinor: 31_000 });
    await runRentTick(s.ctx.database.db, deps(), '2027-03-26');
    expect(await repairFault(order, `m${n}-f1`, '2027-03-10', '2027-03-31')).toMatchObject({
      status: 'resolved',
      faultDays: 22,
      creditMinor: 22_000,
      creditedMinor: 0,
    });
    expect(await repairFault(order, `m${n}-f2`, '2027-04-02', '2027-04-24')).toMatchObject({
      status: 'resolved',
      faultDays: 23,
      creditMinor: 23_767,
      creditedMinor: 0,
    });
    const credits = async () =>
      (
        await queryRows<{ credit_minor: number; credited_minor: number }>(
          s.ctx.database.db,
          sql`select credit_minor, credited_minor from rental_faults where order_id = ${order.orderId} order by resolved_at`,
        )
      ).map((f) => [Number(f.credit_minor), Number(f.credited_minor)]);
    expect(await order.balance()).toBe(0);
    return { ...order, credits };
  }

  test('a monthly plan: credit the last rent bill cannot hold is paid to the wallet when the tick bills it, once', async () => {
    const { orderId, balance, credits } = await monthlyOrderWithTwoRepairs(1);
    // Period 3's ¥310.00 takes ¥310.00 of the ¥457.67 (no bill is left to issue); the ¥147.67 left is
    // paid to the wallet by the same tick.
    await runRentTick(s.ctx.database.db, deps(), '2027-04-25');
    const bills = await queryRows<{ period: number }>(
      s.ctx.database.db,
      sql`select period from billing_bills where source_id = ${orderId} order by period`,
    );
    // Period 3's rent is credited in full: no bill; the rest of the credit is in the wallet.
    expect(bills.map((b) => b.period)).toEqual([2]);
    expect(await balance()).toBe(22_000 + 23_767 - 31_000);
    expect(await credits()).toEqual([
      [22_000, 22_000],
      [23_767, 23_767],
    ]);
    // Another tick pays nothing again.
    await runRentTick(s.ctx.database.db, deps(), '2027-04-26');
    expect(await balance()).toBe(14_767);
  }, 180_000);

  test('an early return whose charge the credit more than covers: the quote is ¥0.00 and the rest is paid to the wallet, once', async () => {
    const { kit, customer, orderId, balance, credits } = await monthlyOrderWithTwoRepairs(2);
    // On 24 April, period 3 not billed yet: a 3-month plan's early return owes period 3's ¥310.00, less
    // the ¥457.67 the customer has not received — ¥0.00, and ¥147.67 the quote cannot take.
    const token = (await signInTestCustomer(s, customer.phone)).token;
    const quote = (await kit.call(token, 'POST', `/v1/rentals/${orderId}/quotes`, { kind: 'early_return' })).json();
    expect(quote.amountMinor).toBe(0);
    expect(quote.lines.map((l: { code: string; amountMinor: number }) => [l.code, l.amountMinor])).toEqual([
      ['remaining_rent', 31_000],
      ['fault_credit', -31_000],
    ]);
    const returned = await kit.call(
      token,
      'POST',
      `/v1/rentals/${orderId}/return`,
      { quoteId: quote.id, pickup: { date: '2027-04-25', slot: '09-12' } },
      'ret-m2',
    );
    expect(returned.json()).toMatchObject({ status: 'return_requested', openAfterSale: 'return' });
    expect(await balance()).toBe(14_767);
    expect(await credits()).toEqual([
      [22_000, 22_000],
      [23_767, 23_767],
    ]);
    // The rent tick bills nothing more and pays nothing again.
    await runRentTick(s.ctx.database.db, deps(), '2027-04-25');
    expect(await balance()).toBe(14_767);
  }, 180_000);
});
