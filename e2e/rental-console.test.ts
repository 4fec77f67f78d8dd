// The console's rental orders and payment detail (issues #14 and #11): a customer rents a phone
// through the API (verified identity, order, signature, first payment at the Alipay sandbox cashier);
// staff open the order list, filter it by the customer's phone, open the order (timeline, masked
// customer, money, payments, postings, contract), follow the first payment to its detail page (payer,
// what it paid for, history, postings; a refund confirmation naming amount, from and to), look at the
// timers and the refund threshold, and cancel the order with a confirmation naming the refund.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { testIdNumber } from '@zulin/rental/testing';
import { createZulinClient } from '@zulin/sdk';
import type { Page } from 'playwright-core';
import {
  clickWhenStill,
  DESKTOP_VIEWPORT,
  loginCustomerByApi,
  openBrowser,
  patience,
  serverForThisFile,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(300_000);
const CUSTOMER_PHONE = '+8613700137420';
const SHOTS = process.env.ZULIN_SHOTS_DIR ?? '/tmp/shots-rental-console';

const baseUrl = serverForThisFile();

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, waitMs = 60_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(500);
    value = await read();
  }
  return value;
}

test('staff find a paid rental in the console, read its page and its payment, and cancel it naming the refund', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const desk = await openBrowser(DESKTOP_VIEWPORT);
  try {
    // The customer rents through the API: verified, placed, signed, paid at the sandbox cashier.
    const session = await loginCustomerByApi(baseUrl(), CUSTOMER_PHONE);
    const client = createZulinClient({ baseUrl: baseUrl(), getToken: () => session.accessToken });
    const verified = await client.POST('/v1/me/identity', {
      body: { name: '张三', idNumber: testIdNumber(700, '19900307') },
    });
    assert.equal(verified.response.status, 200, 'identity');
    const products = await client.GET('/v1/products', { params: { query: { limit: 20 } } });
    let order: { id: string; contractId: string | null } | undefined;
    for (const card of products.data?.data ?? []) {
      const product = await client.GET('/v1/products/{id}', { params: { path: { id: card.id } } });
      for (const sku of product.data?.skus ?? []) {
        const plans = await client.GET('/v1/skus/{id}/plans', { params: { path: { id: sku.id } } });
        const plan = plans.data?.data.find((p) => p.termUnit === 'month');
        if (!plan) continue;
        const placed = (await client.POST('/v1/rentals', {
          params: { header: { 'Idempotency-Key': `rental-console-${sku.id}` } },
          body: {
            skuId: sku.id,
            planId: plan.id,
            address: {
              name: '张三',
              phone: '+8613800138000',
              province: '浙江省',
              city: '杭州市',
              district: '西湖区',
              line: '文三路 1 号',
            },
          },
        } as never)) as { response: Response; data?: { id: string; contractId: string | null } };
        if (placed.response.status === 201 && placed.data) {
          order = placed.data;
          break;
        }
      }
      if (order) break;
    }
    assert.ok(order?.contractId, 'no phone could be rented (no stock in the demo data?)');
    await client.POST('/v1/contracts/{id}/sign-codes', { params: { path: { id: order.contractId } } });
    const sms = await client.GET('/v1/sandbox/sms', { params: { query: { phone: CUSTOMER_PHONE } } });
    const code = sms.data?.data.find((m) => m.code !== null)?.code;
    assert.ok(code, 'no signing code');
    const signed = await client.POST('/v1/rentals/{id}/sign', {
      params: { path: { id: order.id } },
      body: { code, signature: { kind: 'typed', name: '张三' } },
    });
    assert.equal(signed.data?.status, 'awaiting_payment', `sign: ${signed.response.status}`);
    const started = await client.POST('/v1/rentals/{id}/pay', {
      params: { path: { id: order.id }, header: { 'Idempotency-Key': `rental-console-pay-${order.id}` } },
      body: { channel: 'alipay', payerToken: '286000000000000001' },
    } as never);
    const payment = (started.data as { channelPayment?: { id: string } } | undefined)?.channelPayment;
    assert.ok(payment, `pay: ${started.response.status}`);
    const pending = await poll(
      async () => (await client.GET('/v1/payments/{id}', { params: { path: { id: payment.id } } })).data,
      (p) => p?.state === 'pending' && p.cashierUrl !== null,
    );
    assert.ok(pending?.cashierUrl, 'no cashier');
    const paid = await fetch(`${baseUrl()}/v1/sandbox/payments/cashier/${pending.cashierUrl.split('/').at(-1)}/pay`, {
      method: 'POST',
    });
    assert.equal(paid.status, 200);
    const status = await poll(
      async () => (await client.GET('/v1/rentals/{id}', { params: { path: { id: order.id } } })).data?.status,
      (s) => s === 'paid',
      90_000,
    );
    assert.equal(status, 'paid', 'the order was not paid');

    // The console: every order, then filtered by the customer's phone.
    const page = desk.page;
    await signInStaffByApi(page, baseUrl(), 'admin');
    await page.goto(`${baseUrl()}/admin/orders`);
    const table = page.getByTestId('rental-orders-table');
    await table.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(table, order.id.slice(-8));
    await shot(page, 'orders-list');
    await page.getByTestId('orders-filter-customer').fill(CUSTOMER_PHONE);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await waitForText(table, '*三');
    assert.equal(await table.locator('tbody tr.ant-table-row').count(), 1, 'the phone filter shows one order');
    await waitForText(table, '待发货');
    await shot(page, 'orders-list-filtered');

    // The order's page.
    await page.getByTestId(`order-link-${order.id}`).click();
    const overview = page.getByTestId('order-overview');
    await overview.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('order-customer'), /^\*三 137\*{4}7420$/);
    await waitForText(page.getByTestId('order-timeline'), '支付完成');
    await waitForText(page.getByTestId('order-timeline'), '签约');
    await waitForText(page.getByTestId('order-payments'), '已支付');
    await waitForText(page.getByTestId('order-transfers'), '¥');
    assert.ok(await page.getByTestId('order-contract-link').isVisible(), 'the contract link');
    const body = (await page.getByTestId('rental-order-detail-page').textContent()) ?? '';
    assert.doesNotMatch(body, /cus_[0-9a-z]{6}/i, 'no bare customer id on the page');
    await shot(page, 'order-detail');

    // Its first payment's page.
    await page.getByTestId(`order-payment-${payment.id}`).click();
    await page.getByTestId('payment-overview').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('payment-purpose'), '租赁首付');
    await waitForText(page.getByTestId('payment-customer'), '*三');
    await waitForText(page.getByTestId('payment-history'), '已支付');
    await waitForText(page.getByTestId('payment-transfers'), '¥');
    await shot(page, 'payment-detail');
    await page.getByTestId('payment-refund').click();
    await page.getByTestId('payment-refund-amount').fill('1');
    await page.getByTestId('payment-refund-reason').fill('演示：只看确认，不提交');
    await page.getByTestId('payment-refund-next').click();
    const summary = page.getByTestId('payment-refund-summary');
    await waitForText(summary, '¥1.00');
    await waitForText(summary, '支付宝商户账户');
    await waitForText(summary, '*三');
    await waitForText(page.getByTestId('payment-refund-approval'), '立即原路退回');
    await shot(page, 'payment-refund-confirm');
    await page.getByRole('button', { name: '返回修改' }).click();
    await page.keyboard.press('Escape');

    // The timers and the refund threshold.
    await page.goto(`${baseUrl()}/admin/orders/timers`);
    await page.getByTestId('timers-form').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('timers-form'), '默认：120 分钟');
    await page.getByTestId('timer-autoDebitRetryDaysAfterDue').fill('1, 2, 5');
    await page.getByTestId('timers-save').click();
    await waitForText(page.getByTestId('timers-changes'), '代扣失败重试（D+n）：1, 3, 5 天 → 1, 2, 5 天');
    await shot(page, 'timers-confirm');
    await page.getByTestId('timers-confirm').click();
    await waitForText(page.locator('.ant-message'), '时效已保存');
    await waitForText(page.getByTestId('timers-updated'), '演示·管理员');
    await shot(page, 'timers');
    // The installment timers, on the same page: a change is named before → after, then saved.
    const installmentTimers = page.getByTestId('installment-timers');
    await waitForText(installmentTimers, '默认：3, 1 天');
    await page.getByTestId('installment-timer-unpaid').fill('90');
    await page.getByTestId('installment-timers-save').click();
    await waitForText(
      page.getByTestId('installment-timers-changes'),
      '下单后未签约 / 未付首付自动取消：120 分钟 → 90 分钟',
    );
    await shot(page, 'installment-timers-confirm');
    await clickWhenStill(page.getByTestId('installment-timers-confirm'));
    await waitForText(page.getByTestId('installment-timers-updated'), '演示·管理员');
    // The overdue policy: the penalty rate for new orders (empty: the cap) and the buckets.
    const overduePolicy = page.getByTestId('overdue-policy');
    await waitForText(overduePolicy, '已下单订单按其合同载明的利率计收');
    await page.getByTestId('overdue-policy-penalty').fill('7.3');
    await page.getByTestId('overdue-policy-save').click();
    await waitForText(page.getByTestId('overdue-policy-changes'), '逾期罚息年利率：按利率上限（12.00%） → 7.30%');
    await shot(page, 'overdue-policy-confirm');
    await clickWhenStill(page.getByTestId('overdue-policy-confirm'));
    await waitForText(page.getByTestId('overdue-policy-updated'), '演示·管理员');
    await shot(page, 'overdue-policy');
    // The rate cap on the same page: the LPR moves to 3.45 %, the cap to 13.80 %, named before → after.
    await waitForText(page.getByTestId('rate-cap-summary'), '年化利率上限 12.00% = 4 × LPR 3.00%');
    await page.getByTestId('rate-cap-lpr').fill('3.45');
    await waitForText(page.getByTestId('rate-cap-preview'), '年化利率上限 13.80% = 4 × LPR 3.45%');
    await page.getByTestId('rate-cap-save').click();
    await waitForText(page.getByTestId('rate-cap-changes'), '一年期 LPR：3.00% → 3.45%');
    await waitForText(page.getByTestId('rate-cap-changes'), '年化利率上限：12.00% → 13.80%');
    await shot(page, 'rate-cap-confirm');
    await clickWhenStill(page.getByTestId('rate-cap-confirm'));
    await waitForText(page.getByTestId('rate-cap-updated'), '演示·管理员');
    await waitForText(page.getByTestId('rate-cap-summary'), '年化利率上限 13.80% = 4 × LPR 3.45%');
    await shot(page, 'rate-cap');
    await page.goto(`${baseUrl()}/admin/finance/payments-settings`);
    await waitForText(page.getByTestId('payments-settings-current'), '¥500.00');
    await shot(page, 'payments-settings');
    // WeChat entrusted debit's pre-debit notice lead time on the same page: 1 → 2 days, confirmed before → after.
    await waitForText(page.getByTestId('payments-settings-papay-current'), '当前：通知后 1 天扣款');
    await page.getByTestId('payments-settings-papay-days').fill('2');
    await page.getByTestId('payments-settings-papay-save').click();
    await waitForText(page.getByTestId('payments-settings-papay-confirm-body'), '提前天数将从 1 天改为 2 天');
    await shot(page, 'payments-settings-papay-confirm');
    await clickWhenStill(page.getByTestId('payments-settings-papay-confirm'));
    await waitForText(page.getByTestId('payments-settings-papay-current'), '当前：通知后 2 天扣款');
    await waitForText(page.getByTestId('payments-settings-page'), '演示·管理员');
    await shot(page, 'payments-settings-papay');

    // Cancelling names the refund before it is sent.
    await page.goto(`${baseUrl()}/admin/orders/${order.id}`);
    await page.getByTestId('order-cancel').click();
    const refundText = page.getByTestId('order-cancel-refund');
    await waitForText(refundText, '支付宝商户账户');
    await waitForText(refundText, '*三');
    await shot(page, 'order-cancel-confirm');
    await page.getByTestId('order-cancel-reason').fill('客户来电取消');
    await page.getByTestId('order-cancel-confirm').click();
    await waitForText(page.locator('.ant-message'), '订单已取消');
    await waitForText(page.getByTestId('order-timeline'), '取消订单');
    await waitForText(page.getByTestId('order-timeline'), '演示·管理员');
    await shot(page, 'order-cancelled');
    assert.deepEqual(desk.errors, []);
  } finally {
    await desk.close();
  }
});
