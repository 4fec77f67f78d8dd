// Grading returned phones at the returns desk and settling the deposit hold, over HTTP with the
// Alipay sandbox: every order here is 12 × ¥259.00 on a ¥5,999.00 phone, for a customer whose score
// waives 70 % of the deposit, so ¥1,799.70 is held. Delivered 2027-01-30 (rent from the 31st),
// returned in March, graded on 2027-03-08: one whole month of depreciation, so the residual value is
// ¥5,999.00 − round((¥5,999.00 − ¥1,199.80) × 1/24) = ¥5,799.03; a cracked back glass is 12 % of the
// market price, ¥719.88; a cracked screen 25 %, ¥1,499.75.
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { evidenceOfSubject } from '@zulin/contracts';
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import {
  assertLedgerConsistent,
  channelClearingAccount,
  getBalances,
  platformAccount,
  trialBalance,
} from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { getAuthorisation } from '@zulin/payments';
import { deliverSandboxCallbacks, sandboxKeys, usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closeSettledOrders } from './close-settled-orders';
import { rentalDeps } from './module';
import { recordDelivery, shipOrder } from './rent-steps';
import { runRentTick } from './rent-tick';
import { rentalOrders } from './schema';
import { createTestRentalStock, rentalTestKit, returnToWarehouseForTests, testAddress } from './testing';

/** A phone's JPEG of the back glass, with the camera and a GPS position in its EXIF. */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 16 Pro' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '31/1 13/1 4824/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '121/1 28/1 2532/100',
      },
    })
    .toBuffer();
}

