import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { enrolRequestedDevices, mdmDeps } from '@zulin/risk';
import { walletAccount } from '@zulin/wallet';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rentalDeps } from './module';
import { recordDelivery, recordPayment, shipOrder } from './rent-steps';
import { runRentTick } from './rent-tick';
import { createTestRentalStock, rentalTestKit, testAddress, testSignaturePng } from './testing';

// 12 × ¥259.00, one month paid at checkout, delivered 2027-01-30, so rent from the 31st: period 3 runs
// 03-31 … 04-29 (30 days), period 4 is due 04-30 and billed by the tick on 04-23.
describeDb('faults: report, swap and repair, no rent for the days without a phone', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  let customer: { customerId: string; token: string; phone: string };
  let staffToken: string;
  let orderId: string;
  const deps = () => rentalDeps(s.ctx);
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const token = async () => (await signInTestCustomer(s, customer.phone)).token;
  const staff = async () => (await signInTestStaff(s, 'operator')).token;
  const unit = async (imei: string) =>
    (
      await queryRows<{ state: string; order_ref: string | null }>(
        s.ctx.database.db,
        sql`select state, order_ref from inventory_units where imei = ${imei}`,
      )
    )[0];
  /** The order's phones as risk's MDM monitoring sees them: requests and enrolled devices. */
  const monitoring = async () => ({
    enrolments: await queryRows<{ imei: string; status: string }>(
      s.ctx.database.db,
      sql`select imei, status from risk_device_enrolments where reference = ${orderId} order by requested_at, id`,
    ),
    devices: await queryRows<{ imei: string; release_reason: string | null }>(
      s.ctx.database.db,
      sql`select imei, release_reason from risk_devices where reference = ${orderId} order by enrolled_at, id`,
    ),
  });
  const staffPost = async (url: string, payload: object, key?: string) =>
    s.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { ...bearer(staffToken), ...(key ? { 'idempotency-key': key } : {}) },
    });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-01-30T04:00:00Z' });
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 3, now: s.clock.now() });
    customer = await kit.verifiedCustomer(700);
    const placed = (
      await kit.call(
        customer.token,
        'POST',
        '/v1/rentals',
        { skuId: stock.skuId, planId: stock.planId, address: testAddress(1) },
        'faults-1',
      )
    ).json();
    expect((await kit.signOrder(customer, placed)).json().status).toBe('awaiting_payment');
    orderId = placed.id;
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
        orderId,
        paymentId: 'pay_faults',
        paidMinor: 25_900,
        depositAuthorisedMinor: 0,
      });
      await shipOrder(tx, deps(), { orderId, waybillNo: 'SF1', carrier: 'sandbox', staff: shipper });
      await recordDelivery(tx, deps(), { orderId, signedAt: new Date('2027-01-30T09:30:00Z') });
    });
    for (const date of ['2027-01-31', '2027-02-21', '2027-03-24']) await runRentTick(s.ctx.database.db, deps(), date);
    s.clock.set('2027-04-10T02:00:00Z');
    staffToken = await staff();
  }, 400_000);
  afterAll(async () => {
    await s?.close();
  });

  test('a report with a photo opens a fault ticket and holds the other after-sale actions; a swap ships a new IMEI; 5 days without a phone in a 30-day month credit ¥43.17 on the next bill', async () => {
    let t = await token();
    const order = (await kit.call(t, 'GET', `/v1/rentals/${orderId}`)).json();
    expect(order.actions).toContain('report_fault');
    const before = (await kit.call(t, 'GET', `/v1/rentals/${orderId}/summary`)).json();
    const faultyImei: string = before.imei;
    expect(faultyImei).toMatch(/^\d{15}$/);

    // A photo is read by its first bytes: text is refused, a PNG stored.
    const boundary = '----zulinfault';
    const upload = (bytes: Buffer) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/rentals/${orderId}/faults/photos`,
        body: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="screen.png"\r\nContent-Type: image/png\r\n\r\n`,
          ),
          bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
        headers: { ...bearer(t), 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    expect((await upload(Buffer.from('<script>alert(1)</script>'))).json()).toMatchObject({
      code: 'RENTAL_INSPECTION_PHOTO_INVALID',
    });
    const png = Buffer.from(testSignaturePng.split(',')[1] ?? '', 'base64');
    const photo = await upload(png);
    expect(photo.statusCode).toBe(201);
    const file: string = photo.json().file;

    const empty = await kit.call(t, 'POST', `/v1/rentals/${orderId}/faults`, { description: ' ' }, 'f-0');
    expect(empty.json()).toMatchObject({ code: 'RENTAL_FAULT_INVALID' });
    const reported = await kit.call(
      t,
      'POST',
      `/v1/rentals/${orderId}/faults`,
      { description: '屏幕闪烁，触摸失灵', photos: [file] },
      'f-1',
    );
    expect(reported.statusCode).toBe(201);
    const fault = reported.json();
    expect(fault).toMatchObject({
      status: 'reported',
      reportedOn: '2027-04-10',
      faultyImei,
      photos: [file],
      replacementImei: null,
      creditMinor: 0,
    });
    // The same key answers the same fault; a second report, a buyout or a return wait.
    expect(
      (
        await kit.call(
          t,
          'POST',
          `/v1/rentals/${orderId}/faults`,
          { description: '屏幕闪烁，触摸失灵', photos: [file] },
          'f-1',
        )
      ).json().id,
    ).toBe(fault.id);
    expect(
      (await kit.call(t, 'POST', `/v1/rentals/${orderId}/faults`, { description: '又坏了' }, 'f-2')).json(),
    ).toMatchObject({ code: 'RENTAL_AFTER_SALE_OPEN' });
    expect((await kit.call(t, 'POST', `/v1/rentals/${orderId}/buyout`, {}, 'b-1')).json()).toMatchObject({
      code: 'RENTAL_AFTER_SALE_OPEN',
    });
    const held = (await kit.call(t, 'GET', `/v1/rentals/${orderId}`)).json();
    expect(held.openAfterSale).toBe('fault');
    expect(held.actions).not.toContain('report_fault');
    expect(held.actions).not.toContain('buy_out');

    // Support opens a fault ticket on the order, sourced from the fault.
    await drain();
    const tickets = await queryRows<{
      kind: string;
      order_id: string;
      source_type: string;
      source_id: string;
      subject: string;
    }>(
      s.ctx.database.db,
      sql`select kind, order_id, source_type, source_id, subject from support_tickets where customer_id = ${customer.customerId}`,
    );
    expect(tickets).toEqual([
      {
        kind: 'fault',
        order_id: orderId,
        source_type: 'rental_fault',
        source_id: fault.id,
        subject: `租赁手机报修（IMEI ${faultyImei}）`,
      },
    ]);

    // The delivered phone is monitored by risk's MDM (enrolled after the delivery).
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ enrolled: 1 });
    expect((await monitoring()).devices).toEqual([{ imei: faultyImei, release_reason: null }]);

    // Staff swap: a phone of the same SKU in stock, scanned by its IMEI.
    const base = `/v1/admin/rentals/${orderId}/faults/${fault.id}`;
    expect((await staffPost(`${base}/diagnose`, { note: '远程排查无效' })).json().status).toBe('diagnosing');
    // The staff's note is for staff: the console reads it, the customer's list and answers never carry it.
    const staffList = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/rentals/${orderId}/faults`,
      headers: bearer(staffToken),
    });
    expect(staffList.json().data[0]).toMatchObject({ id: fault.id, note: '远程排查无效' });
    const customerList = (await kit.call(t, 'GET', `/v1/rentals/${orderId}/faults`)).json().data;
    expect(customerList[0]).toMatchObject({ id: fault.id, status: 'diagnosing' });
    expect(customerList[0]).not.toHaveProperty('note');
    expect(JSON.stringify(customerList)).not.toContain('远程排查无效');
    const spare = (
      await queryRows<{ imei: string }>(
        s.ctx.database.db,
        sql`select imei from inventory_units where sku_id = ${stock.skuId} and state = 'in_stock' order by imei limit 1`,
      )
    )[0]?.imei;
    if (spare === undefined) throw new Error('a spare phone');
    const delivered0 = await staffPost(`${base}/delivered`, { signedAt: '2027-04-10T03:00:00Z' });
    expect(delivered0.json()).toMatchObject({ code: 'RENTAL_FAULT_STEP_NOT_ALLOWED' });
    const swapped = await staffPost(`${base}/swap`, { imei: spare, outboundWaybillNo: 'ZS100' }, 'swap-1');
    expect(swapped.statusCode).toBe(200);
    // The outcome is known when the new phone is signed for: until then the fault has no resolution.
    expect(swapped.json()).toMatchObject({ status: 'swapping', resolution: null, replacementImei: spare });
    expect(await unit(spare)).toEqual({ state: 'shipped', order_ref: orderId });
    expect(await unit(faultyImei)).toEqual({ state: 'returning', order_ref: orderId });
    // Swapping twice is refused by the fault's state.
    expect((await staffPost(`${base}/swap`, { imei: spare }, 'swap-2')).json()).toMatchObject({
      code: 'RENTAL_FAULT_STEP_NOT_ALLOWED',
    });

    // Signed for on 14 April: 10–14 April, 5 days of the 30-day period 3 → 25,900 × 5 / 30 = 4,316.67 → ¥43.17.
    s.clock.set('2027-04-14T08:00:00Z');
    staffToken = await staff();
    const done = await staffPost(`${base}/delivered`, { signedAt: '2027-04-14T06:00:00Z' }, 'del-1');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'resolved',
      resolution: 'swapped',
      workingPhoneOn: '2027-04-14',
      faultDays: 5,
      creditMinor: 4_317,
      creditedMinor: 0,
    });
    expect(await unit(spare)).toEqual({ state: 'on_rent', order_ref: orderId });
    // Monitoring follows the phone: the faulty one is released (swapped), the new one enrolled.
    await drain();
    expect(await monitoring()).toEqual({
      enrolments: [
        { imei: faultyImei, status: 'enrolled' },
        { imei: spare, status: 'pending' },
      ],
      devices: [{ imei: faultyImei, release_reason: 'swapped' }],
    });
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ enrolled: 1 });
    expect((await monitoring()).devices).toEqual([
      { imei: faultyImei, release_reason: 'swapped' },
      { imei: spare, release_reason: null },
    ]);
    t = await token();
    const after = (await kit.call(t, 'GET', `/v1/rentals/${orderId}/summary`)).json();
    expect(after.imei).toBe(spare);
    const afterOrder = (await kit.call(t, 'GET', `/v1/rentals/${orderId}`)).json();
    expect(afterOrder.openAfterSale).toBeNull();
    expect(afterOrder.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['report_fault', 'start_swap', 'complete_swap']),
    );

    // The fault is resolved, so is the ticket support opened for it (the customer may still reopen it).
    await drain();
    const resolvedTickets = await queryRows<{ state: string; stamped: boolean }>(
      s.ctx.database.db,
      sql`select state, resolved_at is not null as stamped from support_tickets where source_type = 'rental_fault' and source_id = ${fault.id}`,
    );
    expect(resolvedTickets).toEqual([{ state: 'resolved', stamped: true }]);

    // The faulty phone arrives: it goes to repair, no longer the order's.
    expect((await staffPost(`${base}/receive`, {})).json().faultyReceivedAt).not.toBeNull();
    expect(await unit(faultyImei)).toEqual({ state: 'repair', order_ref: null });
  }, 120_000);

  test('a repair brings the same IMEI back; both faults’ credits come off period 4’s rent', async () => {
    s.clock.set('2027-04-20T02:00:00Z');
    const t = await token();
    staffToken = await staff();
    const imei = (await kit.call(t, 'GET', `/v1/rentals/${orderId}/summary`)).json();
    const held: string = imei.imei;
    const fault = (
      await kit.call(t, 'POST', `/v1/rentals/${orderId}/faults`, { description: '无法充电' }, 'f-3')
    ).json();
    expect(fault).toMatchObject({ status: 'reported', faultyImei: held });
    const base = `/v1/admin/rentals/${orderId}/faults/${fault.id}`;
    expect((await staffPost(`${base}/ship-repaired`, {})).json()).toMatchObject({
      code: 'RENTAL_FAULT_STEP_NOT_ALLOWED',
    });
    expect((await staffPost(`${base}/repair`, { returnWaybillNo: 'ZS200' })).json()).toMatchObject({
      status: 'repairing',
      resolution: null,
    });
    expect(await unit(held)).toEqual({ state: 'returning', order_ref: orderId });
    await staffPost(`${base}/receive`, {});
    expect(await unit(held)).toEqual({ state: 'repair', order_ref: null });
    expect((await staffPost(`${base}/ship-repaired`, { outboundWaybillNo: 'ZS201' })).json().outboundWaybillNo).toBe(
      'ZS201',
    );
    expect(await unit(held)).toEqual({ state: 'shipped', order_ref: orderId });
    s.clock.set('2027-04-22T08:00:00Z');
    staffToken = await staff();
    // 20–22 April: 3 days of period 3 → 25,900 × 3 / 30 = ¥25.90.
    const done = await staffPost(`${base}/delivered`, { signedAt: '2027-04-22T04:00:00Z' });
    expect(done.json()).toMatchObject({ status: 'resolved', resolution: 'repaired', faultDays: 3, creditMinor: 2_590 });
    expect(await unit(held)).toEqual({ state: 'on_rent', order_ref: orderId });

    // The tick on 04-23 bills period 4 (due 04-30): ¥259.00 − ¥43.17 − ¥25.90 = ¥189.93.
    await runRentTick(s.ctx.database.db, deps(), '2027-04-23');
    const bills = (await kit.call(await token(), 'GET', `/v1/rentals/${orderId}/bills`)).json().data as {
      period: number;
      amountMinor: number;
      lines: { kind: string; amountMinor: number; description: string }[];
    }[];
    const period4 = bills.find((b) => b.period === 4);
    expect(period4?.amountMinor).toBe(18_993);
    expect(period4?.lines[0]).toMatchObject({ kind: 'rent', amountMinor: 18_993 });
    expect(period4?.lines[0]?.description).toContain('故障停机 8 天抵扣 ¥69.07');
    const faults = (await kit.call(await token(), 'GET', `/v1/rentals/${orderId}/faults`)).json().data;
    expect(faults.map((f: { creditedMinor: number }) => f.creditedMinor)).toEqual([2_590, 4_317]);
    // A second run for the date takes nothing again.
    await runRentTick(s.ctx.database.db, deps(), '2027-04-23');
    const again = (await kit.call(await token(), 'GET', `/v1/rentals/${orderId}/faults`)).json().data;
    expect(again.map((f: { creditedMinor: number }) => f.creditedMinor)).toEqual([2_590, 4_317]);
  }, 120_000);

  /** A repair from report to signature on the days given; answers the resolved fault. */
  const repairFault = async (key: string, from: string, signedOn: string) => {
    s.clock.set(`${from}T09:00:00Z`);
    staffToken = await staff();
    const fault = (
      await kit.call(await token(), 'POST', `/v1/rentals/${orderId}/faults`, { description: '无法开机' }, key)
    ).json();
    expect(fault).toMatchObject({ status: 'reported', reportedOn: from });
    const base = `/v1/admin/rentals/${orderId}/faults/${fault.id}`;
    expect((await staffPost(`${base}/repair`, {})).json().status).toBe('repairing');
    await staffPost(`${base}/receive`, {});
    await staffPost(`${base}/ship-repaired`, { outboundWaybillNo: `${key}-out` });
    s.clock.set(`${signedOn}T08:00:00Z`);
    staffToken = await staff();
    return (await staffPost(`${base}/delivered`, { signedAt: `${signedOn}T04:00:00Z` })).json();
  };
  const faultsNow = async () =>
    (await kit.call(await token(), 'GET', `/v1/rentals/${orderId}/faults`)).json().data as {
      id: string;
      creditMinor: number;
      creditedMinor: number;
    }[];
  const exitBill = async (billId: string | null) =>
    billId === null
      ? null
      : (
          await queryRows<{ amount_minor: string }>(
            s.ctx.database.db,
            sql`select amount_minor from billing_bills where id = ${billId}`,
          )
        )[0]?.amount_minor;

  test('a day two faults share is credited once; the exits take off the fault credit the customer has not received: once, and given back when the exit is abandoned', async () => {
    // A third fault reported on 22 April, the day the repaired phone was signed for, until 26 April: 22 April
    // was credited to the second fault already, so 4 new days of period 3. The order's faults cover 12 days
    // of it: 25,900 × 12 / 30 = ¥103.60, of which ¥69.07 was given, so ¥34.53 (not 5 days' ¥43.17). No bill
    // has taken it. Period 4's bill took ¥69.07, but period 4 has not begun: an exit charges it again.
    const third = await repairFault('f-4', '2027-04-22', '2027-04-26');
    expect(third).toMatchObject({ status: 'resolved', faultDays: 4, creditMinor: 3_453, creditedMinor: 0 });
    let t = await token();

    // Early return, 12-month term: min(2 × ¥259, …) = ¥518.00 − (¥34.53 + ¥69.07) = ¥414.40.
    const quote = await kit.call(t, 'POST', `/v1/rentals/${orderId}/quotes`, { kind: 'early_return' });
    expect(quote.statusCode).toBe(201);
    expect(quote.json().amountMinor).toBe(51_800 - 3_453 - 6_907);
    expect(quote.json().lines.map((l: { code: string; amountMinor: number }) => [l.code, l.amountMinor])).toEqual([
      ['early_return_fee', 51_800],
      ['fault_credit', -10_360],
    ]);
    const returned = await kit.call(
      t,
      'POST',
      `/v1/rentals/${orderId}/return`,
      { quoteId: quote.json().id, pickup: { date: '2027-04-27', slot: '09-12' } },
      'ret-f',
    );
    expect(returned.json()).toMatchObject({ status: 'return_requested', openAfterSale: 'return' });
    // Period 4's bill (¥189.93) stands; the exit bill carries the rest: ¥414.40 − ¥189.93 = ¥224.47.
    const ret = returned.json().afterSales[0];
    expect(ret).toMatchObject({ kind: 'return', amountMinor: 41_440 });
    expect(Number(await exitBill(ret.billId))).toBe(41_440 - 18_993);
    // The untaken ¥34.53 is the exit's now: no rent bill takes it again.
    expect((await faultsNow()).map((f) => f.creditedMinor)).toEqual([3_453, 2_590, 4_317]);

    // Abandoned: the credit is given back to the rent bills.
    const withdrawn = await kit.call(t, 'POST', `/v1/rentals/${orderId}/after-sale/abandon`, { kind: 'return' });
    expect(withdrawn.json()).toMatchObject({ status: 'active', openAfterSale: null });
    expect((await faultsNow()).map((f) => f.creditedMinor)).toEqual([0, 2_590, 4_317]);

    // Buyout: periods 4–12, 9 × ¥259 + ¥1,500 − ¥103.60 = ¥3,727.40; period 4's ¥189.93 stands, the exit bill
    // ¥3,537.47. In all the customer pays 9 × ¥259 − ¥103.60 of rent: the credited days are never paid again.
    t = await token();
    // The buyout waits for no overdue bill: periods 2 and 3 are paid from the wallet first.
    const wallet = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customer.customerId));
    await fundTestAccount(s.ctx.database.db, s.clock, wallet.id, 100_000);
    const unpaid = (await kit.call(t, 'GET', `/v1/rentals/${orderId}/bills?status=unpaid`)).json().data as {
      id: string;
      period: number;
      outstandingMinor: number;
    }[];
    for (const bill of unpaid.filter((b) => b.period === 2 || b.period === 3)) {
      const paid = await kit.call(t, 'POST', `/v1/bills/${bill.id}/pay`, {
        method: 'wallet',
        amountMinor: bill.outstandingMinor,
      });
      expect(paid.statusCode).toBe(201);
    }
    const buyQuote = (await kit.call(t, 'POST', `/v1/rentals/${orderId}/quotes`, { kind: 'buyout' })).json();
    expect(buyQuote.amountMinor).toBe(9 * 25_900 + 150_000 - 10_360);
    const bought = await kit.call(t, 'POST', `/v1/rentals/${orderId}/buyout`, { quoteId: buyQuote.id }, 'buy-f');
    expect(bought.json()).toMatchObject({ status: 'active', openAfterSale: 'buyout' });
    const buy = bought.json().afterSales[0];
    expect(Number(await exitBill(buy.billId))).toBe(9 * 25_900 + 150_000 - 10_360 - 18_993);
    expect((await faultsNow()).map((f) => f.creditedMinor)).toEqual([3_453, 2_590, 4_317]);
  }, 120_000);
});
