// The customer's parcel tracking (issue #14): 小张 opens his demo rental that the sandbox courier
// delivered and sees the 物流跟踪 card — the carrier, the waybill, the state 已签收 and the courier's
// scans in Beijing time, newest first. Screenshot under /tmp/shots-parcel-tracking.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import {
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  serverForThisFile,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const ZHANG_PHONE = '+8613800138000';
const SHOTS = '/tmp/shots-parcel-tracking';
const baseUrl = serverForThisFile();

test('the H5 order page shows the delivered parcel’s tracking timeline', { timeout: patience(240_000) }, async () => {
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    const me = await loginCustomerByApi(baseUrl(), ZHANG_PHONE);
    await openH5As(page, baseUrl(), me);
    await page.goto(`${baseUrl()}/rentals`);
    await page.getByTestId('rental-row').filter({ hasText: '租赁中' }).first().click();
    await page.waitForURL(/\/rentals\/rord_/);
    const parcels = page.getByTestId('rental-parcels');
    await parcels.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(parcels, '物流跟踪');
    const outbound = page.getByTestId('rental-parcel').filter({ hasText: '发货包裹' }).first();
    await waitForText(outbound.getByTestId('rental-parcel-state'), '已签收');
    await waitForText(outbound.getByTestId('rental-parcel-waybill'), /运单号 ZS\d{9}CN/);
    const text = (await outbound.textContent()) ?? '';
    assert.match(text, /签收/);
    assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, 'scans carry their Beijing time');
    mkdirSync(SHOTS, { recursive: true });
    await parcels.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/01-parcel-tracking.png` });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
