// A refused outbound parcel (docs/rental.md, "Refused and lost parcels"), end to end over HTTP with
// the sandbox cashier, the sandbox courier's signed webhook and the worker: the parcel is refused at
// the door, goes back and is signed for at the warehouse → the order is cancelled, the whole ¥259.00
// first payment refunded to Alipay, the ¥1,799.70 hold released, the phone received back for a check
// and then in stock; the customer's tracking shows the parcel's scans; the ledger ends where it started. A second push of the same scans changes nothing.
import type { AddressInfo } from 'node:net';
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { changeUnitState } from '@zulin/inventory';
import { createTestStock } from '@zulin/inventory/testing';
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
import { rentalOrders } from './schema';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

describeDb('a refused parcel cancels the order with a full refund', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
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
  /** The courier pushes scans (signed, as the sandbox courier does); the worker applies them. */
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

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, db(), { units: 2, now: s.clock.now() });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('refused at the door, back at the warehouse: ¥259.00 refunded, the ¥1,799.70 hold released, the phone checked and back in stock', async () => {
    // Score 660: ¥259.00 first payment, ¥1,799.70 of the ¥5,999.00 deposit held.
    const customer = await kit.verifiedCustomer(660);
    const placed = await kit.call(
      customer.token,
      'POST',
      '/v1/rentals',
      { skuId: stock.skuId, planId: stock.planId, address: testAddress(1) },
      'refused-1',
    );
    expect(placed.statusCode).toBe(201);
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
    expect(started.statusCode).toBe(201);
    expect(started.json().deposit).toMatchObject({ amountMinor: 179_970 });
    const cashier = started.json().channelPayment.cashierUrl as string;
    expect(
      (await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${cashier.split('/').at(-1)}/pay` }))
        .statusCode,
    ).toBe(200);
    await drainPayments();
    expect((await snapshot()).rent - before.rent).toBe(25_900);

    // The desk ships the reserved phone.
    const staff = await signInTestStaff(s, 'warehouse');
    const [paid] = await db().select().from(rentalOrders).where(eq(rentalOrders.id, orderId));
    const unitId = paid?.unitId as string;
    const imei = (await unit(unitId))?.imei;
    const shipped = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/shipments',
      headers: bearer(staff.token),
      payload: { orderId, imei },
    });
    expect(shipped.statusCode, shipped.body).toBe(201);
    const waybillNo: string = shipped.json().shipment.waybillNo;

    // The courier: collected, out for delivery, refused, going back, signed for by the sender.
    const t0 = s.clock.now().getTime();
    const scan = (
      n: number,
      opCode: SandboxWireEvent['opCode'],
      hours: number,
      more: Partial<SandboxWireEvent> = {},
    ) => ({
      eventId: `${waybillNo}-${String(n).padStart(2, '0')}`,
      waybillNo,
      orderRef: orderId,
      opCode,
      opTime: beijingWallTime(new Date(t0 + hours * 3_600_000)),
      city: '杭州市',
      remark: opCode,
      ...more,
    });
    await push(
      [scan(1, 'COLLECTED', 1), scan(2, 'DELIVERING', 20), scan(3, 'FAILED', 22, { reason: 'REFUSED' })],
      `${waybillNo}-3`,
    );
    // Refused but still on its way back: nothing moves on the order yet.
    let [row] = await db().select().from(rentalOrders).where(eq(rentalOrders.id, orderId));
    expect(row?.status).toBe('shipped');
    const back = [scan(4, 'RETURNING', 40), scan(5, 'RETURNED', 60, { signer: '寄件人' })];
    await push(back, `${waybillNo}-5`);

    [row] = await db().select().from(rentalOrders).where(eq(rentalOrders.id, orderId));
    expect(row).toMatchObject({ status: 'cancelled', closeReason: 'parcel_returned' });
    const detail = (await kit.call(customer.token, 'GET', `/v1/rentals/${orderId}`)).json();
    expect(detail.timeline.at(-1)).toMatchObject({
      action: 'refuse_delivery',
      from: 'shipped',
      to: 'cancelled',
      actor: 'carrier',
    });
    // The customer's tracking: the parcel's five scans, oldest first, in Beijing time; a stranger sees nothing.
    const tracking = await kit.call(customer.token, 'GET', `/v1/rentals/${orderId}/tracking`);
    expect(tracking.statusCode).toBe(200);
    const [parcel] = tracking.json().parcels;
    expect(tracking.json().parcels).toHaveLength(1);
    expect(parcel).toMatchObject({ direction: 'outbound', carrier: 'sandbox_express', waybillNo, state: 'returned' });
    expect(parcel.events.map((e: { state: string }) => e.state)).toEqual([
      'picked_up',
      'out_for_delivery',
      'exception',
      'in_transit',
      'returned',
    ]);
    expect(parcel.events[0].localTime).toBe(beijingWallTime(new Date(t0 + 3_600_000)).slice(0, 16));
    expect(parcel.events[2]).toMatchObject({ exceptionReason: 'refused' });
    // The customer is told (in-app, SMS allowed) and the order page says why it was cancelled.
    const inbox = (await kit.call(customer.token, 'GET', '/v1/me/notifications')).json().data;
    expect(
      inbox
        .filter((m: { template: string }) => m.template === 'rental.parcel_returned_cancelled')
        .map((m: { params: object }) => m.params),
    ).toEqual([{ refundMinor: 25_900 }]);
    expect(detail.customerState.copy['zh-CN']).toBe('包裹未签收已退回仓库，订单已取消，已付款项将全额原路退回');
    const stranger = await signInTestCustomer(s);
    expect((await kit.call(stranger.token, 'GET', `/v1/rentals/${orderId}/tracking`)).statusCode).toBe(404);
    // The first payment refunded in full to Alipay.
    const refund = await getRefund(db(), row?.firstPaymentRefundId ?? '');
    expect(refund).toMatchObject({ amountMinor: 25_900, state: 'approved' });
    await sendRefund(
      s.ctx.database,
      { clock: s.clock, client: await paymentChannelClient(s.ctx, 'alipay') },
      refund.id,
    );
    expect((await getRefund(db(), refund.id)).state).toBe('succeeded');
    // The hold released by the release sweep.
    const release = () =>
      releaseDeposits(s.ctx.database, {
        clock: s.clock,
        clientOf: (channel) => authorisationChannelClient(s.ctx, channel),
      });
    expect(await release()).toEqual({ released: 1, failed: 0 });
    expect(await getAuthorisation(db(), row?.depositAuthorisationId ?? '')).toMatchObject({
      state: 'released',
      releasedMinor: 179_970,
      capturedMinor: 0,
    });
    // The money went back the way it came.
    expect(await snapshot()).toEqual(before);
    await balanced();

    // The phone is back for a check; staff put it in stock and it is free for the next order.
    expect(await unit(unitId)).toMatchObject({ state: 'inspecting', orderRef: orderId });
    // The unit's history says why in a code the console words (包裹 … 被拒收), not only in English.
    const why = await queryRows<{ to_state: string; reason_code: string; reason_params: Record<string, string> }>(
      s.ctx.database.db,
      sql`select to_state, reason_code, reason_params from inventory_unit_history
          where unit_id = ${unitId} and to_state in ('returning', 'inspecting') order by at, id`,
    );
    expect(why).toEqual([
      { to_state: 'returning', reason_code: 'parcel_refused', reason_params: { waybillNo } },
      { to_state: 'inspecting', reason_code: 'parcel_refused', reason_params: { waybillNo } },
    ]);
    await transaction(s.ctx.database, (tx) =>
      changeUnitState(tx, {
        unitId,
        to: 'in_stock',
        reason: '拒收退回，检测完好',
        actor: { kind: 'system' },
        now: s.clock.now(),
        expectedFrom: 'inspecting',
      }),
    );
    expect(await unit(unitId)).toMatchObject({ state: 'in_stock', orderRef: null });

    // The same scans pushed again are duplicates: no second cancellation or refund.
    await push(back, `${waybillNo}-5b`);
    const timeline = (await kit.call(customer.token, 'GET', `/v1/rentals/${orderId}`)).json().timeline;
    expect(timeline.filter((t: { action: string }) => t.action === 'refuse_delivery')).toHaveLength(1);
  }, 240_000);
});
