// Coupons on the H5 app (issue #14's checkout coupon field): a new, verified customer redeems WELCOME50
// (demo seed: ¥50 off a first payment of ¥300 or more, first order only) on 我的优惠券, picks it at
// checkout — the quote shows the ¥50.00 discount line and the first payment ¥50.00 lower — places,
// signs and pays: the cashier asks for the discounted first payment, to the cent; 我的优惠券 then
// shows the coupon 已使用. Screenshots under /tmp/shots-coupons.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { formatCny } from '@zulin/kernel';
import { testIdNumber } from '@zulin/rental/testing';
import { createZulinClient } from '@zulin/sdk';
import type { Page } from 'playwright-core';
import {
  clickWhenStill,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  serverForThisFile,
  signOpenContract,
  staffLoginAt,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(300_000);
const SHOTS = '/tmp/shots-coupons';
const baseUrl = serverForThisFile();
const yuan = (minor: number) => formatCny(minor, 'zh-CN');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('redeem WELCOME50 on 我的优惠券, rent with it, the cashier asks for the discounted first payment', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    const phone = `+86139${String(randomInt(0, 10_000_000)).padStart(7, '0')}0`;
    const me = await loginCustomerByApi(baseUrl(), phone);
    const client = createZulinClient({ baseUrl: baseUrl(), getToken: () => me.accessToken });
    const verified = await client.POST('/v1/me/identity', {
      body: { name: '王小明', idNumber: testIdNumber(660, `1990${String(randomInt(1, 13)).padStart(2, '0')}11`) },
    });
    assert.ok(verified.data, JSON.stringify(verified.error));
    // A phone in stock with a 12-month plan of at least ¥300.00 a month (WELCOME50's threshold).
    const staff = await staffLoginAt(baseUrl(), Date.now());
    const admin = createZulinClient({ baseUrl: baseUrl(), getToken: () => staff.accessToken });
    const units =
      (await admin.GET('/v1/admin/units', { params: { query: { state: 'in_stock', limit: 100 } } })).data?.data ?? [];
    let chosen: { skuId: string; planId: string; rentMinor: number } | undefined;
    for (const unit of [...units].sort((a, b) => a.costMinor - b.costMinor)) {
      const plans = (await admin.GET('/v1/skus/{id}/plans', { params: { path: { id: unit.skuId } } })).data?.data ?? [];
      const plan = plans.find((p) => p.termUnit === 'month' && p.termCount === 12 && p.rentMinor >= 30_000);
      if (plan) chosen = { skuId: unit.skuId, planId: plan.id, rentMinor: plan.rentMinor };
      if (chosen) break;
    }
    assert.ok(chosen, 'no phone in stock with a 12-month plan of ¥300 or more');
    let productId: string | undefined;
    for (const card of (await admin.GET('/v1/products', { params: { query: { limit: 50 } } })).data?.data ?? []) {
      const product = await admin.GET('/v1/products/{id}', { params: { path: { id: card.id } } });
      if (product.data?.skus.some((sku) => sku.id === chosen?.skuId)) productId = card.id;
      if (productId) break;
    }
    assert.ok(productId, 'no product');

    // 我的 → 我的优惠券: redeem WELCOME50.
    await openH5As(page, baseUrl(), me);
    await page.goto(`${baseUrl()}/me`);
    await clickWhenStill(page.getByTestId('me-coupons'));
    await page.waitForURL(/\/me\/coupons$/);
    await page.getByTestId('coupon-code').locator('input').fill('welcome50');
    await clickWhenStill(page.getByTestId('coupon-redeem-submit'));
    const entry = page.getByTestId('coupon-entry').first();
    await waitForText(entry, '新人满300减50');
    await waitForText(entry, '可用');
    await waitForText(entry, '满¥300.00减¥50.00');
    await shot(page, '01-my-coupons');

    // Checkout: pick the coupon; the quote shows the discount line and the lower first payment.
    await page.goto(`${baseUrl()}/products/${productId}/rent?sku=${chosen.skuId}&plan=${chosen.planId}`);
    await page.getByTestId('checkout-quote').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('quote-first'), yuan(chosen.rentMinor));
    await clickWhenStill(page.getByTestId('checkout-coupon').getByText('新人满300减50'));
    await waitForText(page.getByTestId('quote-discount'), `−${yuan(5_000)}`);
    const first = yuan(chosen.rentMinor - 5_000);
    await waitForText(page.getByTestId('quote-first'), first);
    await waitForText(page.getByTestId('checkout-coupon'), `优惠 −${yuan(5_000)}`);
    await page.getByTestId('address-name').locator('input').fill('王小明');
    await page.getByTestId('address-phone').locator('input').fill(phone.slice(3));
    await page.getByTestId('address-province').locator('input').fill('浙江省');
    await page.getByTestId('address-city').locator('input').fill('杭州市');
    await page.getByTestId('address-district').locator('input').fill('西湖区');
    await page.getByTestId('address-line').locator('input').fill('文三路 90 号');
    await shot(page, '02-checkout-with-coupon');
    await clickWhenStill(page.getByTestId('checkout-submit'));

    await page.waitForURL(/\/contracts\/[^?]+\?back=/, { timeout: UI_TIMEOUT_MS });
    await page.getByTestId('contract-sign').waitFor({ timeout: UI_TIMEOUT_MS });
    await signOpenContract(page, baseUrl(), me, phone, '王小明');
    await page.waitForURL(/\/rentals\/rord_/, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('rental-state'), '待支付');
    await clickWhenStill(page.getByTestId('rental-action-pay'));
    await waitForText(page.getByTestId('pay-amount'), first);
    await clickWhenStill(page.getByTestId('pay-submit'));
    await page.waitForURL(/\/cashier\//, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('cashier-amount'), first);
    await shot(page, '03-cashier-discounted');

    // The coupon is now used by the order.
    await page.goto(`${baseUrl()}/me/coupons`);
    await waitForText(page.getByTestId('coupon-entry').first(), '已使用');
    await shot(page, '04-my-coupons-used');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
