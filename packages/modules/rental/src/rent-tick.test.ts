import { publishProduct } from '@zulin/catalog';
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rentalDeps } from './module';
import { takeExitQuote } from './quote-exit';
import { recordDelivery, recordPayment, shipOrder } from './rent-steps';
import { runRentTick } from './rent-tick';
import { recordSignature } from './sign-order';

describeDb('rent: start the day after delivery, bills from the schedule', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    // 2027-01-30 12:00 in Shanghai.
    s = await createTestServer(get().database, { modules, now: '2027-01-30T04:00:00Z' });
  });
  afterAll(async () => {
    await s?.close();
  });

  const phoneOf = async (customerId: string) => {
    const { customerIdentity } = await import('@zulin/identity');
    return (await customerIdentity(s.ctx.database.db, s.ctx.config.masterKey, customerId))?.phone;
  };

  test('delivered on 30 January: rent from the 31st, bills due 28 February and 31 March, each issued 7 days before', async () => {
    const stock = await createTestStock(s.ctx.database.db, { units: 1, now: s.clock.now() });
    await publishProduct(s.ctx.database.db, {
      productId: stock.productId,
      actor: { kind: 'system' },
      now: s.clock.now(),
    });
    const customer = await signInTestCustomer(s, `${randomTestPhone().slice(0, -1)}0`);
    const first17 = '11010119880808700';
    const verified = await s.app.inject({
      method: 'POST',
      url: '/v1/me/identity',
      headers: bearer(customer.token),
      payload: { name: '李四', idNumber: `${first17}${idCheckChar(first17)}` },
    });
    expect(verified.statusCode).toBe(200);
    const placed = await s.app.inject({
      method: 'POST',
      url: '/v1/rentals',
      headers: bearer(customer.token),
      payload: {
        skuId: stock.skuId,
        planId: stock.planId,
        address: {
          name: '李四',
          phone: '+8613900139000',
          province: '北京市',
          city: '北京市',
          district: '东城区',
          line: '东四 1 号',
        },
      },
    });
    expect(placed.statusCode).toBe(201);
    const orderId: string = placed.json().id;
    const deps = rentalDeps(s.ctx);
    const warehouse = await signInTestStaff(s, 'warehouse');
    const staff = {
      kind: 'staff' as const,
      staffId: warehouse.staffId,
      username: 'warehouse',
      role: 'warehouse' as const,
      permissions: new Set<never>(),
    };
    await transaction(s.ctx.database, async (tx) => {
      // Placement drafted the contract; its signature is recorded here directly (sign-order.test.ts signs).
      await recordSignature(tx, deps, { orderId, contractId: placed.json().contractId, signedAt: s.clock.now() });
      // The first payment must be exactly the quoted one: a cent less does not pay the order.
      await expect(
        transaction(tx, (sp) =>
          recordPayment(sp, deps, { orderId, paymentId: 'pay_t', paidMinor: 25_899, depositAuthorisedMinor: 0 }),
        ),
      ).rejects.toMatchObject({ code: 'RENTAL_TRANSITION_GUARD_FAILED' });
      await recordPayment(tx, deps, { orderId, paymentId: 'pay_t', paidMinor: 25_900, depositAuthorisedMinor: 0 });
      await shipOrder(tx, deps, { orderId, waybillNo: 'SF1234567890', carrier: 'sandbox', staff });
      await recordDelivery(tx, deps, { orderId, signedAt: new Date('2027-01-30T09:30:00Z') });
    });
    const order = async () =>
      (
        await queryRows<{
          status: string;
          rent_start_date: string;
          delivered_on: string;
          next_bill_due_date: string | null;
        }>(
          s.ctx.database.db,
          sql`select status, rent_start_date::text, delivered_on::text, next_bill_due_date::text from rental_orders where id = ${orderId}`,
        )
      )[0];
    expect(await order()).toMatchObject({
      status: 'delivered',
      delivered_on: '2027-01-30',
      rent_start_date: '2027-01-31',
    });
    const bills = async () =>
      queryRows<{ period: number; due_date: string; amount_minor: number }>(
        s.ctx.database.db,
        sql`select period, due_date::text, amount_minor::int from billing_bills where source_id = ${orderId} order by period`,
      );
    const tick = (date: string) => runRentTick(s.ctx.database.db, deps, date);

    // The delivery day is free: no rent yet.
    expect(await tick('2027-01-30')).toEqual({ started: 0, billed: 0 });
    expect((await order())?.status).toBe('delivered');
    // Rent starts on the 31st; period 1 was paid at checkout, so nothing is billed yet.
    expect(await tick('2027-01-31')).toEqual({ started: 1, billed: 0 });
    expect(await order()).toMatchObject({ status: 'active', next_bill_due_date: '2027-02-28' });
    // Period 2 starts 28 February (31 clamped), billed 7 days before: not on the 20th, on the 21st, once.
    expect(await tick('2027-02-20')).toEqual({ started: 0, billed: 0 });
    expect(await tick('2027-02-21')).toEqual({ started: 0, billed: 1 });
    expect(await tick('2027-02-22')).toEqual({ started: 0, billed: 0 });
    // Period 3 goes back to the 31st.
    expect(await tick('2027-03-24')).toEqual({ started: 0, billed: 1 });
    expect(await bills()).toEqual([
      { period: 2, due_date: '2027-02-28', amount_minor: 25_900 },
      { period: 3, due_date: '2027-03-31', amount_minor: 25_900 },
    ]);
    expect(await order()).toMatchObject({ next_bill_due_date: '2027-04-30' });
    const units = await queryRows<{ state: string }>(
      s.ctx.database.db,
      sql`select state from inventory_units where order_ref = ${orderId}`,
    );
    expect(units).toEqual([{ state: 'on_rent' }]);

    // Priced exits on 2027-03-24 (period 3 has not begun; periods 3–12 remain: 10 × ¥259.00).
    s.clock.set('2027-03-24T02:00:00Z');
    const again = await signInTestCustomer(s, (await phoneOf(customer.customerId)) ?? '');
    const ask = (body: unknown) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/rentals/${orderId}/quotes`,
        headers: bearer(again.token),
        payload: body as object,
      });
    const early = await ask({ kind: 'early_return' });
    expect(early.statusCode).toBe(201);
    // A 12-month term owes min(two periods' rent, remaining rent) = 2 × 25,900.
    expect(early.json()).toMatchObject({
      kind: 'early_return',
      amountMinor: 51_800,
      asOf: '2027-03-24',
      validUntil: '2027-03-25T00:00:00+08:00',
    });
    const buyout = (await ask({ kind: 'buyout' })).json();
    // Remaining rent 10 × 25,900 + the end price 150,000.
    expect(buyout.amountMinor).toBe(259_000 + 150_000);
    expect(buyout.lines.reduce((sum: number, l: { amountMinor: number }) => sum + l.amountMinor, 0)).toBe(409_000);
    expect((await ask({ kind: 'renewal' })).statusCode).toBe(422);
    // The order's bills through billing: periods 2 and 3, unpaid soonest first; another customer: 404.
    const orderBills = await s.app.inject({
      url: `/v1/rentals/${orderId}/bills?status=unpaid`,
      headers: bearer(again.token),
    });
    expect(orderBills.statusCode).toBe(200);
    // Period 2 is 24 days past due (the overdue mark is billing's own tick, not run here).
    expect(
      orderBills
        .json()
        .data.map(
          (b: { period: number; dueDate: string; amountMinor: number; status: string; daysOverdue: number }) => [
            b.period,
            b.dueDate,
            b.amountMinor,
            b.status,
            b.daysOverdue,
          ],
        ),
    ).toEqual([
      [2, '2027-02-28', 25_900, 'open', 24],
      [3, '2027-03-31', 25_900, 'open', 0],
    ]);
    expect(orderBills.json().nextCursor).toBeNull();
    const stranger = await signInTestCustomer(s);
    expect(
      (await s.app.inject({ url: `/v1/rentals/${orderId}/bills`, headers: bearer(stranger.token) })).statusCode,
    ).toBe(404);
    const foreign = await s.app.inject({
      method: 'POST',
      url: `/v1/rentals/${orderId}/quotes`,
      headers: bearer(stranger.token),
      payload: { kind: 'buyout' },
    });
    expect(foreign.statusCode).toBe(404);
    // The quote is charged while valid; at midnight it has expired and is refused.
    await expect(
      transaction(s.ctx.database, (tx) =>
        takeExitQuote(tx, { quoteId: buyout.id, orderId, kind: 'buyout', now: new Date('2027-03-24T16:00:00Z') }),
      ),
    ).rejects.toMatchObject({ code: 'RENTAL_QUOTE_EXPIRED' });
    const taken = await transaction(s.ctx.database, (tx) =>
      takeExitQuote(tx, { quoteId: buyout.id, orderId, kind: 'buyout', now: new Date('2027-03-24T15:59:59Z') }),
    );
    expect(taken).toMatchObject({
      id: buyout.id,
      amountMinor: 409_000,
      quote: { kind: 'buyout', amountMinor: 409_000 },
    });
  });
});
