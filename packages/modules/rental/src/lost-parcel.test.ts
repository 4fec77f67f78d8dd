// A lost outbound parcel (docs/rental.md, "Refused and lost parcels"), end to end over HTTP with the
// sandbox cashier, the sandbox courier's signed webhook and the worker:
// * the courier reports the parcel lost → flagged for the desk (the order moves nothing) → staff
//   confirm it lost → the phone is inventory's `lost` → 补发 with another phone of the SKU → a second
//   live outbound parcel is refused → the new parcel is signed for at 23:50 Beijing on day D → the
//   order is delivered on D and its rent starts on D + 1 (the rent tick); the customer is told and the
//   order page says so; the ¥259.00 first payment stays booked once; the ledger balances;
// * no phone in stock: 补发 is a 409 and the order is cancelled with the refused parcel's path — the
//   ¥259.00 refunded in full, the ¥1,799.70 hold released, the ledger back where it started;
// * either way, confirming the loss files one carrier claim (direction `outbound`) for the phone's
//   market price, ¥5,999.00 (never rented: no depreciation; declared at the market price), booked
//   1400 Dr / 4500 Cr in the same transaction; confirming again files nothing.
import type { AddressInfo } from 'node:net';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { addDays, businessDateOf } from '@zulin/kernel';
import {
  assertLedgerConsistent,
  channelClearingAccount,
  getBalances,
  platformAccount,
  trialBalance,
} from '@zulin/ledger';
import { beijingWallTime, type SandboxWireEvent, sandboxCarrierSecret, sandboxPushRequest } from '@zulin/logistics';
import {
  authorisationChannelClient,
  getAuthorisation,
  getRefund,
  paymentChannelClient,
  sendRefund,
} from '@zulin/payments';
import { deliverSandboxCallbacks, sandboxKeys, usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { releaseDeposits } from './release-deposits';
import { runRentTick } from './rent-tick';
import { rentalOrders } from './schema';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

describeDb('a lost parcel: confirmed, 补发 or cancelled with a full refund', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let staffToken: string;
  let n = 0;
  const db = () => s.ctx.database.db;
  const balance = async (accountId: string) => {
    const b = (await getBalances(db(), [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const snapshot = async () => ({
    clearing: await balance((await channelClearingAccount(db(), s.clock, 'alipay')).id),
    receivables: await balance((await platformAccount(db(), s.clock, 'customer_receivables')).id),
    rent: await balance((await platformAccount(db(), s.clock, 'rent_revenue')).id),
  });
  /** What carriers owe us (1400, a debit balance) and the compensation booked against it (4500). */
  const claimBooks = async () => ({
    receivable: -(await balance((await platformAccount(db(), s.clock, 'carrier_claims_receivable')).id)),
    compensation: await balance((await platformAccount(db(), s.clock, 'carrier_compensation')).id),
  });
  const claimsOf = (orderId: string) =>
    queryRows<{ direction: string; state: string; amountMinor: number; shipmentId: string; booked: string | null }>(
      db(),
      sql`select direction, state, amount_minor::int as "amountMinor", shipment_id as "shipmentId",
            booked_transfer_id as booked from rental_carrier_claims where order_id = ${orderId}`,
    );
  const balanced = async () => {
    await assertLedgerConsistent(db());
    const tb = await trialBalance(db(), 'CNY');
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
  };
  const unit = async (unitId: string) =>
    (
      await queryRows<{ imei: string; state: string; orderRef: string | null }>(
        db(),
        sql`select imei, state, order_ref as "orderRef" from inventory_units where id = ${unitId}`,
      )
    )[0];
  const order = async (orderId: string) =>
    (await db().select().from(rentalOrders).where(eq(rentalOrders.id, orderId)))[0];
  const work = async () => {
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const drainPayments = async () => {
    await deliverSandboxCallbacks(db(), {
      clock: s.clock,
      keys: await sandboxKeys(db(), s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
    await work();
  };
  const push = async (events: SandboxWireEvent[], pushId: string) => {
    const request = sandboxPushRequest({
      secret: sandboxCarrierSecret(s.ctx.config.masterKey),
      events,
      now: s.clock.now(),
      pushId,
    });
    const answer = await s.app.inject({
      method: 'POST',
      url: '/v1/webhooks/sandbox_express',
      headers: request.headers,
      payload: request.body,
    });
    expect(answer.statusCode, answer.body).toBeLessThan(300);
    await work();
  };
  const scanOf =
    (waybillNo: string, orderId: string) =>
    (k: number, opCode: SandboxWireEvent['opCode'], at: Date, more: Partial<SandboxWireEvent> = {}) => ({
      eventId: `${waybillNo}-${String(k).padStart(2, '0')}`,
      waybillNo,
      orderRef: orderId,
      opCode,
      opTime: beijingWallTime(at),
      city: '杭州市',
      remark: opCode,
      ...more,
    });
  const staff = (method: 'GET' | 'POST', url: string, payload?: object, key?: string) =>
    s.app.inject({
      method,
      url,
      headers: { ...bearer(staffToken), ...(key ? { 'idempotency-key': key } : {}) },
      ...(payload ? { payload } : {}),
    });
  /** The desk's 丢失处理 list: outbound parcels still waiting for a decision. */
  const awaiting = async () =>
    (await staff('GET', '/v1/admin/shipments?awaitingLostDecision=true'))
      .json()
      .data.map((r: { id: string; state: string; lostSettlement: string | null }) => ({
        id: r.id,
        state: r.state,
        lostSettlement: r.lostSettlement,
      }));
  const inbox = async (token: string, template: string) =>
    (await kit.call(token, 'GET', '/v1/me/notifications'))
      .json()
      .data.filter((m: { template: string }) => m.template === template);

  /** An order signed, paid (¥259.00 to Alipay, ¥1,799.70 held) and shipped with its reserved phone. */
  const shippedOrder = async (skuId: string, planId: string) => {
    n += 1;
    const customer = await kit.verifiedCustomer(660);
    const placed = await kit.call(
      customer.token,
      'POST',
      '/v1/rentals',
      { skuId, planId, address: testAddress(n) },
      `lost-${n}`,
    );
    expect(placed.statusCode, placed.body).toBe(201);
    expect((await kit.signOrder(customer, placed.json())).statusCode).toBe(200);
    const orderId: string = placed.json().id;
    const before = await snapshot();
    const started = await kit.call(
      customer.token,
      'POST',
      `/v1/rentals/${orderId}/pay`,
      { channel: 'alipay', payerToken: '286000000000000001' },
      `pay-${orderId}`,
    );
    expect(started.statusCode, started.body).toBe(201);
    const cashier = started.json().channelPayment.cashierUrl as string;
    expect(
      (await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${cashier.split('/').at(-1)}/pay` }))
        .statusCode,
    ).toBe(200);
    await drainPayments();
    expect((await snapshot()).rent - before.rent).toBe(25_900);
    const unitId = (await order(orderId))?.unitId as string;
    const shipped = await staff('POST', '/v1/admin/shipments', { orderId, imei: (await unit(unitId))?.imei });
    expect(shipped.statusCode, shipped.body).toBe(201);
    const shipment = shipped.json().shipment as { id: string; waybillNo: string };
    return { customer, orderId, unitId, shipment, before };
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    kit = rentalTestKit(s, signInTestCustomer);
    staffToken = (await signInTestStaff(s, 'operator')).token;
  });
  afterAll(async () => {
    await s?.close();
  });

  test('lost exception → confirmed lost → phone lost → 补发 → signed 23:50 Beijing on D → rent from D + 1', async () => {
    const stock = await createTestRentalStock(createTestStock, db(), { units: 2, now: s.clock.now() });
    const { customer, orderId, unitId, shipment, before } = await shippedOrder(stock.skuId, stock.planId);
    const spare = stock.unitIds.find((id) => id !== unitId) as string;
    const t0 = s.clock.now().getTime();
    const at = (hours: number) => new Date(t0 + hours * 3_600_000);
    const first = scanOf(shipment.waybillNo, orderId);

    // The courier collects the parcel, then reports it lost (the sandbox's LOST scan: exception, lost).
    await push([first(1, 'COLLECTED', at(1)), first(2, 'DEPARTED', at(4))], `${shipment.waybillNo}-2`);
    await push([first(3, 'LOST', at(76))], `${shipment.waybillNo}-3`);
    const flagged = (await staff('GET', '/v1/admin/shipments?suspectedLost=true')).json().data;
    expect(flagged.map((r: { id: string }) => r.id)).toEqual([shipment.id]);
    expect(flagged[0]).toMatchObject({ state: 'exception', suspectedLostReason: 'carrier_lost', lostAt: null });
    // The desk's 丢失处理 list (parcels waiting for a decision) has it too.
    expect(await awaiting()).toEqual([{ id: shipment.id, state: 'exception', lostSettlement: null }]);
    // The customer is told once: 物流异常，我们正在与快递公司核实 (in-app; SMS per their settings).
    expect(
      (await inbox(customer.token, 'logistics.parcel_suspected_lost')).map((m: { params: object }) => m.params),
    ).toEqual([{ waybillNo: shipment.waybillNo }]);
    // Flagged, not lost: the order and the phone are as they were.
    expect(await order(orderId)).toMatchObject({ status: 'shipped' });
    expect(await unit(unitId)).toMatchObject({ state: 'shipped' });

    // 补发 before the loss is confirmed is refused.
    const early = await staff('POST', `/v1/admin/shipments/${shipment.id}/reship`, {
      imei: (await unit(spare))?.imei,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('RENTAL_PARCEL_NOT_LOST');

    // Staff confirm it lost, with a reason: the carrier owes us the phone, a claim is filed and booked.
    const books = await claimBooks();
    const confirmed = await staff(
      'POST',
      `/v1/admin/shipments/${shipment.id}/confirm-lost`,
      { reason: '快递公司确认运输途中遗失' },
      `lost-${orderId}`,
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().shipment).toMatchObject({ state: 'lost', lostReason: '快递公司确认运输途中遗失' });
    expect(confirmed.json().order.status).toBe('shipped');
    expect(await unit(unitId)).toMatchObject({ state: 'lost', orderRef: orderId });
    const again = await staff('POST', `/v1/admin/shipments/${shipment.id}/confirm-lost`, { reason: '再确认一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED');
    // One claim for the parcel, ¥5,999.00 (the phone was never rented), booked 1400 Dr / 4500 Cr; the
    // second confirmation filed and booked nothing.
    expect(confirmed.json().claim).toMatchObject({
      direction: 'outbound',
      state: 'filed',
      shipmentId: shipment.id,
      waybillNo: shipment.waybillNo,
      imei: (await unit(unitId))?.imei,
      amountMinor: 599_900,
      residualValueMinor: 599_900,
      declaredValueMinor: 599_900,
      outstandingMinor: 599_900,
      reason: '快递公司确认运输途中遗失',
    });
    const claims = await claimsOf(orderId);
    expect(claims).toEqual([
      expect.objectContaining({ direction: 'outbound', state: 'filed', amountMinor: 599_900, shipmentId: shipment.id }),
    ]);
    expect(claims[0]?.booked).toMatch(/^txn_/);
    expect(await claimBooks()).toEqual({
      receivable: books.receivable + 599_900,
      compensation: books.compensation + 599_900,
    });
    await balanced();
    // Finance sees it among the claims, as an outbound one.
    const listed = (await staff('GET', '/v1/admin/carrier-claims?state=filed')).json().data;
    expect(listed.filter((c: { orderId: string }) => c.orderId === orderId)).toEqual([
      expect.objectContaining({ direction: 'outbound', amountMinor: 599_900 }),
    ]);
    // The returns desk's claim is a lost RETURN parcel's: none here.
    expect((await staff('GET', `/v1/admin/returns/${orderId}/lost`)).json().claim ?? null).toBeNull();
    // Confirmed lost: still waiting for a decision (补发 or cancel).
    expect(await awaiting()).toEqual([{ id: shipment.id, state: 'lost', lostSettlement: null }]);

    // 补发 with the other phone of the SKU.
    const spareImei = (await unit(spare))?.imei as string;
    const reshipped = await staff(
      'POST',
      `/v1/admin/shipments/${shipment.id}/reship`,
      { imei: spareImei },
      `reship-${orderId}`,
    );
    expect(reshipped.statusCode, reshipped.body).toBe(201);
    const second = reshipped.json().shipment as { id: string; waybillNo: string; state: string };
    expect(second).toMatchObject({ state: 'created', summary: { imei: spareImei, unitId: spare } });
    expect(second.waybillNo).not.toBe(shipment.waybillNo);
    expect(await order(orderId)).toMatchObject({ status: 'shipped', unitId: spare });
    expect(await unit(spare)).toMatchObject({ state: 'shipped', orderRef: orderId });
    // The lost phone stays lost; the claim is untouched by the 补发.
    expect(await unit(unitId)).toMatchObject({ state: 'lost', orderRef: orderId });
    expect((await claimsOf(orderId)).map((c) => c.state)).toEqual(['filed']);
    // Re-shipped: the lost parcel is decided and leaves the 丢失处理 list (the new one was never flagged).
    expect(await awaiting()).toEqual([]);
    const settled = (await staff('GET', `/v1/admin/shipments/${shipment.id}`)).json();
    expect(settled).toMatchObject({ state: 'lost', lostSettlement: 'reshipped' });
    expect(settled.lostSettledAt).not.toBeNull();
    // The same Idempotency-Key answers the same parcel.
    const replay = await staff(
      'POST',
      `/v1/admin/shipments/${shipment.id}/reship`,
      { imei: spareImei },
      `reship-${orderId}`,
    );
    expect(replay.json().shipment.id).toBe(second.id);
    // A second live outbound parcel is refused while the 补发 is on its way.
    const twice = await staff('POST', `/v1/admin/shipments/${shipment.id}/reship`, { imei: spareImei });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('RENTAL_PARCEL_STILL_LIVE');
    const cancelNow = await staff('POST', `/v1/admin/shipments/${shipment.id}/cancel-order`, { reason: '不要了' });
    expect(cancelNow.statusCode).toBe(409);
    expect(cancelNow.json().code).toBe('RENTAL_PARCEL_STILL_LIVE');

    // The customer is told (in-app, SMS allowed) and the order page says so.
    const told = await inbox(customer.token, 'rental.parcel_reshipped');
    expect(told).toHaveLength(1);
    expect(told[0].params).toEqual({ lostWaybillNo: shipment.waybillNo, waybillNo: second.waybillNo });
    const page = (await kit.call(customer.token, 'GET', `/v1/rentals/${orderId}`)).json();
    expect(page.customerState.state).toBe('in_transit');
    expect(page.customerState.copy['zh-CN']).toBe('原包裹在运输途中丢失，已为您补发新机，新包裹签收次日起计租');
    expect(page.timeline.map((t: { action: string }) => t.action).slice(-3)).toEqual(['ship', 'lose_parcel', 'reship']);
    const tracking = (await kit.call(customer.token, 'GET', `/v1/rentals/${orderId}/tracking`)).json();
    expect(tracking.parcels.map((p: { state: string }) => p.state).sort()).toEqual(['created', 'lost']);

    // The lost parcel turns up "signed" late: it is lost for good and delivers nothing.
    await push([first(4, 'SIGNED', at(80), { signer: '本人' })], `${shipment.waybillNo}-4`);
    expect(await order(orderId)).toMatchObject({ status: 'shipped', deliveredOn: null });

    // The new parcel is signed for at 23:50 Beijing on day D: delivered on D, rent from D + 1.
    const d = addDays(businessDateOf(at(24), 'Asia/Shanghai'), 1);
    const signedAt = new Date(`${d}T23:50:00+08:00`);
    const next = scanOf(second.waybillNo, orderId);
    await push([next(1, 'COLLECTED', at(2)), next(2, 'SIGNED', signedAt, { signer: '本人' })], `${second.waybillNo}-2`);
    const delivered = await order(orderId);
    expect(delivered).toMatchObject({ status: 'delivered', deliveredOn: d, rentStartDate: addDays(d, 1) });
    expect(await unit(spare)).toMatchObject({ state: 'on_rent' });
    const deps = { clock: s.clock, timeZone: 'Asia/Shanghai', masterKey: s.ctx.config.masterKey };
    await runRentTick(db(), deps, d);
    expect((await order(orderId))?.status).toBe('delivered');
    await runRentTick(db(), deps, addDays(d, 1));
    expect((await order(orderId))?.status).toBe('active');

    // The money: the first payment booked once (¥259.00 rent revenue), nothing moved by the loss.
    expect((await snapshot()).rent - before.rent).toBe(25_900);
    await balanced();
  }, 240_000);

  test('no phone in stock: 补发 is a 409; cancelled with the ¥259.00 refunded and the ¥1,799.70 hold released', async () => {
    const stock = await createTestRentalStock(createTestStock, db(), { units: 1, now: s.clock.now() });
    const { customer, orderId, unitId, shipment, before } = await shippedOrder(stock.skuId, stock.planId);
    const t0 = s.clock.now().getTime();
    const first = scanOf(shipment.waybillNo, orderId);
    await push([first(1, 'COLLECTED', new Date(t0 + 3_600_000))], `${shipment.waybillNo}-1`);
    const books = await claimBooks();
    const confirmed = await staff('POST', `/v1/admin/shipments/${shipment.id}/confirm-lost`, {
      reason: '超过 5 天无轨迹，快递公司查无此件',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await unit(unitId)).toMatchObject({ state: 'lost' });
    expect(await awaiting()).toEqual([{ id: shipment.id, state: 'lost', lostSettlement: null }]);

    const noStock = await staff('POST', `/v1/admin/shipments/${shipment.id}/reship`, { imei: '356938035643809' });
    expect(noStock.statusCode).toBe(409);
    expect(noStock.json().code).toBe('RENTAL_RESHIP_OUT_OF_STOCK');
    expect(noStock.json().detail).toContain(`/v1/admin/shipments/${shipment.id}/cancel-order`);

    // The shipping desk (warehouse) may not refund; orders.write may.
    const warehouse = await signInTestStaff(s, 'warehouse');
    const refused = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/shipments/${shipment.id}/cancel-order`,
      headers: bearer(warehouse.token),
      payload: { reason: '无货补发' },
    });
    expect(refused.statusCode).toBe(403);
    const cancelled = await staff(
      'POST',
      `/v1/admin/shipments/${shipment.id}/cancel-order`,
      { reason: '无货补发，客户同意取消' },
      `cancel-${orderId}`,
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const row = await order(orderId);
    expect(row).toMatchObject({ status: 'cancelled', closeReason: 'parcel_lost' });
    // Cancelled: the lost parcel is decided and leaves the 丢失处理 list.
    expect(await awaiting()).toEqual([]);
    expect((await staff('GET', `/v1/admin/shipments/${shipment.id}`)).json().lostSettlement).toBe('order_cancelled');
    const page = (await kit.call(customer.token, 'GET', `/v1/rentals/${orderId}`)).json();
    expect(page.timeline.at(-1)).toMatchObject({
      action: 'cancel_lost',
      from: 'shipped',
      to: 'cancelled',
      actor: 'staff',
    });
    expect(page.customerState.copy.en).toBe(
      'The parcel was lost in transit; the order is cancelled and what you paid goes back in full',
    );
    const told = await inbox(customer.token, 'rental.parcel_lost_cancelled');
    expect(told.map((m: { params: object }) => m.params)).toEqual([
      { lostWaybillNo: shipment.waybillNo, refundMinor: 25_900 },
    ]);
    // The phone stays lost (it never came back).
    expect(await unit(unitId)).toMatchObject({ state: 'lost', orderRef: orderId });

    const refund = await getRefund(db(), row?.firstPaymentRefundId ?? '');
    expect(refund).toMatchObject({ amountMinor: 25_900, state: 'approved' });
    await sendRefund(
      s.ctx.database,
      { clock: s.clock, client: await paymentChannelClient(s.ctx, 'alipay') },
      refund.id,
    );
    expect((await getRefund(db(), refund.id)).state).toBe('succeeded');
    const released = await releaseDeposits(s.ctx.database, {
      clock: s.clock,
      clientOf: (channel) => authorisationChannelClient(s.ctx, channel),
    });
    expect(released).toEqual({ released: 1, failed: 0 });
    expect(await getAuthorisation(db(), row?.depositAuthorisationId ?? '')).toMatchObject({
      state: 'released',
      releasedMinor: 179_970,
      capturedMinor: 0,
    });
    expect(await snapshot()).toEqual(before);
    // The carrier still owes the phone: one claim, ¥5,999.00, booked once — the cancellation leaves it.
    expect(await claimsOf(orderId)).toEqual([
      expect.objectContaining({ direction: 'outbound', state: 'filed', amountMinor: 599_900 }),
    ]);
    expect(await claimBooks()).toEqual({
      receivable: books.receivable + 599_900,
      compensation: books.compensation + 599_900,
    });
    await balanced();
  }, 240_000);
});
