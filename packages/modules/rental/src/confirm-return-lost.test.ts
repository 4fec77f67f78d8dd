// A RETURN parcel lost by the courier after it collected it (docs/rental.md, "Refused and lost
// parcels"), over HTTP with the Alipay sandbox and the sandbox courier's signed webhook. Every order is
// 12 × ¥259.00 on a ¥5,999.00 phone for a customer whose score waives 70 % of the deposit: ¥1,799.70
// is held. Delivered 2027-01-30 (rent from the 31st); the return is collected on 6 March at 10:00
// Beijing: one whole month of depreciation, so the phone's residual value is
// ¥5,999.00 − round((¥5,999.00 − ¥1,199.80) × 1/24) = ¥5,799.03 — the carrier claim (under the
// ¥5,999.00 declared on the waybill). The customer owes nothing for the phone: ¥0 captured, ¥0 billed,
// the whole ¥1,799.70 released.
import type { AddressInfo } from 'node:net';
import { withdrawBill } from '@zulin/billing';
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { beijingWallTime, type SandboxWireEvent, sandboxCarrierSecret, sandboxPushRequest } from '@zulin/logistics';
import { authorisationChannelClient, getAuthorisation } from '@zulin/payments';
import { deliverSandboxCallbacks, sandboxKeys, usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closeSettledOrders } from './close-settled-orders';
import { confirmReturnLost } from './confirm-return-lost';
import { rentalDeps } from './module';
import { releaseDeposits } from './release-deposits';
import { recordDelivery, shipOrder } from './rent-steps';
import { runRentTick } from './rent-tick';
import { rentalCarrierClaims, rentalOrders } from './schema';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

