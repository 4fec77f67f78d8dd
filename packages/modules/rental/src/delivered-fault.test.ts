// A phone dead on arrival (issue #14): the order is `delivered` (signed for on 30 January, rent from
// the 31st) and the customer reports a fault the same day — allowed now. The swap's phone is signed
// for on 2 February: the days without a phone are counted from the rent start, 31 January – 2 February
// = 3 days of period 1 (31 January – 27 February, 28 days) → 25,900 × 3 ⁄ 28 = 2,775 → ¥27.75; the
// 30th (before the rent started) costs nothing and is not counted.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rentalDeps } from './module';
import { recordDelivery, recordPayment, shipOrder } from './rent-steps';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

describeDb('a fault reported on the day of delivery', (get) => {
  let s: TestServer;
  afterAll(async () => {
    await s?.close();
  });
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-01-30T04:00:00Z' });
  });

  test('delivered (rent from tomorrow) may report; the days count from the rent start: 3 days → ¥27.75', async () => {
    const kit = rentalTestKit(s, signInTestCustomer);
    const stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 2, now: s.clock.now() });
    const customer = await kit.verifiedCustomer(700);
    const placed = (
      await kit.call(
        customer.token,
        'POST',
        '/v1/rentals',
        { skuId: stock.skuId, planId: stock.planId, address: testAddress(1) },
        'doa-1',
      )
    ).json();
    expect((await kit.signOrder(customer, placed)).json().status).toBe('awaiting_payment');
    const orderId: string = placed.id;
    const deps = rentalDeps(s.ctx);
    const warehouse = await signInTestStaff(s, 'warehouse');
    const shipper = {
      kind: 'staff' as const,
      staffId: warehouse.staffId,
      username: 'warehouse',
      role: 'warehouse' as const,
      permissions: new Set<never>(),
    };
    await transaction(s.ctx.database, async (tx) => {
      await recordPayment(tx, deps, { orderId, paymentId: 'pay_doa', paidMinor: 25_900, depositAuthorisedMinor: 0 });
      await shipOrder(tx, deps, { orderId, waybillNo: 'ZS1', carrier: 'sandbox', staff: shipper });
      await recordDelivery(tx, deps, { orderId, signedAt: new Date('2027-01-30T03:30:00Z') });
    });
    const order = (await kit.call(customer.token, 'GET', `/v1/rentals/${orderId}`)).json();
    expect(order.status).toBe('delivered');
    expect(order.actions).toContain('report_fault');
    const reported = await kit.call(
      customer.token,
      'POST',
      `/v1/rentals/${orderId}/faults`,
      { description: '开箱无法开机' },
      'doa-f1',
    );
    expect(reported.statusCode, reported.body).toBe(201);
    expect(reported.json()).toMatchObject({ status: 'reported', reportedOn: '2027-01-30' });

    const staffToken = (await signInTestStaff(s, 'operator')).token;
    const post = (url: string, payload: object) =>
      s.app.inject({ method: 'POST', url, payload, headers: bearer(staffToken) });
    const base = `/v1/admin/rentals/${orderId}/faults/${reported.json().id}`;
    expect((await post(`${base}/diagnose`, { note: '开箱即坏' })).statusCode).toBe(200);
    const spare = (
      await queryRows<{ imei: string }>(
        s.ctx.database.db,
        sql`select imei from inventory_units where sku_id = ${stock.skuId} and state = 'in_stock' limit 1`,
      )
    )[0]?.imei as string;
    expect((await post(`${base}/swap`, { imei: spare })).statusCode).toBe(200);
    s.clock.set('2027-02-02T08:00:00Z');
    const done = await s.app.inject({
      method: 'POST',
      url: `${base}/delivered`,
      payload: { signedAt: '2027-02-02T06:00:00Z' },
      headers: bearer((await signInTestStaff(s, 'operator')).token),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'resolved',
      resolution: 'swapped',
      workingPhoneOn: '2027-02-02',
      faultDays: 3,
      creditMinor: 2_775,
    });
  }, 120_000);
});
