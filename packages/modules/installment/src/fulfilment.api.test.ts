// The phone of an installment order (issue #15), over HTTP with the sandbox courier: placing reserves
// a unit; the paid order waits on the shipping desk's queue and ships by its scanned IMEI; the courier's
// signature marks it delivered; a shipped order can no longer be cancelled (409); paying it off — early,
// or by paying its last period — makes the unit `sold` and the order records when the phone became the
// customer's; the pay-off certificate states the IMEI and what was paid, to the cent. A cancellation
// before shipment puts the unit back in stock and refunds the down payment.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInstallmentOffer, publishProduct } from '@zulin/catalog';
import { queryRows, runTick, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { type Clock, today } from '@zulin/kernel';
import { fundTestAccount } from '@zulin/ledger/testing';
import { pushSandboxScans, sandboxCarrierSecret, useSandboxCourierPoster } from '@zulin/logistics';
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
  name: '李四',
  phone: '+8613912345678',
  province: '上海市',
  city: '上海市',
  district: '静安区',
  line: '南京西路 1266 号 12 楼',
};

describeDb('installment fulfilment: reserve, ship, deliver, pay off, own', (get) => {
  let s: TestServer;
  let skuId: string;
  let offer12: string;
  let offer3: string;
  let unitIds: string[];
  let birthDay = 10;
  const db = () => s.ctx.database.db;
  const call = async (who: Customer | 'staff', method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const token = who === 'staff' ? (await signInTestStaff(s, 'warehouse')).token : who.token;
    return s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
  };
  /** Tokens expire as the clock moves: the customer signs in again. */
  const fresh = async (c: Customer): Promise<Customer> => ({ ...c, ...(await signInTestCustomer(s, c.phone)) });
  const verifiedCustomer = async (): Promise<Customer> => {
    birthDay += 1;
    const phone = `${randomTestPhone().slice(0, -1)}0`;
    const customer = { ...(await signInTestCustomer(s, phone)), phone };
    const first17 = `1101011991${String(1 + Math.floor(birthDay / 28)).padStart(2, '0')}${String(1 + (birthDay % 28)).padStart(2, '0')}700`;
    const verified = await call(customer, 'POST', '/v1/me/identity', {
      name: '李四',
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
      await queryRows<{ imei: string; state: string; order_ref: string | null; expires: string | null }>(
        db(),
        sql`select imei, state, order_ref, reservation_expires_at::text as expires from inventory_units where id = ${unitId}`,
      )
    )[0];
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
    await drain();
    return pushed;
  };
  const signCode = async (c: Customer, contractId: string) => {
    expect((await call(c, 'POST', `/v1/contracts/${contractId}/sign-codes`)).statusCode).toBe(202);
    const sms = await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(c.phone)}` });
    return sms.json().data[0].code as string;
  };
  /** Placed with an address, signed, and its down payment (if any) paid from the wallet: active. */
  const activeOrder = async (c: Customer, offerId: string) => {
    const placed = await call(c, 'POST', '/v1/installment-orders', { skuId, offerId, address });
    expect(placed.statusCode).toBe(201);
    const order = placed.json();
    const signed = await call(c, 'POST', `/v1/installment-orders/${order.id}/sign`, {
      code: await signCode(c, order.contractId),
      signature: { kind: 'typed', name: '李四' },
    });
    expect(signed.statusCode).toBe(200);
    const down = signed.json().bills.find((b: { kind: string }) => b.kind === 'down_payment');
    if (down)
      expect((await call(c, 'POST', `/v1/bills/${down.billId}/pay`, { method: 'wallet' })).statusCode).toBe(201);
    await drain();
    return (await call(c, 'GET', `/v1/installment-orders/${order.id}`)).json();
  };
  const runTickOn = async (name: string, date: string) => {
    s.clock.set(`${date}T02:00:00Z`);
    const tick = s.worker.ticks.find((t) => t.name === name);
    if (!tick) throw new Error(`no tick ${name}`);
    return runTick(db(), s.clock as Clock, tick, today(s.clock, s.ctx.config.timeZone), { force: true });
  };
  const pdfText = (pdf: Buffer) => {
    const dir = mkdtempSync(join(tmpdir(), 'payoff-'));
    writeFileSync(join(dir, 'certificate.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'certificate.pdf'), '-'], { encoding: 'utf8' });
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
    const now = s.clock.now();
    const stock = await createTestStock(db(), { units: 3, now });
    await publishProduct(db(), { productId: stock.productId, actor: { kind: 'system' }, now });
    skuId = stock.skuId;
    unitIds = stock.unitIds;
    // ¥5,999.00: 10 % down (¥599.90), 12 months at 12 %; and 3 months interest-free without down payment.
    const make = (input: object) =>
      transaction(s.ctx.database, (tx) =>
        createInstallmentOffer(tx, { input: { skuId, ...input } as never, actor: { kind: 'system' }, now }),
      );
    offer12 = (await make({ termMonths: 12, annualRateBps: 1200, method: 'equal_installment', downPaymentBps: 1000 }))
      .id;
    offer3 = (await make({ termMonths: 3, annualRateBps: 0, method: 'equal_installment' })).id;
  });
  afterAll(async () => {
    await s?.close();
  });

  let shippedId = '';
  let alice: Customer;

  test('placing reserves a phone; the desk ships the paid order by IMEI; cancel is refused once shipped', async () => {
    alice = await verifiedCustomer();
    const placed = await call(alice, 'POST', '/v1/installment-orders', { skuId, offerId: offer12, address });
    expect(placed.statusCode).toBe(201);
    const order = placed.json();
    // The reservation exists, held for the order with no lapse (approved).
    expect(order).toMatchObject({ status: 'awaiting_signature', fulfilment: null, unitId: expect.any(String) });
    expect(unitIds).toContain(order.unitId);
    expect(await unit(order.unitId)).toMatchObject({ state: 'reserved', order_ref: order.id, expires: null });

    const signed = await call(alice, 'POST', `/v1/installment-orders/${order.id}/sign`, {
      code: await signCode(alice, order.contractId),
      signature: { kind: 'typed', name: '李四' },
    });
    const down = signed.json().bills[0];
    expect(down).toMatchObject({ kind: 'down_payment', amountMinor: 59_990 });
    expect((await call(alice, 'POST', `/v1/bills/${down.billId}/pay`, { method: 'wallet' })).statusCode).toBe(201);
    await drain();
    const active = (await call(alice, 'GET', `/v1/installment-orders/${order.id}`)).json();
    expect(active).toMatchObject({ status: 'active', fulfilment: 'awaiting_shipment', activatedOn: '2027-01-30' });
    expect(await wallet(alice.customerId)).toBe(1_000_000 - 59_990);

    // The desk's queue lists it with the phone reserved; the recipient masked.
    const queue = (await call('staff', 'GET', '/v1/admin/installment-orders/shipping-queue')).json().data;
    const entry = queue.find((e: { orderId: string }) => e.orderId === order.id);
    const reserved = await unit(order.unitId);
    expect(entry).toMatchObject({
      reservedUnitId: order.unitId,
      reservedImei: reserved?.imei,
      recipientName: '李*',
      recipientPhone: '139****5678',
      city: '上海市',
      activatedOn: '2027-01-30',
    });

    // A phone of the same SKU in stock may be scanned instead: the reservation moves to it.
    const other = unitIds.find((id) => id !== order.unitId) as string;
    const otherImei = (await unit(other))?.imei as string;
    const staff = (await signInTestStaff(s, 'warehouse')).token;
    const ship = (key: string) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/admin/installment-orders/${order.id}/ship`,
        headers: { ...bearer(staff), 'idempotency-key': key },
        payload: { imei: otherImei },
      });
    const shipped = await ship('ship-1');
    expect(shipped.statusCode).toBe(201);
    expect(shipped.json().order).toMatchObject({
      fulfilment: 'shipped',
      imei: otherImei,
      unitId: other,
      carrier: 'sandbox_express',
      waybillNo: shipped.json().shipment.waybillNo,
    });
    expect(shipped.json().shipment).toMatchObject({ direction: 'outbound', orderRef: order.id, state: 'created' });
    expect(shipped.json().shipment.summary).toMatchObject({ imei: otherImei, recipientName: '李*' });
    // The same key answers the same shipment; a second ship is refused.
    expect((await ship('ship-1')).json().shipment.id).toBe(shipped.json().shipment.id);
    const again = await ship('ship-2');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INSTALLMENT_ORDER_NOT_SHIPPABLE');
    expect(await unit(other)).toMatchObject({ state: 'shipped', order_ref: order.id });
    expect(await unit(order.unitId)).toMatchObject({ state: 'in_stock', order_ref: null });
    const queued = (await call('staff', 'GET', '/v1/admin/installment-orders/shipping-queue')).json().data;
    expect(queued.map((e: { orderId: string }) => e.orderId)).not.toContain(order.id);

    // Shipped: cancelling is refused and changes nothing.
    const refused = await call(alice, 'POST', `/v1/installment-orders/${order.id}/cancel`, { reason: '不想要了' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('INSTALLMENT_ORDER_NOT_CANCELLABLE');
    expect(await wallet(alice.customerId)).toBe(1_000_000 - 59_990);
    shippedId = order.id;
  });

  test('the courier signs for it: the order is delivered; the console shows unit and parcel', async () => {
    expect(shippedId).not.toBe('');
    // Beijing warehouse → Shanghai: collected on the 30th, on its way on the 31st, signed by 3 February.
    s.clock.set('2027-01-31T04:00:00Z');
    expect((await courier()).scans).toBeGreaterThan(0);
    alice = await fresh(alice);
    expect((await call(alice, 'GET', `/v1/installment-orders/${shippedId}`)).json().fulfilment).toBe('shipped');
    s.clock.set('2027-02-03T04:00:00Z');
    await courier();
    alice = await fresh(alice);
    const order = (await call(alice, 'GET', `/v1/installment-orders/${shippedId}`)).json();
    expect(order).toMatchObject({ fulfilment: 'delivered', status: 'active' });
    expect(order.deliveredAt >= '2027-01-31' && order.deliveredAt <= '2027-02-03T04:00:00.000Z').toBe(true);
    // In inventory the phone is with the buyer while she repays (not `on_rent`, not yet `sold`).
    expect(await unit(order.unitId)).toMatchObject({ state: 'with_buyer', order_ref: shippedId });
    const tracking = (await call(alice, 'GET', `/v1/installment-orders/${shippedId}/tracking`)).json();
    expect(tracking.parcels).toHaveLength(1);
    expect(tracking.parcels[0]).toMatchObject({
      direction: 'outbound',
      state: 'delivered',
      waybillNo: order.waybillNo,
    });
    const staff = (await signInTestStaff(s, 'operator')).token;
    const oversight = (
      await s.app.inject({ url: `/v1/admin/installment-orders/${shippedId}`, headers: bearer(staff) })
    ).json();
    expect(oversight.order).toMatchObject({ imei: order.imei, unitId: order.unitId, fulfilment: 'delivered' });
    expect(oversight.parcels).toEqual([
      expect.objectContaining({ direction: 'outbound', state: 'delivered', imei: order.imei, unitId: order.unitId }),
    ]);
    // Delivered is still not cancellable; and no certificate before the pay-off.
    expect((await call(alice, 'POST', `/v1/installment-orders/${shippedId}/cancel`, {})).statusCode).toBe(409);
    const early = await call(alice, 'GET', `/v1/installment-orders/${shippedId}/payoff-certificate`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('INSTALLMENT_CERTIFICATE_NOT_READY');
  });

  test('paying off early on 10 February sells the unit; the certificate states the IMEI and totals', async () => {
    // 11 days of interest on ¥5,399.10 at 12 %: 539,910 × 1,200 × 11 / 3,650,000 = 1,952.55 → 1,953.
    s.clock.set('2027-02-10T02:00:00Z');
    alice = await fresh(alice);
    const quote = (
      await call(alice, 'POST', `/v1/installment-orders/${shippedId}/prepay-quote`, { strategy: 'payoff' })
    ).json();
    expect(quote).toMatchObject({ totalDueMinor: 541_863 });
    const paid = await call(alice, 'POST', `/v1/installment-orders/${shippedId}/prepay`, { strategy: 'payoff' });
    expect(paid.statusCode).toBe(200);
    expect(await wallet(alice.customerId)).toBe(1_000_000 - 59_990 - 541_863);
    const order = (await call(alice, 'GET', `/v1/installment-orders/${shippedId}`)).json();
    expect(order).toMatchObject({ status: 'paid_off', paidOffOn: '2027-02-10', fulfilment: 'delivered' });
    expect(order.ownershipTransferredAt).toBe('2027-02-10T02:00:00.000Z');
    expect(await unit(order.unitId)).toMatchObject({ state: 'sold', order_ref: shippedId });
    const history = await queryRows<{ to_state: string; order_ref: string; reason: string }>(
      db(),
      sql`select to_state, order_ref, reason from inventory_unit_history where unit_id = ${order.unitId} order by at desc, id desc limit 1`,
    );
    expect(history[0]).toMatchObject({ to_state: 'sold', order_ref: shippedId, reason: null });
    const path = await queryRows<{
      from_state: string | null;
      to_state: string;
      reason_code: string | null;
      reason_params: Record<string, string> | null;
    }>(
      db(),
      sql`select from_state, to_state, reason_code, reason_params from inventory_unit_history where unit_id = ${order.unitId} order by at, id`,
    );
    expect(path.slice(-3).map((h) => `${h.from_state}→${h.to_state}`)).toEqual([
      'reserved→shipped',
      'shipped→with_buyer',
      'with_buyer→sold',
    ]);
    // Each move carries installment's own reason code, which the console words in its language.
    expect(path.slice(-3).map((h) => [h.reason_code, h.reason_params])).toEqual([
      ['order_ship', { orderRef: shippedId }],
      ['order_deliver_sale', { orderRef: shippedId }],
      ['installment_paid_off', { orderRef: shippedId }],
    ]);
    // The audit entry and the event of the delivery say why by code and parameters, not in English.
    const delivered = await queryRows<{ detail: Record<string, unknown> }>(
      db(),
      sql`select detail from identity_audit_log where action = 'inventory.unit_with_buyer' and target_id = ${order.unitId}`,
    );
    expect(delivered.map((a) => a.detail)).toEqual([
      {
        from: 'shipped',
        to: 'with_buyer',
        reasonCode: 'order_deliver_sale',
        reasonParams: { orderRef: shippedId },
        orderRef: shippedId,
      },
    ]);
    const events = await queryRows<{ payload: Record<string, unknown> }>(
      db(),
      sql`select payload from outbox where type = 'inventory.unit_state_changed' and aggregate_id = ${order.unitId}
          and payload->>'to' = 'sold'`,
    );
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        reason: null,
        reasonCode: 'installment_paid_off',
        reasonParams: { orderRef: shippedId },
      }),
    ]);

    const certificate = await call(alice, 'GET', `/v1/installment-orders/${shippedId}/payoff-certificate`);
    expect(certificate.statusCode).toBe(200);
    expect(certificate.headers['content-type']).toBe('application/pdf');
    expect(certificate.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const stranger = await signInTestCustomer(s, randomTestPhone());
    expect(
      (
        await s.app.inject({
          url: `/v1/installment-orders/${shippedId}/payoff-certificate`,
          headers: bearer(stranger.token),
        })
      ).statusCode,
    ).toBe(404);
    if (existsSync('/usr/bin/pdftotext')) {
      const text = pdfText(certificate.rawPayload);
      expect(text).toContain(order.imei);
      expect(text).toContain(shippedId);
      expect(text).toContain('结清证明');
      // Principal ¥5,999.00 (down payment ¥599.90 + ¥5,399.10), interest ¥19.53, total ¥6,018.53.
      expect(text).toMatch(/Principal\s+¥5,999\.00/);
      expect(text).toMatch(/Interest\s+¥19\.53/);
      expect(text).toMatch(/Fees\s+¥0\.00/);
      expect(text).toMatch(/Penalty\s+¥0\.00/);
      expect(text).toMatch(/Total\s+¥6,018\.53/);
      expect(text).toContain('2027-02-10');
    }
  });

  test('the last period paid closes the order: paid off on schedule, the unit sold', async () => {
    s.clock.set('2027-03-01T02:00:00Z');
    const bob = await verifiedCustomer();
    // No down payment: the order starts when signed (1 March); 3 × ¥1,999.67/66, due 04-01, 05-01, 06-01.
    const order = await activeOrder(bob, offer3);
    expect(order).toMatchObject({ status: 'active', fulfilment: 'awaiting_shipment', activatedOn: '2027-03-01' });
    expect(order.schedule.map((r: { paymentMinor: number }) => r.paymentMinor)).toEqual([199_967, 199_967, 199_966]);
    const imei = (await unit(order.unitId))?.imei as string;
    const shipped = await call('staff', 'POST', `/v1/admin/installment-orders/${order.id}/ship`, { imei });
    expect(shipped.statusCode).toBe(201);
    let current = bob;
    for (const [period, due] of [
      [1, '2027-04-01'],
      [2, '2027-05-01'],
      [3, '2027-06-01'],
    ] as const) {
      await runTickOn('installment.issue_period_bills', due);
      current = await fresh(current);
      const view = (await call(current, 'GET', `/v1/installment-orders/${order.id}`)).json();
      const billId = view.schedule[period - 1].billId;
      expect(billId).not.toBeNull();
      expect(view.status).toBe('active');
      expect((await call(current, 'POST', `/v1/bills/${billId}/pay`, { method: 'wallet' })).statusCode).toBe(201);
      await drain();
    }
    const closed = (await call(current, 'GET', `/v1/installment-orders/${order.id}`)).json();
    expect(closed).toMatchObject({ status: 'paid_off', paidOffOn: '2027-06-01', paidPeriods: 3, balanceMinor: 0 });
    expect(closed.ownershipTransferredAt).not.toBeNull();
    expect(await unit(order.unitId)).toMatchObject({ state: 'sold', order_ref: order.id });
    expect(await wallet(bob.customerId)).toBe(1_000_000 - 599_900);
    const certificate = await call(current, 'GET', `/v1/installment-orders/${order.id}/payoff-certificate`);
    expect(certificate.statusCode).toBe(200);
    if (existsSync('/usr/bin/pdftotext')) {
      const text = pdfText(certificate.rawPayload);
      expect(text).toContain(imei);
      expect(text).toMatch(/Total\s+¥5,999\.00/);
      expect(text).toMatch(/Interest\s+¥0\.00/);
    }
  });

  test('cancelling before shipment puts the unit back in stock and refunds the down payment', async () => {
    s.clock.set('2027-06-02T02:00:00Z');
    const carol = await verifiedCustomer();
    const order = await activeOrder(carol, offer12);
    expect(order).toMatchObject({ status: 'active', fulfilment: 'awaiting_shipment' });
    expect(await unit(order.unitId)).toMatchObject({ state: 'reserved', order_ref: order.id });
    expect(await wallet(carol.customerId)).toBe(1_000_000 - 59_990);
    const cancelled = await call(carol, 'POST', `/v1/installment-orders/${order.id}/cancel`, { reason: '不想要了' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refundedMinor: 59_990 });
    expect(await wallet(carol.customerId)).toBe(1_000_000);
    expect(await unit(order.unitId)).toMatchObject({ state: 'in_stock', order_ref: null });
    // Not on the desk's queue, and the desk refuses to ship it.
    const imei = (await unit(order.unitId))?.imei as string;
    const refused = await call('staff', 'POST', `/v1/admin/installment-orders/${order.id}/ship`, { imei });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('INSTALLMENT_ORDER_NOT_SHIPPABLE');
  });

  test('out of stock refuses the order and keeps nothing', async () => {
    // Three units: one sold (Alice), one sold (Bob), one back in stock (Carol's cancelled order).
    const dave = await verifiedCustomer();
    const first = await call(dave, 'POST', '/v1/installment-orders', { skuId, offerId: offer12, address });
    expect(first.statusCode).toBe(201);
    const none = await call(dave, 'POST', '/v1/installment-orders', { skuId, offerId: offer12, address });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('INSTALLMENT_OUT_OF_STOCK');
    const mine = (await call(dave, 'GET', '/v1/installment-orders')).json().data;
    expect(mine).toHaveLength(1);
  });
});
