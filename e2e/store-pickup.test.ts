// Store pick-up (门店自提, issue #14): a verified customer checks out in the H5 app choosing 门店自提 at
// the Shanghai Jing'an store, signs and pays (API); the desk ships the order through the store carrier
// (API); on the console's 门店自提 page the store scans the arrival; the customer sees the pick-up code
// in the H5 messages; the staff type it into the hand-over; the H5 order shows 待起租 (delivered, rent
// from the next day).
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { testIdNumber } from '@zulin/rental/testing';
import { createZulinClient } from '@zulin/sdk';
import type { Page } from 'playwright-core';
import {
  CALLBACK_RETRY_WAIT_MS,
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
const SHOTS = '/tmp/shots-store-pickup';
const baseUrl = serverForThisFile();

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

test('checkout with 门店自提, the store receives, the code hands the phone over, H5 shows 待起租', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const h5 = await openBrowser(PHONE_VIEWPORT);
  const desk = await openBrowser({ ...DESKTOP_VIEWPORT });
  try {
    const staffToken = await signInStaffByApi(desk.page, baseUrl());
    const staff = createZulinClient({ baseUrl: baseUrl(), getToken: () => staffToken });
    const units = (await staff.GET('/v1/admin/units', { params: { query: { state: 'in_stock', limit: 100 } } })).data
      ?.data;
    assert.ok(units && units.length > 0, 'the demo has no phones in stock');
    const unit = units[0] as (typeof units)[number];
    const plans = (await staff.GET('/v1/skus/{id}/plans', { params: { path: { id: unit.skuId } } })).data?.data ?? [];
    const plan = plans.find((p) => p.termUnit === 'month') ?? plans[0];
    assert.ok(plan, 'the SKU has no plan');
    let productId: string | undefined;
    for (const card of (await staff.GET('/v1/products', { params: { query: { limit: 50 } } })).data?.data ?? []) {
      const product = await staff.GET('/v1/products/{id}', { params: { path: { id: card.id } } });
      if (product.data?.skus.some((sku) => sku.id === unit.skuId)) productId = card.id;
      if (productId) break;
    }
    assert.ok(productId, 'no product');

    // The customer, verified (score 700: the deposit waived), checks out in the H5 app.
    const phone = `+86139${String(randomInt(0, 10_000_000)).padStart(7, '0')}0`;
    const me = await loginCustomerByApi(baseUrl(), phone);
    const customer = createZulinClient({ baseUrl: baseUrl(), getToken: () => me.accessToken });
    const verified = await customer.POST('/v1/me/identity', {
      body: { name: '王小明', idNumber: testIdNumber(700, `19${80 + randomInt(0, 15)}0${1 + randomInt(0, 9)}15`) },
    });
    assert.ok(verified.data, `identity: ${JSON.stringify(verified.error)}`);
    const { page } = h5;
    await openH5As(page, baseUrl(), me);
    await page.goto(`${baseUrl()}/products/${productId}/rent?sku=${unit.skuId}&plan=${plan.id}`);
    await page.getByTestId('checkout-delivery').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId('checkout-delivery').getByText('门店自提').first().click();
    await page.getByTestId('checkout-delivery').getByText('上海静安门店').click();
    await page.getByTestId('address-name').locator('input').fill('王小明');
    await page.getByTestId('address-phone').locator('input').fill(phone.slice(3));
    await page.getByTestId('address-province').locator('input').fill('上海市');
    await page.getByTestId('address-city').locator('input').fill('上海市');
    await page.getByTestId('address-district').locator('input').fill('浦东新区');
    await page.getByTestId('address-line').locator('input').fill('世纪大道 100 号');
    await page.getByTestId('checkout-quote').waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(page, '01-checkout-store');
    await page.getByTestId('checkout-submit').click();
    await page.waitForURL(/\/contracts\//, { timeout: UI_TIMEOUT_MS });
    const orders = (await customer.GET('/v1/rentals', { params: { query: { limit: 1 } } })).data?.data ?? [];
    const order = orders[0];
    assert.ok(order, 'no order placed');
    assert.equal(order.pickupStoreCode, 'SH-JA01');
    const orderId = order.id;
    const contractId = order.contractId;
    assert.ok(contractId, 'no contract');

    // Signed and paid through the API (the rental journey tests those screens).
    await customer.POST('/v1/contracts/{id}/sign-codes', { params: { path: { id: contractId } } });
    const sms = await customer.GET('/v1/sandbox/sms', { params: { query: { phone } } });
    const signCode = sms.data?.data.find((m) => m.text.includes(contractId))?.code ?? sms.data?.data[0]?.code;
    assert.ok(signCode, 'no signing code');
    const signed = await customer.POST('/v1/rentals/{id}/sign', {
      params: { path: { id: orderId } },
      body: { code: signCode, signature: { kind: 'typed', name: '王小明' } },
    });
    assert.ok(signed.data, `sign: ${JSON.stringify(signed.error)}`);
    const pay = await customer.POST('/v1/rentals/{id}/pay', {
      params: { path: { id: orderId } },
      body: { channel: 'wechatpay' },
    });
    assert.ok(pay.data, `pay: ${JSON.stringify(pay.error)}`);
    const tradeId = pay.data.channelPayment?.cashierUrl?.split('/').at(-1);
    assert.ok(tradeId, 'no cashier');
    await customer.POST('/v1/sandbox/payments/cashier/{tradeId}/{outcome}', {
      params: { path: { tradeId, outcome: 'pay' } },
    });
    const paid = await settle(
      async () => (await customer.GET('/v1/rentals/{id}', { params: { path: { id: orderId } } })).data?.status,
      (s) => s === 'paid',
      CALLBACK_RETRY_WAIT_MS,
    );
    assert.equal(paid, 'paid');

    // The desk ships it to the store.
    const queue = (await staff.GET('/v1/admin/shipments/queue')).data?.data ?? [];
    const imei = queue.find((e) => e.orderId === orderId)?.reservedImei;
    assert.ok(imei, 'the order holds no phone');
    const shipped = await staff.POST('/v1/admin/shipments', { body: { orderId, imei } });
    assert.ok(shipped.data, `ship: ${JSON.stringify(shipped.error)}`);
    const waybillNo = shipped.data.shipment.waybillNo;
    assert.match(waybillNo, /^ZT[0-9]{9}CN$/);

    // The store: the arrival scan on the console's 门店自提 page.
    const console = desk.page;
    await console.goto(`${baseUrl()}/admin/logistics/stores`);
    await waitForText(console.getByTestId('pickup-stores'), '上海静安门店');
    const arrive = console.getByTestId(`arrive-${waybillNo}`);
    await arrive.waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(console, '02-counter-before-arrival');
    await arrive.click();
    const handOver = console.getByTestId(`hand-over-${waybillNo}`);
    await handOver.waitFor({ timeout: UI_TIMEOUT_MS });

    // The customer sees the code in the H5 messages.
    await page.goto(`${baseUrl()}/me/inbox`);
    await waitForText(page.locator('body'), '取件码');
    await shot(page, '03-h5-pickup-code');
    const inbox = (await customer.GET('/v1/me/notifications')).data?.data ?? [];
    const code = inbox.find((m) => m.template === 'logistics.pickup_ready')?.params.pickupCode;
    assert.ok(typeof code === 'string' && /^[0-9]{6}$/.test(code), 'no pick-up code in the inbox');
    await waitForText(page.locator('body'), code);

    // The staff type the customer's code: handed over.
    await handOver.click();
    await console.getByTestId('pickup-code-input').fill(code);
    await shot(console, '04-counter-hand-over');
    await console.locator('#hand-over-confirm').click();
    await waitForText(console.getByTestId('store-parcels'), '已签收');
    await shot(console, '05-counter-delivered');

    // H5: delivered, the rent starts tomorrow (待起租), or already running (租赁中).
    const state = await settle(
      async () => (await customer.GET('/v1/rentals/{id}', { params: { path: { id: orderId } } })).data?.status,
      (s) => s === 'delivered' || s === 'active',
    );
    assert.ok(state === 'delivered' || state === 'active', `order is ${state}`);
    await page.goto(`${baseUrl()}/rentals/${orderId}`);
    await waitForText(page.getByTestId('rental-state'), /待起租|租赁中/);
    await waitForText(page.getByTestId('rental-pickup-store'), '上海静安门店');
    await shot(page, '06-h5-order-delivered');
    assert.deepEqual(h5.errors, []);
    assert.deepEqual(desk.errors, []);
  } finally {
    await h5.close();
    await desk.close();
  }
});
