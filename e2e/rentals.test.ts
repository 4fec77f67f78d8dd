// Rental journeys (H5, issue #14): a new customer rents a phone — product page → checkout, which first
// sends them to verify their identity and back → the plan, the quote with every line, the pre-check
// and the deposit waived and held → contract signed → first payment at the sandbox cashier → the order
// shows 待发货 and its copy. Then 小张 renews his demo rental on a 30-day plan
// (in its renewal window): 7 more days quoted with lines, formula and validUntil, confirmed with
// amount, from and to, the addendum signed → the order shows the later end date.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { testIdNumber } from '@zulin/rental/testing';
import { createZulinClient } from '@zulin/sdk';
import type { Page } from 'playwright-core';
import {
  type CustomerSession,
  clickWhenStill,
  failGets,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  screenshotH5,
  serverForThisFile,
  signOpenContract,
  staffLoginAt,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(240_000);
const ZHANG_PHONE = '+8613800138000';
const SHOTS = '/tmp/shots-rental-h5';

const baseUrl = serverForThisFile();
/** 小张's session, shared by the tests: a login code can be asked for once a minute only. */
let zhangSession: CustomerSession | undefined;

/** The whole page (the app scrolls inside `.app-body`), under /tmp/shots-rental-h5. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize();
  assert.ok(original);
  const height = await page.evaluate<number>(
    `Math.max(...[...document.querySelectorAll('.app-body')].map((el) => el.scrollHeight + (window.innerHeight - el.clientHeight)), window.innerHeight)`,
  );
  await page.setViewportSize({ width: original.width, height: Math.min(height, 4000) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
  await page.setViewportSize(original);
}

test('a customer rents a phone: checkout → sign → pay at the sandbox cashier → 待发货', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    // A new customer (a mainland number ending in 0: no carrier trouble in the sandboxes).
    const phone = `+86139${String(randomInt(0, 10_000_000)).padStart(7, '0')}0`;
    const me = await loginCustomerByApi(baseUrl(), phone);
    await openH5As(page, baseUrl(), me);
    // A phone the demo stock still has (the demo rentals may take the last unit of a model within
    // their customers' credit limit): a unit in stock, its SKU's 12-month plan and its product.
    const staff = await staffLoginAt(baseUrl(), Date.now());
    const admin = createZulinClient({ baseUrl: baseUrl(), getToken: () => staff.accessToken });
    const units =
      (await admin.GET('/v1/admin/units', { params: { query: { state: 'in_stock', limit: 100 } } })).data?.data ?? [];
    let demoOrder: { skuId: string; planId: string } | undefined;
    // The cheapest first: well within a new customer's credit limit, so the decision approves.
    for (const unit of [...units].sort((a, b) => a.costMinor - b.costMinor)) {
      const plans = (await admin.GET('/v1/skus/{id}/plans', { params: { path: { id: unit.skuId } } })).data?.data ?? [];
      const plan = plans.find((p) => p.termUnit === 'month' && p.termCount === 12);
      if (plan) demoOrder = { skuId: unit.skuId, planId: plan.id };
      if (demoOrder) break;
    }
    assert.ok(demoOrder, 'no phone in stock with a 12-month plan');
    let productId: string | undefined;
    for (const card of (await admin.GET('/v1/products', { params: { query: { limit: 50 } } })).data?.data ?? []) {
      const product = await admin.GET('/v1/products/{id}', { params: { path: { id: card.id } } });
      if (product.data?.skus.some((sku) => sku.id === demoOrder?.skuId)) productId = card.id;
      if (productId) break;
    }
    assert.ok(productId, 'no product');
    await page.goto(`${baseUrl()}/products/${productId}`);
    await page.getByTestId('plans').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId('rent-now').click();
    await page.waitForURL(/\/rent\?/);
    await page.goto(`${baseUrl()}/products/${productId}/rent?sku=${demoOrder.skuId}&plan=${demoOrder.planId}`);

    // Not verified yet: the checkout sends the customer to verify and back.
    await page.waitForURL(/\/rent\?/);
    await page.getByTestId('checkout-verify').waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(page, '00-checkout-verify-first');
    await page.getByTestId('checkout-verify').click();
    await page.waitForURL(/\/me\/identity\?redirect=/);
    await page.getByTestId('identity-name').locator('input').fill('王小明');
    // Bureau score 660: 70 % of the deposit is waived, 30 % held.
    await page.getByTestId('identity-id-number').locator('input').fill(testIdNumber(660, '19900307'));
    await page.locator('button[type="submit"]').click();

    // Checkout: the 12-month plan is picked; the quote lists every line and the deposit split.
    await page.waitForURL(/\/rent\?/, { timeout: UI_TIMEOUT_MS });
    const quote = page.getByTestId('checkout-quote');
    await quote.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('checkout-precheck'), '预审通过');
    const first = (await page.getByTestId('quote-first').textContent()) ?? '';
    const deposit = (await page.getByTestId('quote-deposit').textContent()) ?? '';
    const waived = (await page.getByTestId('quote-deposit-waived').textContent()) ?? '';
    const held = (await page.getByTestId('quote-deposit-held').textContent()) ?? '';
    assert.match(first, /^¥[\d,]+\.\d{2}$/);
    const yuan = (text: string) => Number(text.replace(/[^\d.]/g, ''));
    assert.ok(Math.abs(yuan(waived) + yuan(held) - yuan(deposit)) < 0.005, `${waived} + ${held} ≠ ${deposit}`);
    assert.ok(yuan(held) > 0 && yuan(waived) > yuan(held), `waived ${waived}, held ${held}`);
    // A new customer holds no coupon: the coupon choice says so (e2e/coupons.test.ts rents with one).
    await waitForText(page.getByTestId('checkout-coupon'), '暂无可用优惠券');
    await page.getByTestId('address-name').locator('input').fill('王小明');
    await page.getByTestId('address-phone').locator('input').fill(phone.slice(3));
    await page.getByTestId('address-province').locator('input').fill('浙江省');
    await page.getByTestId('address-city').locator('input').fill('杭州市');
    await page.getByTestId('address-district').locator('input').fill('西湖区');
    await page.getByTestId('address-line').locator('input').fill('文三路 90 号');
    await shot(page, '01-checkout');
    const placing: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/v1/rentals')) placing.push(`${r.request().method()} ${r.url()} ${r.status()}`);
    });
    await page.getByTestId('checkout-submit').click();

    // The contract of the new order, then back to the order.
    await page.waitForURL(/\/contracts\/[^?]+\?back=/, { timeout: UI_TIMEOUT_MS }).catch(async (error) => {
      await shot(page, '01-checkout-after-submit');
      throw new Error(`${page.url()} ${placing.join('; ')} ${errors.join('; ')}`, {
        cause: error,
      });
    });
    await page.getByTestId('contract-sign').waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(page, '02-contract');
    await signOpenContract(page, baseUrl(), me, phone, '王小明');
    await page.waitForURL(/\/rentals\/rord_/, { timeout: UI_TIMEOUT_MS });
    const orderId = new URL(page.url()).pathname.split('/').pop() as string;
    await waitForText(page.getByTestId('rental-state'), '待支付');
    await shot(page, '03-rental-to-pay');

    // Pay: amount, from and to, and the deposit hold, before anything moves; then the cashier.
    await page.getByTestId('rental-action-pay').click();
    await waitForText(page.getByTestId('pay-amount'), first);
    await waitForText(page.getByTestId('pay-deposit'), held);
    await shot(page, '04-pay-confirm');
    await page.getByTestId('pay-submit').click();
    await page.waitForURL(/\/cashier\//, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('cashier-amount'), first);
    await shot(page, '05-cashier');
    await page.getByTestId('cashier-pay').click();
    await page.waitForURL(new RegExp(`/rentals/${orderId}`), { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('rental-state'), '待发货');
    await waitForText(page.getByTestId('rental-copy'), '已支付，1–3 个工作日内发货');
    // Paid, not shipped: no IMEI yet; the order may still be cancelled (with its refund named).
    await waitForText(page.getByTestId('rental-imei'), '发货后显示 IMEI');
    await page.getByTestId('rental-action-cancel').click();
    await waitForText(page.locator('.adm-dialog-content'), `已支付的 ${first} 将原路退回`);
    await page.getByText('再想想', { exact: true }).click();
    await shot(page, '06-rental-to-ship');

    // My rentals, from the orders tab.
    await page.goto(`${baseUrl()}/orders`);
    await page.getByTestId('rentals-entry').click();
    await page.waitForURL(/\/rentals$/);
    await page.getByTestId('rental-row').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(page, '07-rentals');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a customer renews an active rental: quote → confirm → addendum signed → the later end date', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    zhangSession ??= await loginCustomerByApi(baseUrl(), ZHANG_PHONE);
    const me = zhangSession;
    await openH5As(page, baseUrl(), me);
    await page.goto(`${baseUrl()}/rentals`);
    await page.getByTestId('rental-row').filter({ hasText: '租赁中' }).first().click();
    await page.waitForURL(/\/rentals\/rord_/);
    const dates = page.getByTestId('rental-dates');
    await dates.waitFor({ timeout: UI_TIMEOUT_MS });
    const before = (await dates.textContent()) ?? '';
    await waitForText(page.getByTestId('rental-imei'), /IMEI \d{15}/);
    await shot(page, '08-rental-renting');

    // A first renewal, dropped on the addendum's page: back on the order, 撤销续租 asks first, the order
    // rents on, and the addendum says it was withdrawn (nothing to sign).
    await page.getByTestId('rental-action-renew').click();
    await page.getByTestId('renew-months').getByText('7 天').click();
    await page.getByTestId('exit-quote').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId('exit-act').click();
    await waitForText(page.getByTestId('exit-confirm'), '收款方');
    await page.locator('.adm-dialog').getByText('确认', { exact: true }).click();
    await page.waitForURL(/\/contracts\/[^?]+\?back=/, { timeout: UI_TIMEOUT_MS });
    const droppedAddendum = new URL(page.url()).pathname;
    await page.goBack();
    await page.waitForURL(/\/rentals\/rord_/, { timeout: UI_TIMEOUT_MS });
    await page.getByTestId('rental-action-cancel_renewal').click();
    await page.getByText('撤销续租？', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByText('确认撤销', { exact: true }).click();
    await page.getByTestId('rental-action-renew').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await page.getByTestId('rental-action-cancel_renewal').count(), 0);
    await page.goto(`${baseUrl()}${droppedAddendum}`);
    await waitForText(page.getByTestId('contract-withdrawn'), '此草稿已撤销');
    // A day plan's renewal reads in days at the daily rent, with its total (it read 租期（月）1 · 月租金).
    const terms = page.getByTestId('contract-terms');
    await waitForText(terms, '租期（天）');
    await waitForText(terms, '日租金');
    await waitForText(terms, '续租费用合计');
    await waitForText(terms, '续租起始日');
    assert.equal(await terms.getByText('租期（月）').count(), 0);
    assert.equal(await terms.getByText('月租金').count(), 0);
    assert.equal(await page.getByTestId('contract-sign').count(), 0);
    await shot(page, '09-renew-withdrawn');
    await page.goBack();
    await page.waitForURL(/\/rentals\/rord_/, { timeout: UI_TIMEOUT_MS });

    await page.getByTestId('rental-action-renew').click();
    await page.getByTestId('renew-months').getByText('7 天').click();
    const quote = page.getByTestId('exit-quote');
    await quote.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('exit-quote-valid'), '报价有效期至');
    assert.ok(((await page.getByTestId('exit-quote-formula').textContent()) ?? '').length > 6);
    const amount = (await page.getByTestId('exit-quote-amount').textContent()) ?? '';
    await shot(page, '10-renew-quote');
    await page.getByTestId('exit-act').click();
    const confirm = page.getByTestId('exit-confirm');
    await waitForText(confirm, amount);
    await waitForText(confirm, '收款方');
    await shot(page, '11-renew-confirm');
    await page.locator('.adm-dialog').getByText('确认', { exact: true }).click();

    // The addendum, signed; back on the order the end date is 7 days later.
    await page.waitForURL(/\/contracts\/[^?]+\?back=/, { timeout: UI_TIMEOUT_MS });
    await page.getByTestId('contract-sign').waitFor({ timeout: UI_TIMEOUT_MS });
    await signOpenContract(page, baseUrl(), me, ZHANG_PHONE, '张三丰');
    await page.waitForURL(/\/rentals\/rord_/, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('rental-term'), '30 天 + 7 天');
    const after = (await dates.textContent()) ?? '';
    const end = (text: string) => text.match(/至 (\S+)$/)?.[1] ?? '';
    const dayOf = (text: string) => Date.parse(end(text).replaceAll('/', '-'));
    assert.equal((dayOf(after) - dayOf(before)) / 86_400_000, 7, `${before} → ${after}`);
    await shot(page, '12-rental-renewed');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the checkout says which read failed — the customer, then the plans — and each retry brings the page back', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    zhangSession ??= await loginCustomerByApi(baseUrl(), ZHANG_PHONE);
    await openH5As(page, baseUrl(), zhangSession);
    // Any phone offered with an active version (小张 is verified: with the reads answered he sees the form).
    const client = createZulinClient({ baseUrl: baseUrl(), getToken: () => zhangSession?.accessToken ?? '' });
    let target: { productId: string; skuId: string } | undefined;
    for (const card of (await client.GET('/v1/products', { params: { query: { limit: 50 } } })).data?.data ?? []) {
      const product = await client.GET('/v1/products/{id}', { params: { path: { id: card.id } } });
      const sku = product.data?.skus.find((s) => s.active);
      if (sku) target = { productId: card.id, skuId: sku.id };
      if (target) break;
    }
    assert.ok(target, 'no product with an active version');
    const restoreMe = await failGets(page, '/v1/me', { status: 500, code: 'INTERNAL', requestId: 'req_e2e_me' });
    const restorePlans = await failGets(page, /^\/v1\/skus\/[^/]+\/plans$/, {
      status: 500,
      code: 'INTERNAL',
      requestId: 'req_e2e_plans',
    });
    await page.goto(`${baseUrl()}/products/${target.productId}/rent?sku=${target.skuId}`);
    await waitForText(page.getByTestId('error-state'), '账户信息加载失败，暂时无法下单');
    await waitForText(page.getByTestId('error-details'), 'req_e2e_me');
    assert.equal(await page.getByTestId('checkout-product').count(), 0);
    await screenshotH5(page, 'h5-checkout-customer-failed');
    await page.evaluate(`localStorage.setItem('zulin.h5.lang', 'en')`);
    await page.reload();
    await waitForText(page.getByTestId('error-state'), 'Could not load your account');
    await screenshotH5(page, 'h5-checkout-customer-failed-en');
    await page.evaluate(`localStorage.setItem('zulin.h5.lang', 'zh-CN')`);
    await page.reload();
    await waitForText(page.getByTestId('checkout-me-retry'), '重试');
    // The customer answers again; the plans still fail: the page now says so.
    await restoreMe();
    await clickWhenStill(page.getByTestId('checkout-me-retry'));
    await waitForText(page.getByTestId('error-state'), '租期方案加载失败');
    await waitForText(page.getByTestId('error-details'), 'req_e2e_plans');
    await screenshotH5(page, 'h5-checkout-plans-failed');
    await restorePlans();
    await clickWhenStill(page.getByTestId('checkout-plans-retry'));
    await page.getByTestId('checkout-product').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await page.getByTestId('error-state').count(), 0);
    assert.deepEqual(
      errors.filter((e) => !(e.includes('status of 500') && /\/v1\/(me|skus\/[^/]+\/plans)\)$/.test(e))),
      [],
    );
  } finally {
    await browser.close();
  }
});
