// 门店自提 end to end over HTTP (issue #14): the customer picks a store at checkout, pays ¥259.00 at the
// sandbox cashier, the desk ships through the store carrier (the label names the store), the store
// scans the arrival (the customer's notification carries the 6-digit code), five wrong codes lock the
// code, a new code hands the phone over — `delivered` like a courier's signature, rent from the next
// day; a second order nobody collects goes back after the shelf time (7 days): cancelled, ¥259.00
// refunded in full, the phone back at the warehouse. Evidence logs the store's scans like a courier's.
import type { AddressInfo } from 'node:net';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { returnUncollectedParcels, seedPickupStores } from '@zulin/logistics';
import { getRefund } from '@zulin/payments';
import { deliverSandboxCallbacks, sandboxKeys, usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rentalDeps } from './module';
import { runRentTick } from './rent-tick';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

describeDb('store pick-up (门店自提): checkout, ship to the store, code at the counter, shelf time', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  let staff = '';
  let n = 0;
  const db = () => s.ctx.database.db;
  const drain = async () => {
    await deliverSandboxCallbacks(db(), {
      clock: s.clock,
      keys: await sandboxKeys(db(), s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const order = async (orderId: string) =>
    (
      await queryRows<{
        status: string;
        unit_id: string;
        delivered_on: string | null;
        rent_start_date: string | null;
        next_bill_due_date: string | null;
        first_payment_refund_id: string | null;
        close_reason: string | null;
      }>(
        db(),
        sql`select status, unit_id, delivered_on::text, rent_start_date::text, next_bill_due_date::text,
                   first_payment_refund_id, close_reason from rental_orders where id = ${orderId}`,
      )
    )[0];
  const unitState = async (unitId: string) =>
    (await queryRows<{ state: string }>(db(), sql`select state from inventory_units where id = ${unitId}`))[0]?.state;
  const staffCall = (method: 'GET' | 'POST', url: string, payload?: object) =>
    s.app.inject({ method, url, headers: bearer(staff), ...(payload ? { payload } : {}) });
  /** The newest pick-up code in the customer's notifications, as the H5 inbox shows it. */
  const codeInInbox = async (token: string) => {
    const inbox = await kit.call(token, 'GET', '/v1/me/notifications');
    expect(inbox.statusCode).toBe(200);
    const ready = inbox.json().data.find((m: { template: string }) => m.template === 'logistics.pickup_ready');
    expect(ready, inbox.body).toBeDefined();
    return { code: ready.params.pickupCode as string, message: ready };
  };
  /** An order for pick-up at SH-JA01, signed and paid (all of the deposit waived: score 700). */
  const paidPickupOrder = async () => {
    const customer = await kit.verifiedCustomer(700);
    n += 1;
    const placed = await kit.call(
      customer.token,
      'POST',
      '/v1/rentals',
      { skuId: stock.skuId, planId: stock.planId, address: testAddress(n), pickupStoreCode: 'SH-JA01' },
      `pickup-order-${n}`,
    );
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json().pickupStoreCode).toBe('SH-JA01');
    const signed = await kit.signOrder(customer, placed.json());
    expect(signed.statusCode).toBe(200);
    const started = await kit.call(customer.token, 'POST', `/v1/rentals/${placed.json().id}/pay`, {
      channel: 'wechatpay',
    });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().channelPayment.amountMinor).toBe(25_900);
    const paid = await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/cashier/${started.json().channelPayment.cashierUrl.split('/').at(-1)}/pay`,
    });
    expect(paid.statusCode).toBe(200);
    await drain();
    const orderId: string = placed.json().id;
    expect((await order(orderId))?.status).toBe('paid');
    return { customer, orderId };
  };
  const shipToStore = async (orderId: string) => {
    const unitId = (await order(orderId))?.unit_id as string;
    const [unit] = await queryRows<{ imei: string }>(db(), sql`select imei from inventory_units where id = ${unitId}`);
    const shipped = await staffCall('POST', '/v1/admin/shipments', { orderId, imei: unit?.imei });
    expect(shipped.statusCode, shipped.body).toBe(201);
    return shipped.json().shipment as { id: string; waybillNo: string; carrier: string; summary: { city: string } };
  };
  const balanced = async () => {
    await assertLedgerConsistent(db());
    const tb = await trialBalance(db(), 'CNY');
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
  };

  beforeAll(async () => {
    // 2027-03-01 10:00 in Shanghai.
    s = await createTestServer(get().database, { modules, now: '2027-03-01T02:00:00Z' });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, db(), { units: 3, now: s.clock.now() });
    staff = (await signInTestStaff(s, 'warehouse')).token;
    // The demo stores (the module's seed; the test server seeds nothing by itself).
    await seedPickupStores(db(), s.clock.now());
  });
  afterAll(async () => {
    await s?.close();
  });

  test('checkout lists the stores and refuses an unknown one', async () => {
    const stores = await s.app.inject({ url: '/v1/pickup-stores' });
    expect(stores.statusCode).toBe(200);
    expect(stores.json().data.map((x: { code: string }) => x.code)).toEqual(['BJ-HD01', 'SH-JA01', 'SZ-NS01']);
    expect(stores.json().data[1]).toMatchObject({
      openHour: 10,
      closeHour: 21,
      addressLine: '上海市静安区南京西路 1266 号 1 楼',
    });
    const customer = await kit.verifiedCustomer(700);
    const bad = await kit.call(customer.token, 'POST', '/v1/rentals', {
      skuId: stock.skuId,
      planId: stock.planId,
      address: testAddress(99),
      pickupStoreCode: 'XX-NOPE',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('LOGISTICS_PICKUP_STORE_NOT_FOUND');
  });

  test('five wrong codes lock the code; a new code hands the phone over: delivered, rent from the next day', async () => {
    const { customer, orderId } = await paidPickupOrder();
    const shipment = await shipToStore(orderId);
    expect(shipment.carrier).toBe('store_pickup');
    expect(shipment.waybillNo).toMatch(/^ZT[0-9]{9}CN$/);
    expect(shipment.summary.city).toBe('上海市');
    const label = await staffCall('GET', `/v1/admin/shipments/${shipment.id}/label.pdf`);
    expect(label.statusCode).toBe(200);
    expect(label.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const wb = shipment.waybillNo;

    // Before the arrival there is no code to try.
    const early = await staffCall('POST', `/v1/admin/store-parcels/${wb}/hand-over`, { code: '123456' });
    expect(early.json().code).toBe('LOGISTICS_PICKUP_CODE_EXPIRED');

    // 2027-03-02 11:00 Shanghai: the store scans the arrival.
    s.clock.set(new Date('2027-03-02T03:00:00Z'));
    staff = (await signInTestStaff(s, 'warehouse')).token;
    const arrived = await staffCall('POST', `/v1/admin/store-parcels/${wb}/arrive`);
    expect(arrived.statusCode, arrived.body).toBe(200);
    expect(arrived.json()).toMatchObject({
      storeCode: 'SH-JA01',
      state: 'out_for_delivery',
      nextScans: ['collected', 'uncollected'],
      // The shelf time ends with 9 March in Shanghai (7 days after the arrival's day).
      shelfUntil: '2027-03-09T16:00:00.000Z',
    });
    const again = await staffCall('POST', `/v1/admin/store-parcels/${wb}/arrive`);
    expect(again.json().code).toBe('LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED');
    const me = await signInTestCustomer(s, customer.phone);
    const first = await codeInInbox(me.token);
    expect(first.code).toMatch(/^[0-9]{6}$/);
    expect(first.message.params).toMatchObject({ store: '上海静安门店', shelfUntil: '2027-03-09' });

    const wrong = first.code === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) {
      const tried = await staffCall('POST', `/v1/admin/store-parcels/${wb}/hand-over`, { code: wrong });
      expect(tried.statusCode).toBe(422);
      expect(tried.json()).toMatchObject({
        code: 'LOGISTICS_PICKUP_CODE_INVALID',
        detail: `Wrong pick-up code; ${left} tries left.`,
      });
    }
    const fifth = await staffCall('POST', `/v1/admin/store-parcels/${wb}/hand-over`, { code: wrong });
    expect(fifth.statusCode).toBe(409);
    expect(fifth.json().code).toBe('LOGISTICS_PICKUP_CODE_LOCKED');
    // Locked: even the right code is refused now.
    const locked = await staffCall('POST', `/v1/admin/store-parcels/${wb}/hand-over`, { code: first.code });
    expect(locked.json().code).toBe('LOGISTICS_PICKUP_CODE_LOCKED');
    expect((await order(orderId))?.status).toBe('shipped');

    // The counter re-issues: a new code in the customer's inbox, the old one no longer counts.
    s.clock.set(new Date('2027-03-02T10:05:00Z'));
    staff = (await signInTestStaff(s, 'warehouse')).token;
    const reissued = await staffCall('POST', `/v1/admin/store-parcels/${wb}/reissue-code`);
    expect(reissued.statusCode, reissued.body).toBe(200);
    const second = await codeInInbox((await signInTestCustomer(s, customer.phone)).token);
    expect(second.message.id).not.toBe(first.message.id);
    // 2027-03-02 18:05 Shanghai: handed over with the new code.
    const handed = await staffCall('POST', `/v1/admin/store-parcels/${wb}/hand-over`, { code: second.code });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json()).toMatchObject({ state: 'delivered', nextScans: [] });
    expect(handed.json().events.at(-1)).toMatchObject({ carrierCode: 'collected', signedBy: '本人（取件码）' });
    const reuse = await staffCall('POST', `/v1/admin/store-parcels/${wb}/hand-over`, { code: second.code });
    expect(reuse.json().code).toBe('LOGISTICS_PICKUP_CODE_EXPIRED');

    // The same path as a courier's signature: delivered on 2 March, the rent starts on 3 March.
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    expect(await order(orderId)).toMatchObject({
      status: 'delivered',
      delivered_on: '2027-03-02',
      rent_start_date: '2027-03-03',
    });
    const deps = rentalDeps(s.ctx);
    expect(await runRentTick(db(), deps, '2027-03-02')).toMatchObject({ started: 0 });
    expect(await runRentTick(db(), deps, '2027-03-03')).toMatchObject({ started: 1 });
    // Anchored on the 3rd: the next period is due 3 April.
    expect(await order(orderId)).toMatchObject({ status: 'active', next_bill_due_date: '2027-04-03' });
    // The store's scans reach the evidence log as a courier's do.
    const evidence = await queryRows<{ kind: string }>(
      db(),
      sql`select kind from contracts_evidence_entries where subject_id = ${orderId} and kind like 'logistics.%' order by seq`,
    );
    expect(evidence.map((e) => e.kind)).toEqual([
      'logistics.shipment_created',
      'logistics.shipment_scanned',
      'logistics.shipment_delivered',
    ]);
    await balanced();
  }, 180_000);

  test('not collected within the shelf time: back to the warehouse, cancelled, ¥259.00 refunded in full', async () => {
    s.clock.set(new Date('2027-03-10T02:00:00Z'));
    staff = (await signInTestStaff(s, 'warehouse')).token;
    const { orderId } = await paidPickupOrder();
    const unitId = (await order(orderId))?.unit_id as string;
    const { waybillNo } = await shipToStore(orderId);
    s.clock.set(new Date('2027-03-11T02:00:00Z'));
    staff = (await signInTestStaff(s, 'warehouse')).token;
    expect((await staffCall('POST', `/v1/admin/store-parcels/${waybillNo}/arrive`)).statusCode).toBe(200);
    const deps = { clock: s.clock, timeZone: s.ctx.config.timeZone, masterKey: s.ctx.config.masterKey };
    // 18 March 23:59 Shanghai: still within the shelf time.
    s.clock.set(new Date('2027-03-18T15:59:00Z'));
    expect(await returnUncollectedParcels(s.ctx.database, deps)).toBe(0);
    // 19 March 00:00 Shanghai: sent back.
    s.clock.set(new Date('2027-03-18T16:00:00Z'));
    expect(await returnUncollectedParcels(s.ctx.database, deps)).toBe(1);
    expect(await returnUncollectedParcels(s.ctx.database, deps)).toBe(0);
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    const row = await order(orderId);
    expect(row).toMatchObject({ status: 'cancelled', close_reason: 'parcel_returned' });
    const refund = await getRefund(db(), row?.first_payment_refund_id ?? '');
    // Refunded in full and already sent back to the payer by the worker.
    expect(refund).toMatchObject({ amountMinor: 25_900, state: 'succeeded' });
    // The phone is back at the warehouse for its check.
    expect(await unitState(unitId)).toBe('inspecting');
    staff = (await signInTestStaff(s, 'warehouse')).token;
    const parcel = await staffCall('GET', `/v1/admin/store-parcels/${waybillNo}`);
    expect(parcel.json()).toMatchObject({ state: 'returned', nextScans: [] });
    const late = await staffCall('POST', `/v1/admin/store-parcels/${waybillNo}/hand-over`, { code: '123456' });
    expect(late.statusCode).toBe(409);
    await balanced();
  }, 180_000);
});
