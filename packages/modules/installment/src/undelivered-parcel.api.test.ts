// An installment order's parcel that never reaches the customer (docs/installment.md, "Undelivered
// parcels"), over HTTP with the sandbox courier's signed pushes and the worker. Refused at the door and
// back at the warehouse: Nothing billed but the down payment: the order is cancelled as before use — the
// ¥599.90 paid from the wallet comes back to the cent, 1210 and 4050 hold nothing of it, the phone is
// the warehouse's to check, the customer is told the amount; a second push changes nothing. A period
// already billed: nothing of the money is undone, the order waits at the shipping desk again and the
// customer is told we will send it again; the checked phone ships again with a new waybill. Lost in
// transit, confirmed by the desk: the same two outcomes, the phone inventory's lost; only a parcel on
// its way can be confirmed lost, and only by staff who may write logistics.
import { createInstallmentOffer, publishProduct } from '@zulin/catalog';
import { queryRows, runTick, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { changeUnitState } from '@zulin/inventory';
import { createTestStock } from '@zulin/inventory/testing';
import { type Clock, today } from '@zulin/kernel';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { beijingWallTime, type SandboxWireEvent, sandboxCarrierSecret, sandboxPushRequest } from '@zulin/logistics';
import { renderNotification } from '@zulin/notification';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount, walletBalance } from '@zulin/wallet';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';

interface Customer {
  token: string;
  phone: string;
  customerId: string;
}

const address = {
  name: '王五',
  phone: '+8613912345679',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  line: '文三路 90 号',
};

