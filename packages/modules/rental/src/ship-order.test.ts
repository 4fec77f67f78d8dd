// Shipping, delivery and the return pick-up over HTTP with the sandbox courier (issue #14): the desk
// ships a paid order with a scanned IMEI (wrong SKU refused, a double ship refused, the same
// Idempotency-Key answered again), the label is a PDF, the courier's signed webhook is refused when
// unsigned, stale or replayed, the clock delivers the parcel on 31 January so the rent starts on
// 1 February (anchor day 1: the next period is due 1 March), and the return's first scan stops the
// rent while the warehouse's signature starts the inspection.
import { publishProduct } from '@zulin/catalog';
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { pushSandboxScans, sandboxCarrierSecret, useSandboxCourierPoster } from '@zulin/logistics';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { enrolRequestedDevices, mdmDeps } from '@zulin/risk';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rentalDeps } from './module';
import { recordPayment } from './rent-steps';
import { runRentTick } from './rent-tick';
import { recordSignature } from './sign-order';

const sandboxHeaders = (headers: Record<string, string>) => headers;

describeDb('shipping a rental: desk, courier webhook, delivery, return pick-up', (get) => {
  let s: TestServer;
  let staffToken: string;
  let customer: { customerId: string; token: string };
  let customerPhone = '';
  /** Tokens expire as the test clock moves on: sign in again. */
  const signInAgain = async () => {
    staffToken = (await signInTestStaff(s, 'warehouse')).token;
    customer = await signInTestCustomer(s, customerPhone);
  };
  beforeAll(async () => {
    // 2027-01-30 10:00 in Shanghai.
    s = await createTestServer(get().database, { modules, now: '2027-01-30T02:00:00Z' });
    useSandboxCourierPoster(s.ctx, async ({ headers, body }) => {
      const answer = await s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/sandbox_express',
        headers,
        payload: body,
      });
      return { status: answer.statusCode };
    });
    staffToken = (await signInTestStaff(s, 'warehouse')).token;
    customerPhone = `${randomTestPhone().slice(0, -1)}0`;
    customer = await signInTestCustomer(s, customerPhone);
    const first17 = '11010119880808700';
    const verified = await s.app.inject({
      method: 'POST',
      url: '/v1/me/identity',
      headers: bearer(customer.token),
      payload: { name: '李四', idNumber: `${first17}${idCheckChar(first17)}` },
    });
    expect(verified.statusCode).toBe(200);
  });
  afterAll(async () => {
    await s?.close();
  });

  const db = () => s.ctx.database.db;
  const stock = async (units: number) => {
    const made = await createTestStock(db(), { units, now: s.clock.now() });
    await publishProduct(db(), { productId: made.productId, actor: { kind: 'system' }, now: s.clock.now() });
    return made;
  };
  const imeiOf = async (unitId: string) =>
    (
      await queryRows<{ imei: string; state: string; order_ref: string | null }>(
        db(),
        sql`select imei, state, order_ref from inventory_units where id = ${unitId}`,
      )
    )[0] as { imei: string; state: string; order_ref: string | null };
  const order = async (orderId: string) =>
    (
      await queryRows<{
        status: string;
        unit_id: string;
        delivered_on: string | null;
        rent_start_date: string | null;
        next_bill_due_date: string | null;
      }>(
        db(),
        sql`select status, unit_id, delivered_on::text, rent_start_date::text, next_bill_due_date::text from rental_orders where id = ${orderId}`,
      )
    )[0];
  const enrolments = (orderId: string) =>
    queryRows<{ status: string; imei: string; device_id: string | null }>(
      db(),
      sql`select status, imei, device_id from risk_device_enrolments where reference = ${orderId}`,
    );
  const devicesOf = (orderId: string) =>
    queryRows<{
      id: string;
      imei: string;
      customer_id: string;
      released_at: Date | null;
      release_reason: string | null;
    }>(
      db(),
      sql`select id, imei, customer_id, released_at, release_reason from risk_devices where reference = ${orderId}`,
    );
  const paidOrder = async (stockOf: Awaited<ReturnType<typeof stock>>) => {
    const placed = await s.app.inject({
      method: 'POST',
      url: '/v1/rentals',
      headers: bearer(customer.token),
      payload: {
        skuId: stockOf.skuId,
        planId: stockOf.planId,
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
    await transaction(s.ctx.database, async (tx) => {
      await recordSignature(tx, deps, { orderId, contractId: placed.json().contractId, signedAt: s.clock.now() });
      const [row] = await queryRows<{ first: number; hold: number }>(
        tx,
        sql`select first_payment_minor::int as first, deposit_to_hold_minor::int as hold from rental_orders where id = ${orderId}`,
      );
      await recordPayment(tx, deps, {
        orderId,
        paymentId: `pay_${orderId}`,
        paidMinor: row?.first ?? -1,
        depositAuthorisedMinor: row?.hold ?? -1,
      });
    });
    return orderId;
  };
  const ship = (body: object, key?: string) =>
    s.app.inject({
      method: 'POST',
      url: '/v1/admin/shipments',
      headers: { ...bearer(staffToken), ...(key ? { 'idempotency-key': key } : {}) },
      payload: body,
    });
  /** The sandbox courier pushes what fell due; the worker applies the inbox and the subscribers. */
  const courier = async () => {
    const pushed = await pushSandboxScans(s.ctx.database, {
      clock: s.clock,
      secret: sandboxCarrierSecret(s.ctx.config.masterKey),
      post: async ({ headers, body }) => {
        const answer = await s.app.inject({
          method: 'POST',
          url: '/v1/webhooks/sandbox_express',
          headers,
          payload: body,
        });
        return { status: answer.statusCode };
      },
    });
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    return pushed;
  };

  let shippedOrderId = '';
  let shipmentId = '';

  test('the desk ships a paid order with a scanned phone: wrong SKU refused, once only, idempotent', async () => {
    const phones = await stock(2);
    const other = await stock(1);
    const orderId = await paidOrder(phones);
    const held = (await order(orderId))?.unit_id as string;
    const spare = phones.unitIds.find((id) => id !== held) as string;

    const wrong = await ship({ orderId, imei: (await imeiOf(other.unitIds[0] as string)).imei });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('INVENTORY_UNIT_SKU_MISMATCH');
    expect((await order(orderId))?.status).toBe('paid');
    const none = await s.app.inject({ url: `/v1/admin/shipments?orderId=${orderId}`, headers: bearer(staffToken) });
    expect(none.json().data).toEqual([]);

    // The desk scans the other phone of the same SKU: the reservation moves to it.
    const spareImei = (await imeiOf(spare)).imei;
    const shipped = await ship({ orderId, imei: spareImei }, `ship-${orderId}`);
    expect(shipped.statusCode, shipped.body).toBe(201);
    const body = shipped.json();
    expect(body.order.status).toBe('shipped');
    expect(body.shipment).toMatchObject({
      direction: 'outbound',
      orderRef: orderId,
      state: 'created',
      carrier: 'sandbox_express',
    });
    expect(body.shipment.waybillNo).toMatch(/^ZS[0-9]{9}CN$/);
    expect(body.shipment.summary).toMatchObject({
      imei: spareImei,
      recipientName: '李*',
      recipientPhone: '139****9000',
    });
    expect(await order(orderId)).toMatchObject({ status: 'shipped', unit_id: spare });
    expect(await imeiOf(spare)).toMatchObject({ state: 'shipped', order_ref: orderId });
    expect(await imeiOf(held)).toMatchObject({ state: 'in_stock', order_ref: null });

    const again = await ship({ orderId, imei: spareImei }, `ship-${orderId}`);
    expect(again.statusCode).toBe(201);
    expect(again.json().shipment.id).toBe(body.shipment.id);
    const twice = await ship({ orderId, imei: spareImei });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('RENTAL_TRANSITION_NOT_ALLOWED');
    const list = await s.app.inject({ url: `/v1/admin/shipments?orderId=${orderId}`, headers: bearer(staffToken) });
    expect(list.json().data).toHaveLength(1);

    const label = await s.app.inject({
      url: `/v1/admin/shipments/${body.shipment.id}/label.pdf`,
      headers: bearer(staffToken),
    });
    expect(label.statusCode).toBe(200);
    expect(label.headers['content-type']).toBe('application/pdf');
    expect(label.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    shippedOrderId = orderId;
    shipmentId = body.shipment.id;
  });

  test('the courier webhook refuses a missing or wrong signature, a stale timestamp and a replay', async () => {
    const { sandboxPushRequest } = await import('@zulin/logistics');
    const secret = sandboxCarrierSecret(s.ctx.config.masterKey);
    const events = [
      {
        eventId: 'ZS000000000CN-99',
        waybillNo: 'ZS000000000CN',
        orderRef: 'nobody',
        opCode: 'COLLECTED' as const,
        opTime: '2027-01-30 11:20:00',
        city: '北京市',
        remark: '揽收',
      },
    ];
    const post = (headers: Record<string, string>, body: string) =>
      s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/sandbox_express',
        headers: sandboxHeaders(headers),
        payload: body,
      });
    const good = sandboxPushRequest({ secret, events, now: s.clock.now(), nonce: 'nonce00000001' });
    const missing = await post({ 'content-type': 'application/json' }, good.body);
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('WEBHOOK_SIGNATURE_MISSING');
    const forged = await post({ ...good.headers, 'x-zs-signature': Buffer.alloc(32, 1).toString('base64') }, good.body);
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const tampered = await post(good.headers, good.body.replace('11:20', '11:21'));
    expect(tampered.json().code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const old = sandboxPushRequest({
      secret,
      events,
      now: new Date(s.clock.now().getTime() - 301_000),
      nonce: 'nonce00000002',
    });
    const stale = await post(old.headers, old.body);
    expect(stale.statusCode).toBe(401);
    expect(stale.json().code).toBe('WEBHOOK_TIMESTAMP_STALE');
    const first = await post(good.headers, good.body);
    expect(first.statusCode).toBe(200);
    const replay = await post(good.headers, good.body);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('LOGISTICS_WEBHOOK_REPLAYED');
    const notJson = sandboxPushRequest({ secret, events: [], now: s.clock.now(), nonce: 'nonce00000003' });
    const empty = await post(notJson.headers, notJson.body);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('LOGISTICS_WEBHOOK_BODY_INVALID');
  });

  test('the courier delivers on 31 January: rent starts 1 February, the next period is due 1 March', async () => {
    expect(shippedOrderId).not.toBe('');
    // Nothing is due before the courier's 11:00 collection.
    expect((await courier()).scans).toBe(0);
    // 31 January 12:00 in Shanghai: collected on the 30th, in Beijing overnight, signed at about 10:00.
    s.clock.set('2027-01-31T04:00:00Z');
    const pushed = await courier();
    expect(pushed.scans).toBe(5);
    await signInAgain();
    const detail = await s.app.inject({ url: `/v1/admin/shipments/${shipmentId}`, headers: bearer(staffToken) });
    expect(detail.json().state).toBe('delivered');
    expect(detail.json().events.map((e: { carrierCode: string }) => e.carrierCode)).toEqual([
      'COLLECTED',
      'DEPARTED',
      'ARRIVED',
      'DELIVERING',
      'SIGNED',
    ]);
    expect(await order(shippedOrderId)).toMatchObject({
      status: 'delivered',
      delivered_on: '2027-01-31',
      rent_start_date: '2027-02-01',
    });
    // The customer reads both dates.
    const mine = await s.app.inject({ url: `/v1/rentals/${shippedOrderId}`, headers: bearer(customer.token) });
    expect(mine.json()).toMatchObject({ deliveredOn: '2027-01-31', rentStartDate: '2027-02-01' });
    // Delivered: risk is asked to enrol the phone with the MDM (in the delivery's transaction), and its
    // sweep enrols it after commit — once, however often it runs.
    const unitImei = (await imeiOf((await order(shippedOrderId))?.unit_id as string)).imei;
    expect(await enrolments(shippedOrderId)).toEqual([{ status: 'pending', imei: unitImei, device_id: null }]);
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toEqual({ enrolled: 1, failed: 0, retry: 0 });
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toEqual({ enrolled: 0, failed: 0, retry: 0 });
    const [enrolment] = await enrolments(shippedOrderId);
    expect(enrolment?.status).toBe('enrolled');
    expect(await devicesOf(shippedOrderId)).toEqual([
      {
        id: enrolment?.device_id,
        imei: unitImei,
        customer_id: customer.customerId,
        released_at: null,
        release_reason: null,
      },
    ]);
    // The list filters by state (one or several) and direction.
    const byState = async (query: string) =>
      (await s.app.inject({ url: `/v1/admin/shipments?${query}`, headers: bearer(staffToken) }))
        .json()
        .data.map((r: { id: string }) => r.id);
    expect(await byState('state=delivered&direction=outbound')).toContain(shipmentId);
    expect(await byState('state=in_transit&state=delivered')).toContain(shipmentId);
    expect(await byState('state=created')).not.toContain(shipmentId);
    expect(await byState('direction=return')).not.toContain(shipmentId);
    // Pushing again sends nothing new and changes nothing.
    expect((await courier()).scans).toBe(0);
    const deps = rentalDeps(s.ctx);
    expect(await runRentTick(db(), deps, '2027-01-31')).toMatchObject({ started: 0 });
    expect(await runRentTick(db(), deps, '2027-02-01')).toMatchObject({ started: 1 });
    expect(await order(shippedOrderId)).toMatchObject({ status: 'active', next_bill_due_date: '2027-03-01' });
  });

  test('return: the pick-up is booked with the courier, the first scan stops the rent, the warehouse starts the inspection', async () => {
    // 2 February 08:00 in Shanghai; the customer books the 09–12 slot today.
    s.clock.set('2027-02-02T00:00:00Z');
    await signInAgain();
    const returned = await s.app.inject({
      method: 'POST',
      url: `/v1/rentals/${shippedOrderId}/return`,
      headers: { ...bearer(customer.token), 'idempotency-key': `ret-${shippedOrderId}` },
      payload: { pickup: { date: '2027-02-02', slot: '09-12' } },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('return_requested');
    const list = await s.app.inject({
      url: `/v1/admin/shipments?orderId=${shippedOrderId}&direction=return`,
      headers: bearer(staffToken),
    });
    const back = list.json().data[0];
    expect(back).toMatchObject({ direction: 'return', state: 'created' });
    expect(back.summary.pickupWindowStart).toBe('2027-02-02T09:00:00+08:00');
    // Before the courier comes nothing moves.
    s.clock.set('2027-02-02T01:10:00Z');
    expect((await courier()).scans).toBe(0);
    expect(await order(shippedOrderId)).toMatchObject({ status: 'return_requested' });
    // Collected at 09:20: the rent stops that day.
    s.clock.set('2027-02-02T02:00:00Z');
    expect((await courier()).scans).toBe(1);
    expect(await order(shippedOrderId)).toMatchObject({ status: 'returning', next_bill_due_date: null });
    const [afterSale] = await queryRows<{ detail: { rentStoppedOn: string; pickedUpAt: string } }>(
      db(),
      sql`select detail from rental_after_sales where order_id = ${shippedOrderId} and kind = 'return'`,
    );
    expect(afterSale?.detail).toMatchObject({ rentStoppedOn: '2027-02-02', pickedUpAt: '2027-02-02T01:20:00.000Z' });
    const unitId = (await order(shippedOrderId))?.unit_id as string;
    expect((await imeiOf(unitId)).state).toBe('returning');
    // No rent is billed while the phone travels back.
    expect(await runRentTick(db(), rentalDeps(s.ctx), '2027-02-22')).toMatchObject({ billed: 0 });
    // Signed for at the warehouse the next day: inspection.
    s.clock.set('2027-02-03T06:00:00Z');
    await courier();
    expect(await order(shippedOrderId)).toMatchObject({ status: 'inspecting' });
    expect((await imeiOf(unitId)).state).toBe('inspecting');
    // Back at the warehouse: the phone leaves monitoring (audited), and takes no more lock commands.
    const [device] = await devicesOf(shippedOrderId);
    expect(device).toMatchObject({ release_reason: 'inspecting' });
    expect(device?.released_at).not.toBeNull();
    const admin = await signInTestStaff(s, 'admin');
    const lock = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/risk/devices/${device?.id}/lock`,
      headers: bearer(admin.token),
      payload: { reason: '测试' },
    });
    expect(lock.json().code).toBe('RISK_DEVICE_RELEASED');
    const audit = await queryRows<{ action: string }>(
      db(),
      sql`select action from identity_audit_log where target_id = ${device?.id ?? ''} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['risk.device_enrolled', 'risk.device_released']);
  });
});
