// Faults during a rental (issue #14): 小张 reports a fault on his renting demo phone from the H5 order
// page (报修 → the fault form), the order page lists it as 已报修; staff open the order in the console,
// swap the phone from the fault panel by scanning a phone of the same model in stock (the dialog says
// which phone goes where) and confirm the customer signed for it; 小张's order page then shows the new
// IMEI and the rent not charged. Screenshots under /tmp/shots-rental-fault.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import {
  clickWhenStill,
  DESKTOP_VIEWPORT,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  serverForThisFile,
  settle,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(300_000);
const ZHANG_PHONE = '+8613800138000';
const SHOTS = process.env.ZULIN_SHOTS_DIR ?? '/tmp/shots-rental-fault';

const baseUrl = serverForThisFile();

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

test('小张 reports a fault; staff swap the phone; the new IMEI and the rent credit show on his order', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const session = await loginCustomerByApi(baseUrl(), ZHANG_PHONE);
  const client = createZulinClient({ baseUrl: baseUrl(), getToken: () => session.accessToken });
  const orders = (await client.GET('/v1/rentals', { params: { query: {} } })).data?.data ?? [];
  const renting = orders.find((o) => o.status === 'active' && o.actions.includes('report_fault'));
  assert.ok(renting, '小张 has no renting demo order');
  const before = (await client.GET('/v1/rentals/{id}/summary', { params: { path: { id: renting.id } } })).data;
  assert.ok(before?.imei, 'the renting order shows its IMEI');

  // H5: 报修 → the fault form → submitted; the order page lists the fault.
  const phone = await openBrowser(PHONE_VIEWPORT);
  try {
    await openH5As(phone.page, baseUrl(), session);
    await phone.page.goto(`${baseUrl()}/rentals/${renting.id}`);
    await phone.page.getByTestId('rental-action-report_fault').click();
    await phone.page.getByTestId('fault-form').waitFor({ timeout: UI_TIMEOUT_MS });
    await phone.page.getByTestId('fault-description').locator('textarea').fill('屏幕闪烁，触摸失灵');
    // A photo of the screen, uploaded before the form is sent.
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } })
      .png()
      .toBuffer();
    await phone.page
      .getByTestId('fault-form')
      .locator('input[type=file]')
      .setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: png });
    await phone.page.locator('.adm-image-uploader-cell-image').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(phone.page, '01-h5-fault-form');
    await phone.page.getByTestId('fault-submit').click();
    await waitForText(phone.page.getByTestId('rental-fault-status'), '已报修');
    await shot(phone.page, '02-h5-fault-reported');
    assert.deepEqual(phone.errors, []);
  } finally {
    await phone.close();
  }

  // Console: the fault panel, a swap to a phone of the same model in stock, then signed for.
  const desk = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const staffToken = await signInStaffByApi(desk.page, baseUrl());
    const staff = createZulinClient({ baseUrl: baseUrl(), getToken: () => staffToken });
    const spare = (
      await staff.GET('/v1/admin/units', { params: { query: { skuId: renting.skuId, state: 'in_stock', limit: 5 } } })
    ).data?.data[0];
    assert.ok(spare, 'a phone of the same model in stock');
    await desk.page.goto(`${baseUrl()}/admin/orders/${renting.id}`);
    await desk.page.getByTestId('order-faults').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(desk.page.getByTestId('order-fault-status'), '已报修');
    // The customer's photo is read with the staff token and shown (a plain link answered 401).
    const photo = desk.page.getByTestId('order-fault-photo').first();
    await photo.waitFor({ timeout: UI_TIMEOUT_MS });
    const width = await settle(
      // antd's Image puts the test id on its wrapper or on the <img>, by version.
      () =>
        photo.evaluate(
          (el: { naturalWidth?: number; querySelector(selector: string): { naturalWidth: number } | null }) =>
            el.naturalWidth ?? el.querySelector('img')?.naturalWidth ?? 0,
        ),
      (w) => w === 64,
    );
    await shot(desk.page, '03a-console-fault-photo');
    assert.equal(width, 64, `the fault photo did not load (${width} px wide)`);
    await desk.page.getByTestId('order-fault-swap').click();
    await desk.page.getByTestId('order-fault-imei').fill(spare.imei);
    await waitForText(desk.page.getByTestId('order-fault-moves'), spare.imei);
    await shot(desk.page, '03-console-swap-dialog');
    await clickWhenStill(desk.page.getByTestId('order-fault-confirm'));
    await waitForText(desk.page.getByTestId('order-fault-status'), '换机中');
    await waitForText(desk.page.getByTestId('order-fault-replacement'), spare.imei);
    await desk.page.getByTestId('order-fault-delivered').click();
    await clickWhenStill(desk.page.getByTestId('order-fault-confirm'));
    await waitForText(desk.page.getByTestId('order-fault-status'), '已解决');
    await shot(desk.page, '04-console-fault-resolved');
    assert.deepEqual(desk.errors, []);
  } finally {
    await desk.close();
  }

  // The customer's order: the new IMEI, the fault resolved with the rent not charged.
  const after = (await client.GET('/v1/rentals/{id}/summary', { params: { path: { id: renting.id } } })).data;
  assert.notEqual(after?.imei, before.imei);
  const faults = (await client.GET('/v1/rentals/{id}/faults', { params: { path: { id: renting.id } } })).data?.data;
  assert.equal(faults?.[0]?.status, 'resolved');
  assert.equal(faults?.[0]?.faultDays, 1);
  const back = await openBrowser(PHONE_VIEWPORT);
  try {
    await openH5As(back.page, baseUrl(), session);
    await back.page.goto(`${baseUrl()}/rentals/${renting.id}`);
    await waitForText(back.page.getByTestId('rental-imei'), after?.imei ?? '');
    await waitForText(back.page.getByTestId('rental-fault-status'), '已解决');
    await waitForText(back.page.getByTestId('rental-fault-replacement'), after?.imei ?? '');
    await shot(back.page, '05-h5-new-imei');
    assert.deepEqual(back.errors, []);
  } finally {
    await back.close();
  }
});