describeDb('an installment parcel comes back undelivered', (get) => {
  let s: TestServer;
  let skuId: string;
  let offer12: string;
  let offer3: string;
  let birthDay = 3;
  const db = () => s.ctx.database.db;
  const call = async (who: Customer | 'staff', method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const token = who === 'staff' ? (await signInTestStaff(s, 'warehouse')).token : who.token;
    return s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
  };
  const fresh = async (c: Customer): Promise<Customer> => ({ ...c, ...(await signInTestCustomer(s, c.phone)) });
  const verifiedCustomer = async (): Promise<Customer> => {
    birthDay += 1;
    const phone = `${randomTestPhone().slice(0, -1)}0`;
    const customer = { ...(await signInTestCustomer(s, phone)), phone };
    const first17 = `3301061990${String(1 + Math.floor(birthDay / 28)).padStart(2, '0')}${String(1 + (birthDay % 28)).padStart(2, '0')}700`;
    const verified = await call(customer, 'POST', '/v1/me/identity', {
      name: '王五',
      idNumber: `${first17}${idCheckChar(first17)}`,
    });
    expect(verified.statusCode).toBe(200);
    const account = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customer.customerId));
    await fundTestAccount(db(), s.clock, account.id, 1_000_000);
    return customer;
  };
  const wallet = async (customerId: string) =>
    (await transaction(s.ctx.database, (tx) => walletBalance(tx, s.clock, customerId))).availableMinor;
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const unit = async (unitId: string) =>
    (
      await queryRows<{ imei: string; state: string; order_ref: string | null }>(
        db(),
        sql`select imei, state, order_ref from inventory_units where id = ${unitId}`,
      )
    )[0];
  const net = async (code: number) => {
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    const line = tb.accounts.find((a) => a.code === code);
    return line ? line.debitsPostedMinor - line.creditsPostedMinor : 0;
  };
  const notices = (customerId: string) =>
    queryRows<{ template: string; params: Record<string, string | number> }>(
      db(),
      sql`select template, params from notification_messages
          where customer_id = ${customerId} and template like 'installment.parcel_%' order by id`,
    );
  const signCode = async (c: Customer, contractId: string) => {
    expect((await call(c, 'POST', `/v1/contracts/${contractId}/sign-codes`)).statusCode).toBe(202);
    const sms = await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(c.phone)}` });
    return sms.json().data[0].code as string;
  };
  /** Placed, signed, the down payment (if any) paid from the wallet, and shipped by its reserved IMEI. */
  const shippedOrder = async (c: Customer, offerId: string) => {
    const placed = await call(c, 'POST', '/v1/installment-orders', { skuId, offerId, address });
    expect(placed.statusCode).toBe(201);
    const order = placed.json();
    expect(order, JSON.stringify(order).slice(0, 400)).toMatchObject({ status: 'awaiting_signature' });
    const signed = await call(c, 'POST', `/v1/installment-orders/${order.id}/sign`, {
      code: await signCode(c, order.contractId),
      signature: { kind: 'typed', name: '王五' },
    });
    expect(signed.statusCode).toBe(200);
    const down = signed.json().bills.find((b: { kind: string }) => b.kind === 'down_payment');
    if (down)
      expect((await call(c, 'POST', `/v1/bills/${down.billId}/pay`, { method: 'wallet' })).statusCode).toBe(201);
    await drain();
    const imei = (await unit(order.unitId))?.imei;
    const shipped = await call('staff', 'POST', `/v1/admin/installment-orders/${order.id}/ship`, { imei });
    expect(shipped.statusCode, shipped.body).toBe(201);
    return shipped.json().order as { id: string; unitId: string; waybillNo: string; imei: string };
  };
  /** The courier pushes scans, signed as the sandbox courier signs them; the worker applies them. */
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
    await drain();
  };
  /** The courier: collected, out for delivery, refused, going back, signed for by the sender. */
  const refusedAndBack = async (order: { id: string; waybillNo: string }, pushId = order.waybillNo) => {
    const t0 = s.clock.now().getTime();
    const scan = (
      n: number,
      opCode: SandboxWireEvent['opCode'],
      hours: number,
      more: Partial<SandboxWireEvent> = {},
    ) => ({
      eventId: `${order.waybillNo}-${String(n).padStart(2, '0')}`,
      waybillNo: order.waybillNo,
      orderRef: order.id,
      opCode,
      opTime: beijingWallTime(new Date(t0 + hours * 3_600_000)),
      city: '杭州市',
      remark: opCode,
      ...more,
    });
    await push(
      [
        scan(1, 'COLLECTED', -30),
        scan(2, 'DELIVERING', -10),
        scan(3, 'FAILED', -8, { reason: 'REFUSED' }),
        scan(4, 'RETURNING', -6),
        scan(5, 'RETURNED', -1, { signer: '寄件人' }),
      ],
      pushId,
    );
  };

  beforeAll(async () => {
    // 2027-03-01 10:00 in Shanghai.
    s = await createTestServer(get().database, { modules, now: '2027-03-01T02:00:00Z' });
    const now = s.clock.now();
    const stock = await createTestStock(db(), { units: 3, now });
    await publishProduct(db(), { productId: stock.productId, actor: { kind: 'system' }, now });
    skuId = stock.skuId;
    const make = (input: object) =>
      transaction(s.ctx.database, (tx) =>
        createInstallmentOffer(tx, { input: { skuId, ...input } as never, actor: { kind: 'system' }, now }),
      );
    // ¥5,999.00: 10 % down (¥599.90), 12 months at 12 %; and 3 months interest-free, nothing down.
    offer12 = (await make({ termMonths: 12, annualRateBps: 1200, method: 'equal_installment', downPaymentBps: 1000 }))
      .id;
    offer3 = (await make({ termMonths: 3, annualRateBps: 0, method: 'equal_installment' })).id;
  });
  afterAll(async () => {
    await s?.close();
  });

  test('nothing billed but the down payment: cancelled with ¥599.90 back in the wallet, the phone to check', async () => {
    let wang = await verifiedCustomer();
    const financedBefore = await net(1210);
    const salesBefore = await net(4050);
    const order = await shippedOrder(wang, offer12);
    expect(await wallet(wang.customerId)).toBe(1_000_000 - 59_990);
    expect(await unit(order.unitId)).toMatchObject({ state: 'shipped', order_ref: order.id });

    await refusedAndBack(order);
    wang = await fresh(wang);
    const after = (await call(wang, 'GET', `/v1/installment-orders/${order.id}`)).json();
    expect(after).toMatchObject({ status: 'cancelled', fulfilment: 'returned', refundedMinor: 59_990 });
    // Every fen back where it came from; the sale undone in 1210 and 4050.
    expect(await wallet(wang.customerId)).toBe(1_000_000);
    expect(await net(1210)).toBe(financedBefore);
    expect(await net(4050)).toBe(salesBefore);
    await assertLedgerConsistent(db());
    // The phone is back, the order's, for the warehouse to check.
    expect(await unit(order.unitId)).toMatchObject({ state: 'inspecting', order_ref: order.id });
    // Both moves carry the returned parcel's code (not the generic return steps' wording).
    const moves = await queryRows<{ to_state: string; reason_code: string | null; reason_params: unknown }>(
      db(),
      sql`select to_state, reason_code, reason_params from inventory_unit_history
          where unit_id = ${order.unitId} and to_state in ('returning', 'inspecting') order by at, id`,
    );
    expect(moves).toEqual([
      {
        to_state: 'returning',
        reason_code: 'parcel_returned_undelivered',
        reason_params: { waybillNo: order.waybillNo },
      },
      {
        to_state: 'inspecting',
        reason_code: 'parcel_returned_undelivered',
        reason_params: { waybillNo: order.waybillNo },
      },
    ]);
    const told = await notices(wang.customerId);
    expect(told.map((n) => n.template)).toEqual(['installment.parcel_returned_cancelled']);
    const zh = renderNotification(told[0]?.template ?? '', told[0]?.params ?? {}, {
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    expect(zh.body).toContain(order.waybillNo);
    expect(zh.body).toContain('¥599.90');
    expect(zh.body).toContain('全额原路退回');

    // The same return reported again (another push) changes nothing and tells nothing.
    await refusedAndBack(order, `${order.waybillNo}-again`);
    expect(await wallet(wang.customerId)).toBe(1_000_000);
    expect(await notices(wang.customerId)).toHaveLength(1);
    const events = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from outbox where type = 'installment.parcel_undelivered' and aggregate_id = ${order.id}`,
    );
    expect(events[0]?.n).toBe(1);
  });

  test('a period billed before it came back: nothing undone, back on the shipping desk, shipped again', async () => {
    let zhao = await verifiedCustomer();
    const order = await shippedOrder(zhao, offer3);
    // The first period (due 1 April) is billed seven days ahead, on 25 March; the parcel is still out.
    s.clock.set('2027-03-25T02:00:00Z');
    const tick = s.worker.ticks.find((t) => t.name === 'installment.issue_period_bills');
    if (!tick) throw new Error('no issue tick');
    await runTick(db(), s.clock as Clock, tick, today(s.clock, s.ctx.config.timeZone), { force: true });
    zhao = await fresh(zhao);
    const billed = (await call(zhao, 'GET', `/v1/installment-orders/${order.id}`)).json();
    expect(billed.bills.map((b: { kind: string }) => b.kind)).toContain('period');
    const walletBefore = await wallet(zhao.customerId);

    await refusedAndBack(order);
    zhao = await fresh(zhao);
    const after = (await call(zhao, 'GET', `/v1/installment-orders/${order.id}`)).json();
    expect(after).toMatchObject({ status: 'active', fulfilment: 'awaiting_shipment' });
    expect(after.bills).toEqual(billed.bills);
    expect(await wallet(zhao.customerId)).toBe(walletBefore);
    expect(await unit(order.unitId)).toMatchObject({ state: 'inspecting', order_ref: order.id });
    expect((await notices(zhao.customerId)).map((n) => n.template)).toEqual(['installment.parcel_returned_to_reship']);
    // On the desk's queue again, with no phone held for it until the returned one is checked.
    const queue = (await call('staff', 'GET', '/v1/admin/installment-orders/shipping-queue')).json().data;
    expect(queue.find((e: { orderId: string }) => e.orderId === order.id)).toMatchObject({
      reservedUnitId: null,
      reservedImei: null,
    });

    // The warehouse checks the phone and puts it in stock; the desk ships it again with a new waybill.
    await transaction(s.ctx.database, (tx) =>
      changeUnitState(tx, {
        unitId: order.unitId,
        to: 'in_stock',
        reason: 'checked after the refused parcel',
        actor: { kind: 'system' },
        now: s.clock.now(),
      }),
    );
    const again = await call('staff', 'POST', `/v1/admin/installment-orders/${order.id}/ship`, { imei: order.imei });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().order).toMatchObject({ fulfilment: 'shipped', imei: order.imei });
    expect(again.json().order.waybillNo).not.toBe(order.waybillNo);
    await assertLedgerConsistent(db());
  });
  test('lost in transit, confirmed by the desk: cancelled and refunded, the phone lost; then nothing more to confirm', async () => {
    let qian = await verifiedCustomer();
    const order = await shippedOrder(qian, offer12);
    // Collected by the courier, then nothing more: the carrier reports it lost.
    await push(
      [
        {
          eventId: `${order.waybillNo}-01`,
          waybillNo: order.waybillNo,
          orderRef: order.id,
          opCode: 'COLLECTED',
          opTime: beijingWallTime(new Date(s.clock.now().getTime() - 3_600_000)),
          city: '北京市',
          remark: 'COLLECTED',
        },
      ],
      `${order.waybillNo}-collected`,
    );
    const lose = (token: string, key: string, reason = '快递公司确认包裹在中转站丢失') =>
      s.app.inject({
        method: 'POST',
        url: `/v1/admin/installment-orders/${order.id}/parcel-lost`,
        headers: { ...bearer(token), 'idempotency-key': key },
        payload: { reason },
      });
    // Marketing may not; a reason too short is refused by logistics; nothing changes meanwhile.
    const marketing = (await signInTestStaff(s, 'marketing')).token;
    expect((await lose(marketing, 'lost-0')).statusCode).toBe(403);
    const warehouse = (await signInTestStaff(s, 'warehouse')).token;
    const short = await lose(warehouse, 'lost-1', '丢');
    expect(short.statusCode).toBe(422);
    expect(short.json().code).toBe('LOGISTICS_LOST_REASON_INVALID');
    expect(await unit(order.unitId)).toMatchObject({ state: 'shipped' });

    const claimedBefore1400 = await net(1400);
    const claimedBefore4500 = await net(4500);
    const lost = await lose(warehouse, 'lost-2');
    expect(lost.statusCode, lost.body).toBe(200);
    expect(lost.json()).toMatchObject({
      outcome: 'cancelled',
      order: { status: 'cancelled', fulfilment: 'lost', refundedMinor: 59_990 },
    });
    // The same key answers the same; a second confirmation is refused: no parcel is on its way.
    expect((await lose(warehouse, 'lost-2')).json().outcome).toBe('cancelled');
    const again = await lose(warehouse, 'lost-3');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INSTALLMENT_PARCEL_NOT_SHIPPED');

    qian = await fresh(qian);
    expect(await wallet(qian.customerId)).toBe(1_000_000);
    expect(await unit(order.unitId)).toMatchObject({ state: 'lost', order_ref: order.id });
    const told = await notices(qian.customerId);
    expect(told.map((n) => n.template)).toEqual(['installment.parcel_lost_cancelled']);
    const en = renderNotification(told[0]?.template ?? '', told[0]?.params ?? {}, {
      locale: 'en',
      timeZone: 'Asia/Shanghai',
    });
    expect(en.body).toContain('lost in transit');
    expect(en.body).toContain('¥599.90');
    // The lost parcel is decided: it leaves the desk's list of lost parcels to handle.
    const parcel = await queryRows<{ state: string; lost_settlement: string | null }>(
      db(),
      sql`select state, lost_settlement from logistics_shipments where waybill_no = ${order.waybillNo}`,
    );
    expect(parcel).toEqual([{ state: 'lost', lost_settlement: 'order_cancelled' }]);
    // The carrier owes us the phone: one outbound claim for its cash price ¥5,999.00 (under the
    // ¥100,000 declared-value cap), booked at once — 1400 carrier claims receivable Dr, 4500 carrier
    // compensation Cr; a second confirmation filed nothing more.
    const claims = await queryRows<{
      order_id: string;
      direction: string;
      state: string;
      amount_minor: string | number;
      residual_value_minor: string | number;
      declared_value_minor: string | number;
      imei: string | null;
      booked_transfer_id: string | null;
    }>(
      db(),
      sql`select order_id, direction, state, amount_minor, residual_value_minor, declared_value_minor, imei,
                 booked_transfer_id
          from rental_carrier_claims where waybill_no = ${order.waybillNo}`,
    );
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ order_id: order.id, direction: 'outbound', state: 'filed', imei: order.imei });
    expect(Number(claims[0]?.amount_minor)).toBe(599_900);
    expect(Number(claims[0]?.residual_value_minor)).toBe(599_900);
    expect(Number(claims[0]?.declared_value_minor)).toBe(599_900);
    expect(claims[0]?.booked_transfer_id).not.toBeNull();
    expect(await net(1400)).toBe(claimedBefore1400 + 599_900);
    expect(await net(4500)).toBe(claimedBefore4500 - 599_900);
    await assertLedgerConsistent(db());
  });
});
