// A feedback about a real rental records its phone and its journey (issue #16): one rental placed,
// signed and paid on Tuesday 10 January 2034 (the checkout promised delivery by the 13th), shipped at
// the desk with the sandbox courier from its test warehouse, signed for on the 15th (two days late),
// a fault reported and closed, returned and graded C for a cracked back glass (charged, billed: no
// deposit hold). Its rating stores the product, the SKU's name, the warehouse and the carrier, and is
// classified with the order's facts: fault 5 (device) + late 4 (logistics) + inspection charge 3
// (billing) on a text no rule knows, so device wins with confidence round(100 · 5/12 · 5/6) = 35.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishProduct, readSkuNames } from '@zulin/catalog';
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { getUnit } from '@zulin/inventory';
import { createTestStock } from '@zulin/inventory/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { recordDelivery, recordPayment, recordSignature, rentalDeps, runRentTick } from '@zulin/rental';
import { rentalTestKit, returnToWarehouseForTests, testAddress } from '@zulin/rental/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readOrderContext } from './order-facts';

describeDb('feedback on a real rental: product, model, warehouse, carrier and the order facts', (get) => {
  let s: TestServer;
  let dataDir: string;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestStock>>;
  let customer: { customerId: string; token: string; phone: string };
  let orderId = '';
  const db = () => s.ctx.database.db;
  const deps = () => ({ clock: s.clock, timeZone: s.ctx.config.timeZone, masterKey: s.ctx.config.masterKey });
  const staffCall = async (
    role: 'warehouse' | 'operator' | 'support',
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ) => s.app.inject({ method, url, payload: body as object, headers: bearer((await signInTestStaff(s, role)).token) });
  const mine = async (method: 'GET' | 'POST', url: string, body?: unknown) =>
    s.app.inject({
      method,
      url,
      payload: body as object,
      headers: bearer((await signInTestCustomer(s, customer.phone)).token),
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zulin-feedback-facts-'));
    // Tuesday 10 January 2034, 10:00 in Shanghai.
    s = await createTestServer(get().database, {
      modules,
      env: { ZULIN_DATA_DIR: dataDir },
      now: '2034-01-10T02:00:00Z',
    });
    kit = rentalTestKit(s, signInTestCustomer);
    // A published phone in stock (as rental's createTestRentalStock makes it), its warehouse known.
    stock = await createTestStock(db(), { units: 1, now: s.clock.now() });
    await publishProduct(db(), { productId: stock.productId, actor: { kind: 'system' }, now: s.clock.now() });
    customer = await kit.verifiedCustomer(700);
    const placed = await kit.call(customer.token, 'POST', '/v1/rentals', {
      skuId: stock.skuId,
      planId: stock.planId,
      address: testAddress(7),
    });
    expect(placed.statusCode, placed.body).toBe(201);
    orderId = placed.json().id;
    await transaction(s.ctx.database, async (tx) => {
      const rental = rentalDeps(s.ctx);
      await recordSignature(tx, rental, { orderId, contractId: placed.json().contractId, signedAt: s.clock.now() });
      const [row] = await queryRows<{ first: number; hold: number }>(
        tx,
        sql`select first_payment_minor::int as first, deposit_to_hold_minor::int as hold from rental_orders where id = ${orderId}`,
      );
      await recordPayment(tx, rental, {
        orderId,
        paymentId: `pay_${orderId}`,
        paidMinor: row?.first ?? -1,
        depositAuthorisedMinor: row?.hold ?? -1,
      });
    });
    // The shipping desk scans the phone: a sandbox courier waybill from the phone's warehouse.
    const unit = await getUnit(db(), { unitId: stock.unitIds[0] ?? '', today: '2034-01-10' });
    const shipped = await staffCall('warehouse', 'POST', '/v1/admin/shipments', { orderId, imei: unit.imei });
    expect(shipped.statusCode, shipped.body).toBe(201);
    // Signed for on Sunday the 15th at 14:00 in Shanghai: two days after the promised 13th.
    s.clock.set('2034-01-15T06:00:00Z');
    await transaction(s.ctx.database, (tx) =>
      recordDelivery(tx, rentalDeps(s.ctx), { orderId, signedAt: new Date('2034-01-15T06:00:00Z') }),
    );
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('general feedback while renting: the phone and carrier are recorded, late delivery makes it logistics', async () => {
    const context = await readOrderContext(db(), deps(), { orderId });
    expect(context).toEqual({
      productId: stock.productId,
      model: (await readSkuNames(db(), [stock.skuId])).get(stock.skuId),
      warehouseId: stock.warehouseId,
      carrier: 'sandbox_express',
      facts: { faultReportedDuringRental: false, paymentIssues: 0, deliveryLateDays: 2, shipmentException: false },
    });
    // Anonymous, on the order: the dimensions are kept, the order is not (sealed only).
    const sent = await mine('POST', '/v1/feedback', { text: '还行吧', anonymous: true, orderId });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({
      anonymous: true,
      orderId: null,
      timing: 'during_rental',
      category: 'logistics',
    });
    const [row] = await queryRows<Record<string, unknown>>(
      db(),
      sql`select order_id, customer_id, product_id, model, warehouse_id, carrier, category, category_confidence_pct
          from feedback_entries where id = ${sent.json().id}`,
    );
    expect(row).toEqual({
      order_id: null,
      customer_id: null,
      product_id: stock.productId,
      model: context.model,
      warehouse_id: stock.warehouseId,
      carrier: 'sandbox_express',
      category: 'logistics',
      // Late delivery alone: 4 of 4, below the confident score 6: round(100 · 4/4 · 4/6) = 67.
      category_confidence_pct: 67,
    });
    const view = await staffCall('support', 'GET', `/v1/admin/feedback/${sent.json().id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).not.toHaveProperty('orderId');
    expect(view.json()).not.toHaveProperty('customerId');
    expect(JSON.stringify(view.json())).not.toContain(orderId);
  });

  test('a rating after the return stores product, model, warehouse, carrier and is classified by the facts', async () => {
    // The rent starts on the 16th; a fault reported that day, closed by an operator without a repair.
    s.clock.set('2034-01-16T02:00:00Z');
    await runRentTick(db(), rentalDeps(s.ctx), '2034-01-16');
    const fault = await mine('POST', `/v1/rentals/${orderId}/faults`, { description: '屏幕偶尔闪烁' });
    expect(fault.statusCode, fault.body).toBe(201);
    const resolved = await staffCall(
      'operator',
      'POST',
      `/v1/admin/rentals/${orderId}/faults/${fault.json().id}/resolve`,
      {
        note: '远程排查后恢复正常',
      },
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    // Returned on the 21st, graded C on the 22nd: a cracked back glass is charged.
    s.clock.set('2034-01-20T02:00:00Z');
    const asked = await mine('POST', `/v1/rentals/${orderId}/return`, {
      pickup: { date: '2034-01-21', slot: '09-12' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    s.clock.set('2034-01-22T02:00:00Z');
    await transaction(s.ctx.database, (tx) => returnToWarehouseForTests(tx, orderId, s.clock.now()));
    const graded = await staffCall('warehouse', 'POST', `/v1/admin/inspections/${orderId}`, {
      grade: 'C',
      findings: [{ code: 'back_glass' }],
      photos: [],
    });
    expect(graded.statusCode, graded.body).toBe(201);
    expect(graded.json().state).toBe('settled');
    const chargedMinor: number = graded.json().chargeMinor;
    expect(chargedMinor).toBeGreaterThan(0);

    const context = await readOrderContext(db(), deps(), { orderId });
    expect(context.facts).toEqual({
      faultReportedDuringRental: true,
      paymentIssues: 0,
      deliveryLateDays: 2,
      shipmentException: false,
      inspectionChargedMinor: chargedMinor,
    });
    // Only the owner's order: another customer's id is not found.
    await expect(readOrderContext(db(), deps(), { orderId, customerId: 'cus_nobody' })).rejects.toMatchObject({
      code: 'RENTAL_ORDER_NOT_FOUND',
    });

    s.clock.set('2034-01-23T02:00:00Z');
    const rated = await mine('POST', `/v1/rentals/${orderId}/rating`, {
      rating: 'bad',
      text: '还行吧',
      anonymous: false,
    });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({ orderId, timing: 'after_rental', category: 'device' });
    const [row] = await queryRows<Record<string, unknown>>(
      db(),
      sql`select order_id, customer_id, product_id, model, warehouse_id, carrier, auto_category, category_confidence_pct
          from feedback_entries where id = ${rated.json().id}`,
    );
    expect(row).toEqual({
      order_id: orderId,
      customer_id: customer.customerId,
      product_id: stock.productId,
      model: context.model,
      warehouse_id: stock.warehouseId,
      carrier: 'sandbox_express',
      auto_category: 'device',
      // device 5, logistics 4, billing 3: round(100 · 5/12 · min(5, 6)/6) = 35.
      category_confidence_pct: 35,
    });
  });
});
