import type { AddressInfo } from 'node:net';
import { publishProduct } from '@zulin/catalog';
import { queryRows, runSweep, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock as createStock } from '@zulin/inventory/testing';
import { usePaymentsBaseUrl } from '@zulin/payments';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rentalDeps, rentalModule } from './module';
import { recordSignature } from './sign-order';

/** A valid ID number whose 3-digit sequence the risk sandboxes key on (docs/risk.md, "Test identities"). */
function testIdNumber(sequence: number, birth: string): string {
  const first17 = `110101${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

/** Units of a new SKU of a published product (the quote and the order see published phones only). */
async function createTestStock(db: Parameters<typeof createStock>[0], options: Parameters<typeof createStock>[1]) {
  const stock = await createStock(db, options);
  await publishProduct(db, { productId: stock.productId, actor: { kind: 'system' }, now: options.now });
  return stock;
}

describeDb('rental orders', (get) => {
  let s: TestServer;
  let stock: Awaited<ReturnType<typeof createStock>>;
  let birthDay = 0;
  const call = (token: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, key?: string) =>
    s.app.inject({
      method,
      url,
      payload: payload as object,
      headers: { ...(token ? bearer(token) : {}), ...(key ? { 'idempotency-key': key } : {}) },
    });
  /** A signed-in customer verified with an ID number whose sequence the sandbox bureau reads as the score. */
  const verifiedCustomer = async (sequence: number) => {
    birthDay += 1;
    const birth = `1990${String(1 + Math.floor(birthDay / 28)).padStart(2, '0')}${String(1 + (birthDay % 28)).padStart(2, '0')}`;
    const customer = await signInTestCustomer(s, `${randomTestPhone().slice(0, -1)}0`);
    const verified = await call(customer.token, 'POST', '/v1/me/identity', {
      name: '张三',
      idNumber: testIdNumber(sequence, birth),
    });
    expect(verified.statusCode).toBe(200);
    return customer;
  };
  const address = (n: number) => ({
    name: '张三',
    phone: '+8613800138000',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    line: `文三路 ${n} 号`,
  });
  const order = (n: number) => ({ skuId: stock.skuId, planId: stock.planId, address: address(n) });
  const unitState = async (unitId: string) =>
    (
      await queryRows<{ state: string; order_ref: string | null }>(
        s.ctx.database.db,
        sql`select state, order_ref from inventory_units where id = ${unitId}`,
      )
    )[0];

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    // The test clock runs a day of ticks, payments' reconciliation among them: it downloads the
    // channels' statements from the sandbox over HTTP, as in production (the server listens).
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    stock = await createTestStock(s.ctx.database.db, { units: 3, now: s.clock.now() });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the quote without a token: 12 × ¥259.00, one month up front, the deposit whole, due dates from an assumed start', async () => {
    const res = await call(null, 'POST', '/v1/rentals/quote', { skuId: stock.skuId, planId: stock.planId });
    expect(res.statusCode).toBe(200);
    const quote = res.json();
    expect(quote).toMatchObject({
      rentMinor: 25_900,
      upfrontMinor: 25_900,
      depositMinor: 599_900,
      addOnsMinor: 0,
      discountMinor: 0,
      firstPaymentMinor: 25_900,
      buyoutAtEndMinor: 150_000,
      totalRentMinor: 310_800,
    });
    expect(quote.depositWaivedMinor).toBeUndefined();
    // Clock: 2026-03-02 10:00 in Shanghai; assumed delivery 3 days later (03-05), rent from 03-06.
    expect(quote.schedule).toHaveLength(12);
    expect(quote.schedule[0]).toMatchObject({ dueDate: '2026-03-06', paidAtCheckout: true, amountMinor: 25_900 });
    expect(quote.schedule[11]).toMatchObject({ dueDate: '2027-02-06', periodEnd: '2027-03-05', paidAtCheckout: false });
  });

  test('the quote with a customer token carries the pre-check’s waiver; a coupon and a foreign plan are refused', async () => {
    const alice = await verifiedCustomer(700);
    const quote = (
      await call(alice.token, 'POST', '/v1/rentals/quote', { skuId: stock.skuId, planId: stock.planId })
    ).json();
    expect(quote).toMatchObject({
      depositMinor: 599_900,
      depositWaivedMinor: 599_900,
      depositToHoldMinor: 0,
      firstPaymentMinor: 25_900,
      preCheck: { outcome: 'approve' },
    });
    const coupon = await call(null, 'POST', '/v1/rentals/quote', {
      skuId: stock.skuId,
      planId: stock.planId,
      couponCodes: ['SPRING'],
    });
    // Without a token no coupon is anyone's (marketing's coupons: coupons-checkout.test.ts).
    expect(coupon.statusCode).toBe(404);
    expect(coupon.json().code).toBe('MARKETING_COUPON_NOT_FOUND');
    const other = await createTestStock(s.ctx.database.db, { units: 0, now: s.clock.now() });
    const foreign = await call(null, 'POST', '/v1/rentals/quote', { skuId: stock.skuId, planId: other.planId });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().code).toBe('RENTAL_PLAN_NOT_OFFERED');
  });

  test('placing an order: approved with the deposit waived, a unit reserved for it, one event; the same key answers the same order', async () => {
    const bob = await verifiedCustomer(700);
    const placed = await call(bob.token, 'POST', '/v1/rentals', order(1), 'order-bob-1');
    expect(placed.statusCode).toBe(201);
    const body = placed.json();
    expect(body).toMatchObject({
      status: 'awaiting_signature',
      customerState: { state: 'to_sign', copy: { 'zh-CN': '签约后 1–3 个工作日发货' } },
      firstPaymentMinor: 25_900,
      depositMinor: 599_900,
      depositWaivedMinor: 599_900,
      depositToHoldMinor: 0,
      decision: { outcome: 'approve' },
      city: '杭州市',
    });
    expect(body.actions).toContain('cancel');
    expect(body.timeline.map((t: { action: string; to: string }) => `${t.action}→${t.to}`)).toEqual([
      'submit→pending_review',
      'approve→approved',
      'request_signature→awaiting_signature',
    ]);
    expect(body.contractId).toMatch(/^ctr_/);
    expect(await unitState(body.unitId)).toEqual({ state: 'reserved', order_ref: body.id });
    const again = await call(bob.token, 'POST', '/v1/rentals', order(1), 'order-bob-1');
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(body.id);
    const orders = await queryRows<{ n: number }>(
      s.ctx.database.db,
      sql`select count(*)::int as n from rental_orders where customer_id = ${bob.customerId}`,
    );
    expect(orders[0]?.n).toBe(1);
    const events = await queryRows<{ type: string }>(
      s.ctx.database.db,
      sql`select type from outbox where aggregate_id = ${body.id} order by occurred_at, type`,
    );
    expect(events.filter((e) => e.type === 'rental.order_placed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'rental.order_transitioned')).toHaveLength(3);
    // The address is stored encrypted, never in clear.
    const stored = await queryRows<{ address_ciphertext: string }>(
      s.ctx.database.db,
      sql`select address_ciphertext from rental_orders where id = ${body.id}`,
    );
    expect(stored[0]?.address_ciphertext).not.toContain('文三路');
    // Another customer: not found, in the list or by id.
    const carol = await signInTestCustomer(s);
    expect((await call(carol.token, 'GET', `/v1/rentals/${body.id}`)).statusCode).toBe(404);
    expect((await call(carol.token, 'GET', '/v1/rentals')).json().data).toEqual([]);
    expect((await call(carol.token, 'POST', `/v1/rentals/${body.id}/cancel`)).statusCode).toBe(404);
    expect((await call(bob.token, 'GET', '/v1/rentals')).json().data.map((o: { id: string }) => o.id)).toEqual([
      body.id,
    ]);
    // The customer cancels before shipping: the unit goes back in stock at once.
    const cancelled = await call(bob.token, 'POST', `/v1/rentals/${body.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', customerState: { state: 'cancelled' } });
    expect(await unitState(body.unitId)).toEqual({ state: 'in_stock', order_ref: null });
    const twice = await call(bob.token, 'POST', `/v1/rentals/${body.id}/cancel`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('RENTAL_TRANSITION_NOT_ALLOWED');
  });

  test('a customer on the judicial blacklist is rejected and no unit is reserved', async () => {
    const dave = await verifiedCustomer(13);
    const placed = await call(dave.token, 'POST', '/v1/rentals', order(2), 'order-dave-1');
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({
      status: 'rejected',
      unitId: null,
      customerState: { state: 'not_approved' },
      depositWaivedMinor: 0,
      depositToHoldMinor: 599_900,
    });
    expect(placed.json().actions).toEqual(['appeal']);
  });

  test('an order unpaid 2 h after signing is cancelled by the sweep and its unit released; at 1 h 59 it is not', async () => {
    const erin = await verifiedCustomer(700);
    const placed = (await call(erin.token, 'POST', '/v1/rentals', order(3), 'order-erin-1')).json();
    const deps = rentalDeps(s.ctx);
    const signedAt = s.clock.now();
    await transaction(s.ctx.database, async (tx) => {
      await recordSignature(tx, deps, { orderId: placed.id, contractId: placed.contractId, signedAt });
    });
    const signed = (await call(erin.token, 'GET', `/v1/rentals/${placed.id}`)).json();
    expect(signed).toMatchObject({
      status: 'awaiting_payment',
      paymentDeadlineAt: new Date(signedAt.getTime() + 120 * 60_000).toISOString(),
      customerState: { state: 'to_pay', copy: { 'zh-CN': '签约后 2 小时内未支付，订单将自动取消' } },
    });
    const sweep = rentalModule.sweeps?.(s.ctx)[0];
    if (sweep === undefined) throw new Error('the rental module has its sweep');
    s.clock.advance(119 * 60_000);
    expect(await runSweep(s.ctx.database.db, s.clock, sweep)).toEqual({ cancelled: 0 });
    expect(await unitState(placed.unitId)).toEqual({ state: 'reserved', order_ref: placed.id });
    s.clock.advance(60_000);
    expect(await runSweep(s.ctx.database.db, s.clock, sweep)).toEqual({ cancelled: 1 });
    expect(await unitState(placed.unitId)).toEqual({ state: 'in_stock', order_ref: null });
    // Two hours on, the access tokens of before have expired: read as staff signed in now.
    const desk = await signInTestStaff(s, 'operator');
    const after = (await call(desk.token, 'GET', `/v1/admin/rentals/${placed.id}`)).json();
    expect(after.status).toBe('cancelled');
    expect(after.timeline.at(-1)).toMatchObject({
      action: 'expire_payment',
      from: 'awaiting_payment',
      actor: 'system',
    });
    expect(await runSweep(s.ctx.database.db, s.clock, sweep)).toEqual({ cancelled: 0 });
    const audit = await queryRows<{ action: string }>(
      s.ctx.database.db,
      sql`select action from identity_audit_log where target_id = ${placed.id} order by at, action`,
    );
    expect(audit.map((a) => a.action)).toContain('rental.order_expire_payment');
  });

  test('the sandbox test clock: a day on, the unpaid order is cancelled by the sweep it runs; only ops staff may move it', async () => {
    const gina = await verifiedCustomer(700);
    const placed = (await call(gina.token, 'POST', '/v1/rentals', order(5), 'order-gina-1')).json();
    const deps = rentalDeps(s.ctx);
    await transaction(s.ctx.database, async (tx) => {
      await recordSignature(tx, deps, { orderId: placed.id, contractId: placed.contractId, signedAt: s.clock.now() });
    });
    const reviewer = await signInTestStaff(s, 'risk_reviewer');
    expect((await call(reviewer.token, 'POST', '/v1/sandbox/clock', { advanceDays: 1 })).statusCode).toBe(403);
    expect((await call(gina.token, 'POST', '/v1/sandbox/clock', { advanceDays: 1 })).statusCode).toBe(401);
    const ops = await signInTestStaff(s, 'operator');
    const before = s.clock.now().getTime();
    const moved = await call(ops.token, 'POST', '/v1/sandbox/clock', { advanceDays: 1 }, 'clock-1');
    expect(moved.statusCode).toBe(200);
    const report = moved.json();
    expect(s.clock.now().getTime() - before).toBe(86_400_000);
    expect(report).toMatchObject({ completed: true, failed: null });
    expect(report.days).toHaveLength(1);
    const [day] = report.days;
    expect(day.businessDate).toBe(report.toDate);
    expect(day.sweeps).toContainEqual({ name: 'rental.expire_unpaid_orders', result: { cancelled: 1 } });
    expect(day.ticks).toContainEqual({ name: 'billing.mark_overdue', status: 'done' });
    expect(await unitState(placed.unitId)).toEqual({ state: 'in_stock', order_ref: null });
    const desk = await signInTestStaff(s, 'operator');
    expect((await call(desk.token, 'GET', `/v1/admin/rentals/${placed.id}`)).json().status).toBe('cancelled');
  });

  test('no unit in stock refuses the order and keeps nothing of it', async () => {
    const empty = await createTestStock(s.ctx.database.db, { units: 0, now: s.clock.now() });
    const frank = await verifiedCustomer(700);
    const res = await call(
      frank.token,
      'POST',
      '/v1/rentals',
      { skuId: empty.skuId, planId: empty.planId, address: address(4) },
      'order-frank-1',
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('RENTAL_OUT_OF_STOCK');
    const kept = await queryRows<{ orders: number; applications: number }>(
      s.ctx.database.db,
      sql`select (select count(*)::int from rental_orders where customer_id = ${frank.customerId}) as orders,
                 (select count(*)::int from risk_applications where customer_id = ${frank.customerId}) as applications`,
    );
    expect(kept[0]).toEqual({ orders: 0, applications: 0 });
  });

  test('the timers are configuration: defaults shown, a change audited, bad values named', async () => {
    const operator = await signInTestStaff(s, 'operator');
    const shown = (await call(operator.token, 'GET', '/v1/admin/rental-timers')).json();
    expect(shown.timers).toMatchObject({ unpaidOrderCancelMinutes: 120, reminderDaysBeforeDue: [7, 3, 1] });
    const changed = await call(operator.token, 'PUT', '/v1/admin/rental-timers', { unpaidOrderCancelMinutes: 30 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().timers).toMatchObject({ unpaidOrderCancelMinutes: 30, renewalWindowDays: 15 });
    const bad = await call(operator.token, 'PUT', '/v1/admin/rental-timers', { unpaidOrderCancelMinutes: 1 });
    expect(bad.statusCode).toBe(422);
    const audit = await queryRows<{ detail: { changed: string[] } }>(
      s.ctx.database.db,
      sql`select detail from identity_audit_log where action = 'rental.timers_changed'`,
    );
    expect(audit.map((a) => a.detail.changed)).toEqual([['unpaidOrderCancelMinutes']]);
    const customer = await signInTestCustomer(s);
    expect((await call(customer.token, 'GET', '/v1/admin/rental-timers')).statusCode).toBe(401);
    const risk = await signInTestStaff(s, 'risk_reviewer');
    expect((await call(risk.token, 'GET', '/v1/admin/rental-timers')).statusCode).toBe(200);
    expect((await call(risk.token, 'PUT', '/v1/admin/rental-timers', {})).statusCode).toBe(403);
    // Back to the default for the other tests.
    await call(operator.token, 'PUT', '/v1/admin/rental-timers', {});
  });
});
