import { createPlan } from '@zulin/catalog';
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletBalance } from '@zulin/wallet';
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

  test('a day plan: 3 days without a phone of 15 are paid to the wallet at once, 45,000 × 3 / 15 = ¥90.00', async () => {
    const kit = rentalTestKit(s, signInTestCustomer);
    const stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 2, now: s.clock.now() });
    const dayPlan = await transaction(s.ctx.database, (tx) =>
      createPlan(tx, {
        input: { skuId: stock.skuId, termUnit: 'day', termCount: 15, rentMinor: 3_000, buyoutAtEndMinor: 400_000 },
        actor: { kind: 'system' },
        now: s.clock.now(),
      }),
    );
    const customer = await kit.verifiedCustomer(700);
    const placed = (
      await kit.call(
        customer.token,
        'POST',
        '/v1/rentals',
        { skuId: stock.skuId, planId: dayPlan.id, address: testAddress(2) },
        'day-1',
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
        paymentId: 'pay_day',
        paidMinor: placed.firstPaymentMinor,
        depositAuthorisedMinor: 0,
      });
      await shipOrder(tx, deps(), { orderId: placed.id, waybillNo: 'SF9', carrier: 'sandbox', staff: shipper });
      await recordDelivery(tx, deps(), { orderId: placed.id, signedAt: new Date('2027-03-01T09:30:00Z') });
    });
    await runRentTick(s.ctx.database.db, deps(), '2027-03-02');

    s.clock.set('2027-03-05T02:00:00Z');
    const token = (await signInTestCustomer(s, customer.phone)).token;
    const fault = (
      await kit.call(token, 'POST', `/v1/rentals/${placed.id}/faults`, { description: '屏幕不亮' }, 'day-f')
    ).json();
    expect(fault).toMatchObject({ status: 'reported', reportedOn: '2027-03-05' });
    const staff = async () => bearer((await signInTestStaff(s, 'operator')).token);
    const post = async (step: string, payload: object) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/admin/rentals/${placed.id}/faults/${fault.id}/${step}`,
        payload,
        headers: await staff(),
      });
    expect((await post('repair', {})).json().status).toBe('repairing');
    await post('receive', {});
    await post('ship-repaired', { outboundWaybillNo: 'R1' });
    s.clock.set('2027-03-07T08:00:00Z');
    const done = (await post('delivered', { signedAt: '2027-03-07T04:00:00Z' })).json();
    // 03-05 … 03-07: 3 of the 15 days of ¥450.00 → ¥90.00, paid to the wallet at once.
    expect(done).toMatchObject({ status: 'resolved', faultDays: 3, creditMinor: 9_000, creditedMinor: 9_000 });
    const balance = await transaction(s.ctx.database, (tx) => walletBalance(tx, s.clock, customer.customerId));
    expect(balance).toMatchObject({ availableMinor: 9_000 });
  }, 120_000);
});