describeDb('returns desk: grade, capture from the hold, bill the rest, release, dispute, close', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  let staffToken: string;
  const customers = new Map<string, { customerId: string; token: string; phone: string }>();
  const orders = new Map<string, string>();
  const deps = () => rentalDeps(s.ctx);
  const orderOf = (name: string) => {
    const id = orders.get(name);
    if (id === undefined) throw new Error(`no order ${name}`);
    return id;
  };
  const tokenOf = async (name: string) => {
    const c = customers.get(name);
    if (c === undefined) throw new Error(`no customer ${name}`);
    return (await signInTestCustomer(s, c.phone)).token;
  };
  const staff = (method: 'GET' | 'POST', url: string, payload?: unknown, key?: string) =>
    s.app.inject({
      method,
      url,
      payload: payload as object,
      headers: { ...bearer(staffToken), ...(key ? { 'idempotency-key': key } : {}) },
    });
  const balance = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const snapshot = async () => {
    const db = s.ctx.database.db;
    return {
      clearing: await balance((await channelClearingAccount(db, s.clock, 'alipay')).id),
      receivables: await balance((await platformAccount(db, s.clock, 'customer_receivables')).id),
      fees: await balance((await platformAccount(db, s.clock, 'fee_revenue')).id),
    };
  };
  const balanced = async () => {
    await assertLedgerConsistent(s.ctx.database.db);
    const tb = await trialBalance(s.ctx.database.db, 'CNY');
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
  };
  const drain = async () => {
    await deliverSandboxCallbacks(s.ctx.database.db, {
      clock: s.clock,
      keys: await sandboxKeys(s.ctx.database.db, s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const holdOf = async (orderId: string) => {
    const [row] = await s.ctx.database.db.select().from(rentalOrders).where(eq(rentalOrders.id, orderId));
    return getAuthorisation(s.ctx.database.db, row?.depositAuthorisationId ?? '');
  };
  const multipart = (bytes: Buffer) => {
    const boundary = '----zulininspection';
    return {
      body: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="back.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { ...bearer(staffToken), 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  };

  /** Places, signs and pays an order (¥259.00 at the cashier, ¥1,799.70 held), ships and delivers it on 30 January. */
  async function rentedOrder(name: string, n: number, creditMinor = 0): Promise<void> {
    const customer = await kit.verifiedCustomer(660);
    customers.set(name, customer);
    const placed = await kit.call(
      customer.token,
      'POST',
      '/v1/rentals',
      { skuId: stock.skuId, planId: stock.planId, address: testAddress(n) },
      `inspection-${name}`,
    );
    expect(placed.statusCode).toBe(201);
    const signed = await kit.signOrder(customer, placed.json());
    expect(signed.json()).toMatchObject({ status: 'awaiting_payment', depositToHoldMinor: 179_970 });
    // How much of the hold the payer's credit covers (the rest is frozen in their account).
    await s.app.inject({
      method: 'PUT',
      url: '/v1/sandbox/payments/knobs',
      payload: { creditAvailableMinor: creditMinor },
    });
    const paying = await kit.call(customer.token, 'POST', `/v1/rentals/${placed.json().id}/pay`, {
      channel: 'alipay',
      payerToken: `28600000000000000${n}`,
    });
    expect(paying.statusCode).toBe(201);
    expect(paying.json().deposit).toMatchObject({ state: 'authorised', amountMinor: 179_970 });
    const cashier = paying.json().channelPayment.cashierUrl as string;
    const paid = await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/cashier/${cashier.split('/').at(-1)}/pay`,
    });
    expect(paid.statusCode).toBe(200);
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
        waybillNo: `SF9${n}`,
        carrier: 'sandbox',
        staff: shipper,
      });
      await recordDelivery(tx, deps(), { orderId: placed.json().id, signedAt: new Date('2027-01-30T09:30:00Z') });
    });
    orders.set(name, placed.json().id);
  }

  /** The customer asks to return (pick-up tomorrow); the courier scans it; the warehouse receives it. */
  async function returnedToWarehouse(name: string): Promise<void> {
    const token = await tokenOf(name);
    const asked = await kit.call(token, 'POST', `/v1/rentals/${orderOf(name)}/return`, {
      pickup: { date: '2027-03-06', slot: '09-12' },
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.json().status).toBe('return_requested');
    // The shipping helper's carrier events do these two steps; here the test helper moves the machine.
    await transaction(s.ctx.database, (tx) => returnToWarehouseForTests(tx, orderOf(name), s.clock.now()));
  }

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-01-30T04:00:00Z' });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 4, now: s.clock.now() });
    await rentedOrder('smaller', 1);
    await rentedOrder('larger', 2);
    await rentedOrder('clean', 3);
    await rentedOrder('refused', 4, 179_970);
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
    await runRentTick(s.ctx.database.db, deps(), '2027-01-31');
    s.clock.set('2027-03-05T02:00:00Z');
    for (const name of ['smaller', 'larger', 'clean', 'refused']) await returnedToWarehouse(name);
    // Graded on Monday 8 March, 10:00 in Shanghai.
    s.clock.set('2027-03-08T02:00:00Z');
    staffToken = (await signInTestStaff(s, 'warehouse')).token;
  }, 600_000);
  afterAll(async () => {
    await s?.close();
  });

  test('the desk lists the returned phones by name, with the price list for the phone and the hold left', async () => {
    const queue = await staff('GET', '/v1/admin/inspections');
    expect(queue.statusCode).toBe(200);
    const mine = queue.json().data.filter((e: { orderId: string }) => [...orders.values()].includes(e.orderId));
    expect(mine).toHaveLength(4);
    expect(mine[0]).toMatchObject({ status: 'inspecting', depositToHoldMinor: 179_970, inspection: null });
    expect(mine[0].customer.phoneMasked).toMatch(/\*/);
    expect(mine[0].device.imei).toMatch(/^\d{15}$/);

    const detail = await staff('GET', `/v1/admin/inspections/${orderOf('smaller')}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().depositHeldMinor).toBe(179_970);
    expect(detail.json().priceList.residualValueMinor).toBe(579_903);
    const unit = (code: string) =>
      detail.json().priceList.items.find((i: { code: string }) => i.code === code)?.unitMinor;
    expect(unit('back_glass')).toBe(71_988);
    expect(unit('screen')).toBe(149_975);
    expect(unit('missing_accessory')).toBe(5_000);
    expect(unit('activation_lock')).toBe(579_903);
    // Only staff: a customer's token is refused.
    const customer = await kit.call(await tokenOf('smaller'), 'GET', '/v1/admin/inspections');
    expect(customer.statusCode).toBe(401);
  });

  test('grade C, cracked back glass ¥719.88 < hold ¥1,799.70: ¥719.88 captured, ¥1,079.82 released the same day, nothing billed', async () => {
    const orderId = orderOf('smaller');
    const quote = await staff('POST', `/v1/admin/inspections/${orderId}/quote`, {
      grade: 'C',
      findings: [{ code: 'back_glass' }],
    });
    expect(quote.statusCode).toBe(200);
    expect(quote.json()).toMatchObject({
      chargeMinor: 71_988,
      depositHeldMinor: 179_970,
      captureMinor: 71_988,
      billMinor: 0,
      releaseMinor: 107_982,
    });
    // Bad input: a grade A with damage, an unknown item, a photo that is not an image.
    const wrong = await staff('POST', `/v1/admin/inspections/${orderId}/quote`, {
      grade: 'A',
      findings: [{ code: 'back_glass' }],
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('RENTAL_INSPECTION_INVALID');
    const notImage = multipart(Buffer.from('<script>alert(1)</script>'));
    const refused = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/inspections/${orderId}/photos`,
      payload: notImage.body,
      headers: notImage.headers,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('RENTAL_INSPECTION_PHOTO_INVALID');
    // The inspector's phone photo carries the camera and where it was taken: both are dropped.
    const jpeg = await jpegWithGps();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    expect(jpeg.includes('iPhone 16 Pro')).toBe(true);
    const upload = multipart(jpeg);
    const photo = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/inspections/${orderId}/photos`,
      payload: upload.body,
      headers: upload.headers,
    });
    expect(photo.statusCode).toBe(201);
    const file = photo.json().file as string;
    expect(file).toMatch(/^[a-f0-9]{64}\.jpg$/);
    // Stored re-encoded: named by the SHA-256 of the clean bytes, not of the upload.
    expect(file.slice(0, 64)).not.toBe(createHash('sha256').update(jpeg).digest('hex'));
    expect(photo.json()).toMatchObject({ contentType: 'image/jpeg' });
    const unknownPhoto = await staff('POST', `/v1/admin/inspections/${orderId}`, {
      grade: 'C',
      findings: [{ code: 'back_glass' }],
      photos: [`${'0'.repeat(64)}.png`],
    });
    expect(unknownPhoto.statusCode).toBe(422);

    const before = await snapshot();
    const graded = await staff(
      'POST',
      `/v1/admin/inspections/${orderId}`,
      { grade: 'C', findings: [{ code: 'back_glass' }], photos: [file], note: '后盖右下角裂纹' },
      `grade-${orderId}`,
    );
    expect(graded.statusCode).toBe(201);
    expect(graded.json()).toMatchObject({
      state: 'settled',
      grade: 'C',
      chargeMinor: 71_988,
      capturedMinor: 71_988,
      billedMinor: 0,
      releasedMinor: 107_982,
      billId: null,
      inspectedOn: '2027-03-08',
      disputeUntil: '2027-03-15',
    });
    // The hold: authorised ¥1,799.70 = captured ¥719.88 + released ¥1,079.82 + held ¥0.00.
    const hold = await holdOf(orderId);
    expect(hold).toMatchObject({
      state: 'settled',
      amountMinor: 179_970,
      capturedMinor: 71_988,
      releasedMinor: 107_982,
    });
    expect(hold.capturedMinor + hold.releasedMinor).toBe(hold.amountMinor);
    // The capture: the channel owes us ¥719.88 (clearing), fee revenue +¥719.88; receivables untouched.
    const after = await snapshot();
    expect(after.clearing - before.clearing).toBe(-71_988);
    expect(after.fees - before.fees).toBe(71_988);
    expect(after.receivables - before.receivables).toBe(0);
    await balanced();

    const order = (await staff('GET', `/v1/admin/rentals/${orderId}`)).json();
    expect(order).toMatchObject({ status: 'settled', openAfterSale: null });
    expect(order.timeline.at(-1)).toMatchObject({ action: 'settle', from: 'inspecting', to: 'settled' });
    const audit = await queryRows<{ action: string }>(
      s.ctx.database.db,
      sql`select action from identity_audit_log where target_id = ${orderId} and action like 'rental.%' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['rental.inspection_graded', 'rental.order_settle']),
    );
    // The phone's unit takes the grade in inventory (it came as new) and waits at the desk, with a
    // history row and an audit entry naming the order and the grade.
    const [unit] = await queryRows<{ id: string; grade: string; state: string }>(
      s.ctx.database.db,
      sql`select u.id, u.grade, u.state from inventory_units u join rental_orders o on o.unit_id = u.id where o.id = ${orderId}`,
    );
    expect(unit).toMatchObject({ grade: 'C', state: 'inspecting' });
    const history = await queryRows<{
      from_state: string;
      to_state: string;
      reason_code: string;
      reason_params: unknown;
    }>(
      s.ctx.database.db,
      sql`select from_state, to_state, reason_code, reason_params from inventory_unit_history where unit_id = ${unit?.id} order by at desc, id desc limit 1`,
    );
    expect(history).toEqual([
      {
        from_state: 'inspecting',
        to_state: 'inspecting',
        reason_code: 'return_graded',
        reason_params: { orderRef: orderId, grade: 'C' },
      },
    ]);
    const unitAudit = await queryRows<{ detail: unknown }>(
      s.ctx.database.db,
      sql`select detail from identity_audit_log where target_id = ${unit?.id} and action = 'inventory.unit_graded'`,
    );
    expect(unitAudit).toEqual([{ detail: expect.objectContaining({ from: 'new', to: 'C' }) }]);
    // The evidence log holds the grade and the photo by the SHA-256 of its bytes.
    await drain();
    const gradedEntry = (await evidenceOfSubject(s.ctx.database.db, { kind: 'rental', id: orderId })).find(
      (e) => e.kind === 'rental.inspection_graded',
    );
    expect(gradedEntry?.data).toMatchObject({
      grade: 'C',
      chargeMinor: 71_988,
      depositHeldMinor: 179_970,
      findings: [{ code: 'back_glass', quantity: 1 }],
      photos: [{ sha256: file.slice(0, 64), contentType: 'image/jpeg' }],
    });

    // The same key answers the same; a second grading is refused.
    const replay = await staff(
      'POST',
      `/v1/admin/inspections/${orderId}`,
      { grade: 'C', findings: [{ code: 'back_glass' }], photos: [file], note: '后盖右下角裂纹' },
      `grade-${orderId}`,
    );
    expect(replay.json().id).toBe(graded.json().id);
    const again = await staff('POST', `/v1/admin/inspections/${orderId}`, { grade: 'A', findings: [], photos: [] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('RENTAL_ALREADY_INSPECTED');

    // The customer sees the photo, the priced item, the formula and what was captured and released.
    const token = await tokenOf('smaller');
    const seen = await kit.call(token, 'GET', `/v1/rentals/${orderId}/inspection`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      grade: 'C',
      chargeMinor: 71_988,
      capturedMinor: 71_988,
      releasedMinor: 107_982,
      billedMinor: 0,
      canDispute: true,
      lines: [{ code: 'back_glass', amountMinor: 71_988, quantity: 1, unitMinor: 71_988 }],
    });
    expect(seen.json().formula['zh-CN']).toContain('¥719.88');
    const picture = await kit.call(token, 'GET', seen.json().photos[0].url);
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toBe('image/jpeg');
    expect(createHash('sha256').update(picture.rawPayload).digest('hex')).toBe(file.slice(0, 64));
    const served = await sharp(picture.rawPayload).metadata();
    expect([served.format, served.width, served.height, served.exif]).toEqual(['jpeg', 64, 48, undefined]);
    expect(picture.rawPayload.includes('iPhone 16 Pro')).toBe(false);
    expect(picture.rawPayload.includes('Exif\0\0')).toBe(false);
    const stranger = await signInTestCustomer(s);
    expect((await kit.call(stranger.token, 'GET', `/v1/rentals/${orderId}/inspection`)).statusCode).toBe(404);
  });

  test('grade C, back glass and screen ¥2,219.63 > hold ¥1,799.70: the hold captured in full, ¥419.93 billed, nothing released', async () => {
    const orderId = orderOf('larger');
    const before = await snapshot();
    const graded = await staff('POST', `/v1/admin/inspections/${orderId}`, {
      grade: 'C',
      findings: [{ code: 'back_glass' }, { code: 'screen' }],
      photos: [],
    });
    expect(graded.statusCode).toBe(201);
    expect(graded.json()).toMatchObject({
      state: 'settled',
      chargeMinor: 221_963,
      capturedMinor: 179_970,
      billedMinor: 41_993,
      releasedMinor: 0,
    });
    const hold = await holdOf(orderId);
    expect(hold).toMatchObject({ state: 'settled', capturedMinor: 179_970, releasedMinor: 0 });
    // ¥1,799.70 from the channel, ¥419.93 owed by the customer: fee revenue +¥2,219.63 in all.
    const after = await snapshot();
    expect(after.clearing - before.clearing).toBe(-179_970);
    expect(after.receivables - before.receivables).toBe(-41_993);
    expect(after.fees - before.fees).toBe(221_963);
    await balanced();
    const bills = (await kit.call(await tokenOf('larger'), 'GET', `/v1/rentals/${orderId}/bills?status=unpaid`)).json()
      .data as { id: string; kind: string; amountMinor: number; dueDate: string }[];
    const bill = bills.find((b) => b.id === graded.json().billId);
    expect(bill).toMatchObject({ kind: 'exit', amountMinor: 41_993, dueDate: '2027-03-08' });
  });

  test('a capture the channel refuses (the payer’s credit is short) is final: nothing taken, the whole ¥2,219.63 billed, the hold released', async () => {
    const orderId = orderOf('refused');
    await s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: { insufficientFunds: true } });
    const before = await snapshot();
    const graded = await staff('POST', `/v1/admin/inspections/${orderId}`, {
      grade: 'C',
      findings: [{ code: 'back_glass' }, { code: 'screen' }],
      photos: [],
    });
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
    expect(graded.statusCode).toBe(201);
    expect(graded.json()).toMatchObject({
      state: 'settled',
      chargeMinor: 221_963,
      plannedCaptureMinor: 179_970,
      capturedMinor: 0,
      billedMinor: 221_963,
      releasedMinor: 179_970,
    });
    const hold = await holdOf(orderId);
    expect(hold).toMatchObject({ state: 'released', capturedMinor: 0, releasedMinor: 179_970 });
    const after = await snapshot();
    expect(after.clearing - before.clearing).toBe(0);
    expect(after.receivables - before.receivables).toBe(-221_963);
    expect(after.fees - before.fees).toBe(221_963);
    await balanced();
  });

  test('grade A releases the whole hold; a dispute on day 7 opens a case, on day 8 it is refused; closed once bills are paid and the window passed', async () => {
    const orderId = orderOf('clean');
    const graded = await staff('POST', `/v1/admin/inspections/${orderId}`, { grade: 'A', findings: [], photos: [] });
    expect(graded.statusCode).toBe(201);
    expect(graded.json()).toMatchObject({ chargeMinor: 0, capturedMinor: 0, billedMinor: 0, releasedMinor: 179_970 });
    expect(await holdOf(orderId)).toMatchObject({ state: 'released', capturedMinor: 0, releasedMinor: 179_970 });
    await balanced();

    // Monday 15 March is the 7th day after the inspection: the dispute of the larger charge is taken.
    s.clock.set('2027-03-15T15:00:00Z'); // 23:00 in Shanghai
    const larger = await tokenOf('larger');
    const disputed = await kit.call(
      larger,
      'POST',
      `/v1/rentals/${orderOf('larger')}/inspection/dispute`,
      { reason: '屏幕在寄回前完好，请核实' },
      'dispute-larger',
    );
    expect(disputed.statusCode).toBe(200);
    expect(disputed.json()).toMatchObject({ canDispute: false, dispute: { reason: '屏幕在寄回前完好，请核实' } });
    const twice = await kit.call(larger, 'POST', `/v1/rentals/${orderOf('larger')}/inspection/dispute`, {
      reason: '再次申诉',
    });
    expect(twice.json().code).toBe('RENTAL_INSPECTION_ALREADY_DISPUTED');
    await drain();
    const tickets = await queryRows<{ kind: string; order_id: string; subject: string }>(
      s.ctx.database.db,
      sql`select kind, order_id, subject from support_tickets where source_type = 'rental_inspection' and source_id = ${disputed.json().id}`,
    );
    expect(tickets).toEqual([
      { kind: 'complaint', order_id: orderOf('larger'), subject: '归还检测结果申诉（C 级，¥2,219.63）' },
    ]);

    // Tuesday 16 March, the 8th day: refused with a stable code.
    s.clock.set('2027-03-16T01:00:00Z');
    const clean = await tokenOf('clean');
    const late = await kit.call(clean, 'POST', `/v1/rentals/${orderId}/inspection/dispute`, { reason: '不同意' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('RENTAL_DISPUTE_WINDOW_PASSED');

    // The clean return closes once its early-return bill (¥518.00) is paid; the others owe bills and stay settled.
    const wallet = await transaction(s.ctx.database, (tx) =>
      walletAccount(tx, s.clock, customers.get('clean')?.customerId ?? ''),
    );
    await fundTestAccount(s.ctx.database.db, s.clock, wallet.id, 100_000);
    const owed = (await kit.call(clean, 'GET', `/v1/rentals/${orderId}/bills?status=unpaid`)).json().data as {
      id: string;
      outstandingMinor: number;
    }[];
    expect(owed.map((b) => b.outstandingMinor)).toEqual([51_800]);
    for (const bill of owed) {
      const paid = await kit.call(clean, 'POST', `/v1/bills/${bill.id}/pay`, {
        method: 'wallet',
        amountMinor: bill.outstandingMinor,
      });
      expect(paid.statusCode).toBe(201);
    }
    expect(await closeSettledOrders(s.ctx.database, deps())).toEqual({ closed: 1 });
    const statuses = await s.ctx.database.db
      .select({ id: rentalOrders.id, status: rentalOrders.status })
      .from(rentalOrders)
      .where(eq(rentalOrders.customerId, customers.get('clean')?.customerId ?? ''));
    expect(statuses).toEqual([{ id: orderId, status: 'closed' }]);
    staffToken = (await signInTestStaff(s, 'warehouse')).token;
    expect((await staff('GET', `/v1/admin/rentals/${orderOf('smaller')}`)).json().status).toBe('settled');
    await balanced();
  });
});
