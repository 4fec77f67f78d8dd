// Lost parcel journey (issue #14, the operator's side): a paid rental ships to an address whose line
// carries the sandbox courier's `#lose` knob; the sandbox test clock moves four days, the courier pushes
// COLLECTED, DEPARTED and then LOST, which flags the parcel (carrier_lost) and tells the customer once.
// Staff open the shipping desk, see it on the 丢失处理 card, confirm it lost with a reason, then 补发
// another phone of the SKU after the dialog; the new waybill is announced, the decided parcel leaves the
// card, and the order's new outbound parcel is live. Screenshots of the card in zh-CN.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import type { Page } from 'playwright-core';
import {
  DESKTOP_VIEWPORT,
  loginCustomerByApi,
  openBrowser,
  patience,
  placePaidRentalByApi,
  serverForThisFile,
  settle,
  signInStaffAt,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(300_000);
const SHOTS = '/tmp/shots-lost-parcels';
const baseUrl = serverForThisFile();

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

test('the courier loses a parcel; the desk confirms it lost and sends another phone (补发)', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const consoleBrowser = await openBrowser({ ...DESKTOP_VIEWPORT });
  try {
    const { page, errors } = consoleBrowser;
    let staffToken = await signInStaffByApi(page, baseUrl());
    const staff = () => createZulinClient({ baseUrl: baseUrl(), getToken: () => staffToken });

    // A SKU with at least two phones in stock: one reserved by the order, one for the 补发.
    const units = (await staff().GET('/v1/admin/units', { params: { query: { state: 'in_stock', limit: 100 } } })).data
      ?.data;
    assert.ok(units && units.length > 1, 'the demo has no phones in stock');
    const bySku = new Map<string, number>();
    for (const u of units) bySku.set(u.skuId, (bySku.get(u.skuId) ?? 0) + 1);
    const skuId = [...bySku.entries()].find(([, n]) => n >= 2)?.[0];
    assert.ok(skuId, 'no SKU has two phones in stock');
    const plans = (await staff().GET('/v1/skus/{id}/plans', { params: { path: { id: skuId } } })).data;
    const plan = plans?.data.find((p) => p.termUnit === 'month') ?? plans?.data[0];
    assert.ok(plan, 'the SKU has no plan');

    // The customer: verified, places the order to an address carrying the courier's #lose knob, pays.
    const { orderId, phone } = await placePaidRentalByApi(baseUrl(), {
      skuId: skuId,
      planId: plan.id,
      name: '赵丽',
      addressLine: '世纪大道 100 号 #lose',
    });

    // Shipped with the reserved phone (the shipping journey tests the desk's scan: e2e/shipping.test.ts).
    const queue = (await staff().GET('/v1/admin/shipments/queue')).data?.data ?? [];
    const reserved = queue.find((e) => e.orderId === orderId)?.reservedImei;
    assert.ok(reserved, 'the order holds no phone');
    const shipped = await staff().POST('/v1/admin/shipments', {
      body: { orderId, imei: reserved },
      headers: { 'idempotency-key': `ship-${orderId}` },
    });
    assert.ok(shipped.data, `ship: ${JSON.stringify(shipped.error)}`);
    const lostWaybillNo = shipped.data.shipment.waybillNo;

    // The test clock moves four days: collected, departed, then LOST three days later.
    const advance = async (days: number) => {
      const moved = await staff().POST('/v1/sandbox/clock', { body: { advanceDays: days } });
      assert.ok(moved.data?.completed, `clock: ${JSON.stringify(moved.data?.failed ?? moved.error)}`);
      staffToken = await signInStaffAt(page, baseUrl(), Date.parse(moved.data.now));
    };
    const firstParcel = async () =>
      (await staff().GET('/v1/admin/shipments', { params: { query: { orderId } } })).data?.data.find(
        (p) => p.waybillNo === lostWaybillNo,
      );
    await advance(4);
    let flagged = await settle(firstParcel, (p) => p?.suspectedLostReason === 'carrier_lost');
    if (flagged?.suspectedLostReason !== 'carrier_lost') {
      await advance(1);
      flagged = await settle(firstParcel, (p) => p?.suspectedLostReason === 'carrier_lost');
    }
    assert.ok(flagged, 'the parcel is not listed');
    assert.equal(flagged.suspectedLostReason, 'carrier_lost', `the parcel is ${flagged.state}`);
    // The customer was told once: 物流异常，我们正在与快递公司核实 (signed in again: the clock moved on).
    const later = await loginCustomerByApi(baseUrl(), phone);
    const customerLater = createZulinClient({ baseUrl: baseUrl(), getToken: () => later.accessToken });
    const inbox = await settle(
      async () =>
        (await customerLater.GET('/v1/me/notifications')).data?.data.filter(
          (m) => m.template === 'logistics.parcel_suspected_lost',
        ) ?? [],
      (list) => list.length > 0,
    );
    assert.equal(inbox.length, 1);

    // The desk: the 丢失处理 card shows the flagged parcel.
    await page.goto(`${baseUrl()}/admin/logistics/desk`);
    const card = page.getByTestId('lost-parcels');
    await waitForText(card, lostWaybillNo);
    await waitForText(card, '快递报告丢失');
    await page.getByTestId('lost-parcels').scrollIntoViewIfNeeded();
    await shot(page, 'lost-card-flagged');

    // 确认丢失, with a reason, in its dialog.
    await page.getByTestId(`confirm-lost-${flagged.id}`).click();
    await page.getByTestId('lost-reason').fill('快递公司确认运输途中遗失');
    await page.locator('#lost-action-ok').click();
    const reshipButton = page.getByTestId(`reship-${flagged.id}`);
    await reshipButton.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(card, '已确认丢失');
    await shot(page, 'lost-card-confirmed');

    // 补发 with another phone of the SKU, after the dialog says what it will do.
    const spare = (
      await staff().GET('/v1/admin/units', { params: { query: { state: 'in_stock', limit: 100 } } })
    ).data?.data.find((u) => u.skuId === skuId && u.imei !== reserved);
    assert.ok(spare, 'no other phone of the SKU in stock');
    await reshipButton.click();
    await waitForText(page.getByTestId('lost-action-effect'), '补发');
    await page.getByTestId('reship-imei').fill(spare.imei);
    await shot(page, 'lost-reship-dialog');
    await page.locator('#lost-action-ok').click();
    // The new waybill is announced, and the decided parcel leaves the card.
    const announced = page.getByText(/已发货，运单号 ZS[0-9]{9}CN/);
    await announced.waitFor({ timeout: UI_TIMEOUT_MS });
    const newWaybillNo = /ZS[0-9]{9}CN/.exec((await announced.textContent()) ?? '')?.[0];
    assert.ok(newWaybillNo && newWaybillNo !== lostWaybillNo, `new waybill ${newWaybillNo}`);
    await page.getByTestId(`reship-${flagged.id}`).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await shot(page, 'lost-card-after-reship');

    const parcels = (await staff().GET('/v1/admin/shipments', { params: { query: { orderId } } })).data?.data ?? [];
    const byWaybill = new Map(parcels.map((p) => [p.waybillNo, p]));
    assert.equal(byWaybill.get(lostWaybillNo)?.state, 'lost');
    assert.equal(byWaybill.get(lostWaybillNo)?.lostSettlement, 'reshipped');
    assert.equal(byWaybill.get(newWaybillNo)?.state, 'created');
    assert.equal(byWaybill.get(newWaybillNo)?.summary.imei, spare.imei);
    const order = (await staff().GET('/v1/admin/rentals/{id}', { params: { path: { id: orderId } } })).data;
    assert.equal(order?.status, 'shipped');
    assert.deepEqual(errors, []);
  } finally {
    await consoleBrowser.close();
  }
});
