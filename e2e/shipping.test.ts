// Shipping journey (issue #14): a customer's rental is placed, signed and paid through the API; the
// operator finds it on the console's shipping desk, scans a phone of another model (refused, named),
// then the reserved phone's IMEI, and the waybill is created and the label opens. The sandbox test
// clock then moves two days: the sandbox courier pushes its signed scans to the webhook, the parcel
// is signed for, the order is delivered with the rent from the next day, and the shipments page shows
// the tracking timeline.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import type { Page } from 'playwright-core';
import {
  DESKTOP_VIEWPORT,
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
const SHOTS = '/tmp/shots-shipping';
const baseUrl = serverForThisFile();

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

test('the desk ships a paid rental, the label opens, the test clock delivers it', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const consoleBrowser = await openBrowser({ ...DESKTOP_VIEWPORT });
  try {
    const { page, errors } = consoleBrowser;
    let staffToken = await signInStaffByApi(page, baseUrl());
    const staff = () => createZulinClient({ baseUrl: baseUrl(), getToken: () => staffToken });

    // A phone in stock, and one of another SKU for the wrong scan.
    const units = (await staff().GET('/v1/admin/units', { params: { query: { state: 'in_stock', limit: 100 } } })).data
      ?.data;
    assert.ok(units && units.length > 1, 'the demo has no phones in stock');
    const first = units[0] as (typeof units)[number];
    const other = units.find((u) => u.skuId !== first.skuId);
    assert.ok(other, 'the demo has phones of one SKU only');
    const plans = (await staff().GET('/v1/skus/{id}/plans', { params: { path: { id: first.skuId } } })).data;
    const plan = plans?.data.find((p) => p.termUnit === 'month') ?? plans?.data[0];
    assert.ok(plan, 'the SKU has no plan');

    // The customer: verified, places the order, signs, pays at the sandbox cashier.
    const { orderId } = await placePaidRentalByApi(baseUrl(), {
      skuId: first.skuId,
      planId: plan.id,
      name: '王小明',
      addressLine: '世纪大道 100 号',
    });

    // The shipping desk: the order waits, named by product and masked recipient.
    await page.goto(`${baseUrl()}/admin/logistics/desk`);
    const row = page.getByTestId(`ship-${orderId}`);
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('shipping-queue'), '王*明');
    await shot(page, 'desk-queue');
    await row.click();
    // A phone of another model: refused by name, nothing shipped.
    await page.getByTestId('imei-input').fill(other.imei);
    await page.locator('#ship-confirm').click();
    await waitForText(page.getByTestId('ship-problem'), /SKU/);
    await shot(page, 'desk-wrong-sku');
    const queue = (await staff().GET('/v1/admin/shipments/queue')).data?.data ?? [];
    const reserved = queue.find((e) => e.orderId === orderId)?.reservedImei;
    assert.ok(reserved, 'the order holds no phone');
    await page.getByTestId('imei-input').fill(reserved);
    await page.locator('#ship-confirm').click();
    const waybill = page.getByTestId('shipped-waybill');
    await waybill.waitFor({ timeout: UI_TIMEOUT_MS });
    const waybillNo = (await waybill.textContent())?.trim() ?? '';
    assert.match(waybillNo, /^ZS[0-9]{9}CN$/);
    await shot(page, 'desk-shipped');

    // The label opens in a new tab as a PDF.
    const [labelTab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('open-label').click()]);
    await labelTab.waitForLoadState();
    assert.match(labelTab.url(), /^blob:/);
    await labelTab.close();
    const shipment = (await staff().GET('/v1/admin/shipments', { params: { query: { orderId } } })).data?.data[0];
    assert.ok(shipment, 'no shipment listed');
    const label = await fetch(`${baseUrl()}/v1/admin/shipments/${shipment.id}/label.pdf`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    assert.equal(label.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await label.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );

    // The test clock moves two days: Beijing → Shanghai takes two, the courier signs it over (one more
    // day when the desk shipped after the day's last collection window, 18:00 in the business zone).
    const advance = async (days: number) => {
      const moved = await staff().POST('/v1/sandbox/clock', { body: { advanceDays: days } });
      assert.ok(moved.data?.completed, `clock: ${JSON.stringify(moved.data?.failed ?? moved.error)}`);
      const serverNow = Date.parse(moved.data.now);
      const startedAt = Date.now();
      staffToken = await signInStaffAt(page, baseUrl(), serverNow + (Date.now() - startedAt));
    };
    const readOrder = async () =>
      (await staff().GET('/v1/admin/rentals/{id}', { params: { path: { id: orderId } } })).data;
    const isDelivered = (o: Awaited<ReturnType<typeof readOrder>>) =>
      o?.status === 'delivered' || o?.status === 'active';
    await advance(2);
    let delivered = await settle(readOrder, isDelivered);
    if (!isDelivered(delivered)) {
      await advance(1);
      delivered = await settle(readOrder, isDelivered);
    }
    assert.ok(delivered && ['delivered', 'active'].includes(delivered.status), `order is ${delivered?.status}`);
    assert.ok(delivered.rentStartDate, 'no rent start date');

    // The shipments page: delivered, with the courier's timeline.
    await page.goto(`${baseUrl()}/admin/logistics/shipments`);
    await waitForText(page.getByTestId('shipments-table'), waybillNo);
    await waitForText(page.getByTestId('shipments-table'), '已签收');
    await shot(page, 'shipments-list');
    await page.getByText(waybillNo).first().click();
    await waitForText(page.getByTestId('tracking-timeline'), '签收');
    await page.screenshot({ path: `${SHOTS}/shipment-timeline.png`, animations: 'disabled' });
    // The wrong-SKU scan's 422 is the one failed request the browser logs, on purpose.
    assert.deepEqual(
      errors.filter((e) => !e.includes('status of 422')),
      [],
    );
  } finally {
    await consoleBrowser.close();
  }
});