describeDb('a return parcel lost by the courier: settled with no charge, the hold released, a carrier claim', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  let staffToken: string;
  const orders = new Map<string, { orderId: string; token: string; phone: string }>();
  const db = () => s.ctx.database.db;
  const deps = () => rentalDeps(s.ctx);
  const of = (name: string) => {
    const o = orders.get(name);
    if (o === undefined) throw new Error(`no order ${name}`);
    return o;
  };
  const work = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const drain = async () => {
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
  const staff = (method: 'GET' | 'POST', url: string, payload?: object, token = staffToken) =>
    s.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  /** Moves the clock and signs the desk in again (a staff session does not last days). */
  const at = async (iso: string) => {
    s.clock.set(iso);
    staffToken = (await signInTestStaff(s, 'warehouse')).token;
  };
  const orderRow = async (orderId: string) =>
    (await db().select().from(rentalOrders).where(eq(rentalOrders.id, orderId)))[0];
  const returnParcel = async (orderId: string) =>
    (
      await queryRows<{ id: string; waybill_no: string; state: string; carrier: string }>(
        db(),
        sql`select id, waybill_no, state, carrier from logistics_shipments where order_ref = ${orderId} and direction = 'return'`,
      )
    )[0];
  const unitState = async (unitId: string) =>
    (
      await queryRows<{ state: string; imei: string }>(
        db(),
        sql`select state, imei from inventory_units where id = ${unitId}`,
      )
    )[0];
  const scan = async (orderId: string, opCode: SandboxWireEvent['opCode'], k: number, at: Date) => {
    const parcel = await returnParcel(orderId);
    if (parcel === undefined) throw new Error('no return parcel');
    const request = sandboxPushRequest({
      secret: sandboxCarrierSecret(s.ctx.config.masterKey),
      events: [
        {
          eventId: `${parcel.waybill_no}-${k}`,
          waybillNo: parcel.waybill_no,
          orderRef: orderId,
          opCode,
          opTime: beijingWallTime(at),
          city: '杭州市',
          remark: opCode,
        },
      ],
      now: s.clock.now(),
      pushId: `${parcel.waybill_no}-${k}`,
    });
    const answer = await s.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${parcel.carrier}`,
      headers: request.headers,
      payload: request.body,
    });
    expect(answer.statusCode, answer.body).toBeLessThan(300);
    await work();
  };

  /** Placed, signed, paid (¥259.00, ¥1,799.70 held), shipped and delivered on 30 January. */
  async function rentedOrder(name: string, n: number): Promise<void> {
    const customer = await kit.verifiedCustomer(660);
    const placed = await kit.call(
      customer.token,
      'POST',
      '/v1/rentals',
      { skuId: stock.skuId, planId: stock.planId, address: testAddress(n) },
      `return-lost-${name}`,
    );
    expect(placed.statusCode, placed.body).toBe(201);
    expect((await kit.signOrder(customer, placed.json())).json()).toMatchObject({ depositToHoldMinor: 179_970 });
    const paying = await kit.call(customer.token, 'POST', `/v1/rentals/${placed.json().id}/pay`, {
      channel: 'alipay',
      payerToken: `28700000000000000${n}`,
    });
    expect(paying.statusCode, paying.body).toBe(201);
    const cashier = paying.json().channelPayment.cashierUrl as string;
    await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${cashier.split('/').at(-1)}/pay` });
    await drain();
    const warehouse = await signInTestStaff(s, 'warehouse');
    const shipper = {
      kind: 'staff' as const,
      staffId: warehouse.staffId,
      username: 'warehouse',
      role: 'warehouse' as const,
      permissions: new Set<never>(),
    };
    await transaction(s.ctx.database, async (tx) => {
      await shipOrder(tx, deps(), {
        orderId: placed.json().id,
        waybillNo: `SF8${n}`,
        carrier: 'sandbox',
        staff: shipper,
      });
      await recordDelivery(tx, deps(), { orderId: placed.json().id, signedAt: new Date('2027-01-30T09:30:00Z') });
    });
    orders.set(name, { orderId: placed.json().id, token: customer.token, phone: customer.phone });
  }

  /** The customer asks to return with a pick-up on 6 March, 09–12. */
  async function askToReturn(name: string): Promise<void> {
    const { orderId, phone } = of(name);
    const token = (await signInTestCustomer(s, phone)).token;
    const asked = await kit.call(token, 'POST', `/v1/rentals/${orderId}/return`, {
      pickup: { date: '2027-03-06', slot: '09-12' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await returnParcel(orderId))?.state).toBe('created');
  }

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-01-30T04:00:00Z' });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, db(), { units: 4, now: s.clock.now() });
    for (const [name, n] of [
      ['lost', 1],
      ['delivered', 2],
      ['rolled-back', 3],
      ['renting', 4],
    ] as const)
      await rentedOrder(name, n);
    await runRentTick(db(), deps(), '2027-01-31');
    s.clock.set('2027-03-05T02:00:00Z');
    for (const name of ['lost', 'delivered', 'rolled-back']) await askToReturn(name);
    staffToken = (await signInTestStaff(s, 'warehouse')).token;
  }, 600_000);
  afterAll(async () => {
    await s?.close();
  });

  test('collected, then lost: returning → settled, ¥0 charged, ¥1,799.70 released, phone and parcel lost, claim ¥5,799.03 filed', async () => {
    const { orderId } = of('lost');
    const url = `/v1/admin/returns/${orderId}/lost`;
    // Before the courier collects it: refused, nothing moves.
    const early = await staff('POST', url, { reason: '快递员称包裹遗失' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('RENTAL_RETURN_NOT_PICKED_UP');
    expect((await staff('GET', url)).json()).toMatchObject({ refusal: 'RENTAL_RETURN_NOT_PICKED_UP', preview: null });

    // The courier collects it on 6 March at 10:00 Beijing: rent stops, the order is returning.
    await at('2027-03-06T03:00:00Z');
    await scan(orderId, 'COLLECTED', 1, new Date('2027-03-06T02:00:00Z'));
    expect((await orderRow(orderId))?.status).toBe('returning');
    await at('2027-03-12T02:00:00Z');
    // The returns desk lists it as in transit (where staff find a parcel that never arrives), not as waiting to be graded.
    const desk = async (status: string) =>
      ((await staff('GET', `/v1/admin/inspections?status=${status}`)).json().data as { orderId: string }[]).map(
        (e) => e.orderId,
      );
    expect(await desk('returning')).toContain(orderId);
    expect(await desk('inspecting')).not.toContain(orderId);

    // The desk's confirmation shows what will happen: the whole hold back to the customer, the claim.
    const preview = await staff('GET', url);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      refusal: null,
      claim: null,
      preview: {
        deposit: { depositHeldMinor: 179_970, chargeMinor: 0, captureMinor: 0, billMinor: 0, releaseMinor: 179_970 },
        claimMinor: 579_903,
        residualValueMinor: 579_903,
        declaredValueMinor: 599_900,
      },
    });
    expect(preview.json().preview.releaseTo).toMatch(/\*/);

    // Permission: the customer is refused, finance (orders.read only) may read but not confirm; a short reason is 422.
    const customer = (await signInTestCustomer(s, of('lost').phone)).token;
    expect((await kit.call(customer, 'POST', url, { reason: '快递员称包裹遗失' })).statusCode).toBe(401);
    const finance = (await signInTestStaff(s, 'finance')).token;
    expect((await staff('GET', url, undefined, finance)).statusCode).toBe(200);
    const forbidden = await staff('POST', url, { reason: '快递员称包裹遗失' }, finance);
    expect(forbidden.statusCode).toBe(403);
    expect((await staff('POST', url, { reason: 'x' })).statusCode).toBe(422);
    expect((await orderRow(orderId))?.status).toBe('returning');

    const unitId = (await orderRow(orderId))?.unitId as string;
    const confirmed = await staff('POST', url, { reason: '快递公司确认退货包裹在转运中心遗失' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const parcel = await returnParcel(orderId);
    expect(confirmed.json()).toMatchObject({
      order: { status: 'settled', openAfterSale: null },
      shipment: {
        id: parcel?.id,
        direction: 'return',
        state: 'lost',
        lostReason: '快递公司确认退货包裹在转运中心遗失',
      },
      claim: {
        state: 'filed',
        amountMinor: 579_903,
        residualValueMinor: 579_903,
        declaredValueMinor: 599_900,
        waybillNo: parcel?.waybill_no,
        lostOn: '2027-03-12',
      },
      deposit: { depositHeldMinor: 179_970, chargeMinor: 0, captureMinor: 0, billMinor: 0, releaseMinor: 179_970 },
    });
    expect(parcel?.state).toBe('lost');
    // The phone: returning → lost, still the order's.
    const unit = await unitState(unitId);
    expect(unit?.state).toBe('lost');
    expect(confirmed.json().claim.imei).toBe(unit?.imei);
    // The hold: authorised ¥1,799.70 = captured ¥0 + released ¥1,799.70, released after the commit.
    const row = await orderRow(orderId);
    // The claim names the customer as the console shows one: masked, never the whole number.
    const phone = of('lost').phone.replace(/^\+86/, '');
    expect(confirmed.json().claim.customer).toEqual({
      id: row?.customerId,
      label: expect.stringContaining(`${phone.slice(0, 3)}****${phone.slice(-4)}`),
    });
    expect(confirmed.json().claim.customer.label).not.toContain(phone);
    const hold = await getAuthorisation(db(), row?.depositAuthorisationId ?? '');
    expect(hold).toMatchObject({ amountMinor: 179_970, capturedMinor: 0, releasedMinor: 179_970 });
    expect(row?.depositReleasedAt).not.toBeNull();
    // Nothing left for the sweep.
    expect(
      await releaseDeposits(s.ctx.database, {
        clock: s.clock,
        clientOf: (channel) => authorisationChannelClient(s.ctx, channel),
      }),
    ).toMatchObject({
      failed: 0,
    });
    await assertLedgerConsistent(db());
    const tb = await trialBalance(db(), 'CNY');
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
    // The claim is booked as it is filed: the carrier owes ¥5,799.03 (receivable 1400) as compensation (4500).
    const line = (code: number) => tb.accounts.find((l) => l.code === code);
    expect(line(1400)).toMatchObject({ debitsPostedMinor: 579_903, creditsPostedMinor: 0 });
    expect(line(4500)).toMatchObject({ debitsPostedMinor: 0, creditsPostedMinor: 579_903 });
    expect(confirmed.json().claim).toMatchObject({ paidMinor: 0, outstandingMinor: 579_903 });
    expect(confirmed.json().claim.bookedTransferId).toMatch(/^txn_rccb_/);

    // The timeline names the parcel, the waybill, the IMEI and the reason; audit and events.
    const detail = (await staff('GET', `/v1/admin/rentals/${orderId}/detail`)).json();
    expect(detail.timeline.at(-1)).toMatchObject({
      action: 'lose_return_parcel',
      from: 'returning',
      to: 'settled',
      facts: {
        parcel_lost: true,
        shipmentId: parcel?.id,
        waybillNo: parcel?.waybill_no,
        imei: unit?.imei,
        reason: '快递公司确认退货包裹在转运中心遗失',
        releaseMinor: 179_970,
        claimMinor: 579_903,
      },
    });
    const audit = await queryRows<{ action: string }>(
      db(),
      sql`select action from identity_audit_log where target_id = ${orderId} and action = 'rental.order_lose_return_parcel'`,
    );
    expect(audit).toHaveLength(1);
    const events = await queryRows<{ payload: { direction: string } }>(
      db(),
      sql`select payload from outbox where aggregate_id = ${parcel?.id} and type = 'logistics.shipment_lost'`,
    );
    expect(events.map((e) => e.payload.direction)).toEqual(['return']);

    // Confirming again is refused cleanly and changes nothing: still one claim.
    const again = await staff('POST', url, { reason: '快递公司确认退货包裹在转运中心遗失' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('RENTAL_RETURN_PARCEL_ALREADY_LOST');
    expect(await db().select().from(rentalCarrierClaims).where(eq(rentalCarrierClaims.orderId, orderId))).toHaveLength(
      1,
    );
    expect((await staff('GET', url)).json()).toMatchObject({
      refusal: 'RENTAL_RETURN_PARCEL_ALREADY_LOST',
      claim: { amountMinor: 579_903, state: 'filed' },
    });

    // The customer reads that they owe nothing; nothing to dispute.
    const customerToken = (await signInTestCustomer(s, of('lost').phone)).token;
    const mine = await kit.call(customerToken, 'GET', `/v1/rentals/${orderId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().customerState.copy.en).toContain('you owe nothing for the phone');
    expect(mine.json().customerState.copy['zh-CN']).toContain('押金已全额释放');
    // And was told at once, in the app (and by SMS): the waybill and the ¥1,799.70 released.
    const told = (await kit.call(customerToken, 'GET', '/v1/me/notifications'))
      .json()
      .data.filter((m: { template: string }) => m.template === 'rental.return_parcel_lost');
    expect(told.map((m: { params: object }) => m.params)).toEqual([
      { waybillNo: (await returnParcel(orderId))?.waybill_no, releaseMinor: 179_970 },
    ]);
    expect(mine.json().actions).not.toContain('dispute');
    expect(mine.json().actions).toContain('rate');

    // The close sweep: the exit bill of the early return (¥518.00, now overdue) is still owed, so the order
    // stays settled; once it is settled (here withdrawn) the order closes with its own reason.
    await at('2027-03-13T02:00:00Z');
    const exitBills = await queryRows<{ id: string; amount_minor: number }>(
      db(),
      sql`select id, amount_minor from billing_bills where source_id = ${orderId} and source_type = 'rental_exit'`,
    );
    expect(exitBills.map((b) => Number(b.amount_minor))).toEqual([51_800]);
    expect(await closeSettledOrders(s.ctx.database, deps())).toEqual({ closed: 0 });
    expect((await orderRow(orderId))?.status).toBe('settled');
    await transaction(s.ctx.database, (tx) =>
      withdrawBill(tx, deps(), {
        billId: exitBills[0]?.id as string,
        sourceType: 'rental_exit',
        sourceId: orderId,
        reason: { code: 'rental_after_sale_abandoned', params: { kind: 'buyout' } },
      }),
    );
    expect(await closeSettledOrders(s.ctx.database, deps())).toEqual({ closed: 1 });
    expect(await orderRow(orderId)).toMatchObject({ status: 'closed', closeReason: 'return_parcel_lost' });
  });

  test('refused: delivered to the warehouse, an order with only its outbound parcel; a failure after the writes leaves nothing', async () => {
    // Signed for at the warehouse: inspect it instead.
    const delivered = of('delivered').orderId;
    await at('2027-03-13T03:00:00Z');
    await scan(delivered, 'COLLECTED', 1, new Date('2027-03-06T02:00:00Z'));
    await scan(delivered, 'SIGNED', 2, new Date('2027-03-08T02:00:00Z'));
    expect((await orderRow(delivered))?.status).toBe('inspecting');
    const late = await staff('POST', `/v1/admin/returns/${delivered}/lost`, { reason: '快递公司确认遗失' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('RENTAL_RETURN_ALREADY_DELIVERED');

    // Still renting: only an outbound parcel, no return parcel to lose; the order's state refuses it too.
    const renting = of('renting').orderId;
    const outbound = await staff('POST', `/v1/admin/returns/${renting}/lost`, { reason: '快递公司确认遗失' });
    expect(outbound.statusCode).toBe(409);
    expect(outbound.json().code).toBe('RENTAL_RETURN_PARCEL_NOT_FOUND');
    expect((await staff('GET', `/v1/admin/returns/${renting}/lost`)).json().refusal).toBe(
      'RENTAL_RETURN_PARCEL_NOT_FOUND',
    );

    // A failure after every write of the use case rolls all of it back: order, parcel, phone, claim, hold.
    const { orderId } = of('rolled-back');
    await scan(orderId, 'COLLECTED', 1, new Date('2027-03-06T02:00:00Z'));
    expect((await orderRow(orderId))?.status).toBe('returning');
    const before = await orderRow(orderId);
    const warehouse = await signInTestStaff(s, 'warehouse');
    await expect(
      transaction(s.ctx.database, async (tx) => {
        await confirmReturnLost(tx, deps(), {
          orderId,
          reason: '快递公司确认遗失',
          staff: {
            kind: 'staff',
            staffId: warehouse.staffId,
            username: 'warehouse',
            role: 'warehouse',
            permissions: new Set(),
          },
        });
        throw new Error('the connection dropped before the commit');
      }),
    ).rejects.toThrow('the connection dropped');
    expect(await orderRow(orderId)).toMatchObject({ status: 'returning', version: before?.version });
    expect((await returnParcel(orderId))?.state).toBe('picked_up');
    expect((await unitState(before?.unitId as string))?.state).toBe('returning');
    expect(await db().select().from(rentalCarrierClaims).where(eq(rentalCarrierClaims.orderId, orderId))).toEqual([]);
    const hold = await getAuthorisation(db(), before?.depositAuthorisationId ?? '');
    expect(hold).toMatchObject({ state: 'authorised', releasedMinor: 0 });
  });
});
