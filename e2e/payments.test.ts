// Refund maker–checker in the console: a customer pays an ¥800 bill through the WeChat Pay sandbox;
// finance asks for a ¥600 refund in the console (above ¥500, so it waits); finance cannot approve its
// own request (403); the admin opens the refund queue, sees amount, from and to, and approves; the
// refund sweep sends it back through the channel.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatCny } from '@zulin/kernel';
import { createZulinClient } from '@zulin/sdk';
import { screenshot } from './harness';
import {
  clickWhenStill,
  DESKTOP_VIEWPORT,
  failGets,
  openBrowser,
  PHONE_VIEWPORT,
  patience,
  serverForThisFile,
  signInCustomerByApi,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(480_000);
const CUSTOMER_PHONE = '+8613700137311';
const CASHIER_PHONE = '+8613700137312';
const MISSING_PAYMENT_PHONE = '+8613700137313';
// The sandbox posts callbacks and the refund sweep runs every 30 s.
const SWEEP_WAIT_MS = patience(100_000);

const baseUrl = serverForThisFile();

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + SWEEP_WAIT_MS;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(1_000);
    value = await read();
  }
  return value;
}

test('a refund above ¥500 asked for by finance is approved by another staff member', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const phone = await openBrowser(PHONE_VIEWPORT);
  const maker = await openBrowser(DESKTOP_VIEWPORT);
  const checker = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const customer = await signInCustomerByApi(phone.page, baseUrl(), CUSTOMER_PHONE);
    const client = createZulinClient({ baseUrl: baseUrl(), getToken: () => customer.accessToken });
    const financeToken = await signInStaffByApi(maker.page, baseUrl(), 'finance');
    const finance = createZulinClient({ baseUrl: baseUrl(), getToken: () => financeToken });

    const bill = await finance.POST('/v1/admin/bills', {
      body: {
        customerId: customer.customerId,
        title: '12月租金',
        dueDate: '2030-01-15',
        lines: [{ kind: 'rent', description: '租金', amountMinor: 80_000 }],
      },
    });
    assert.ok(bill.data, 'the charge was refused');
    const started = await client.POST('/v1/bills/{id}/pay', {
      params: { path: { id: bill.data.id } },
      body: { method: 'wechatpay' },
    });
    const payment = started.data?.channelPayment;
    assert.ok(payment, 'the payment was refused');
    // The answer is the attempt as recorded; the cashier comes once the channel answered our create.
    const pending = await poll(
      async () => (await client.GET('/v1/payments/{id}', { params: { path: { id: payment.id } } })).data,
      (p) => p?.state === 'pending',
    );
    assert.ok(pending?.cashierUrl, 'no cashier');
    const paid = await fetch(`${baseUrl()}/v1/sandbox/payments/cashier/${pending.cashierUrl.split('/').at(-1)}/pay`, {
      method: 'POST',
    });
    assert.equal(paid.status, 200);
    const state = await poll(
      async () => (await client.GET('/v1/payments/{id}', { params: { path: { id: payment.id } } })).data?.state,
      (s) => s === 'succeeded',
    );
    assert.equal(state, 'succeeded', 'the sandbox callback did not arrive');

    // Finance asks for ¥600 in the console.
    const mp = maker.page;
    await mp.goto(`${baseUrl()}/admin/finance/payments`);
    await mp.getByTestId('payments-table').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(mp.getByTestId('payments-table'), '¥800.00');
    await mp.getByTestId(`refund-${payment.id}`).click();
    await mp.getByTestId('payment-refund-amount').fill('600');
    await mp.getByTestId('payment-refund-reason').fill('设备故障退还部分租金');
    await screenshot(mp, 'admin-refund-request');
    await clickWhenStill(mp.getByTestId('payment-refund-next'));
    // Before anything moves: the amount, from the channel, to the customer, and the second person it needs.
    const summary = mp.getByTestId('payment-refund-summary');
    await waitForText(summary, '¥600.00');
    await waitForText(summary, '原路退回');
    await waitForText(mp.getByTestId('payment-refund-approval'), '需另一位员工审批');
    await screenshot(mp, 'admin-refund-confirm');
    await clickWhenStill(mp.getByTestId('payment-refund-confirm'));
    await waitForText(mp.locator('.ant-message'), '等待另一位员工审批');

    const queue = await finance.GET('/v1/admin/refunds', { params: { query: { state: 'awaiting_approval' } } });
    const refund = queue.data?.data.find((r) => r.paymentId === payment.id);
    assert.ok(refund, 'the refund is not waiting');
    assert.equal(refund.amountMinor, 60_000);
    // The requester may not approve it.
    const self = await finance.POST('/v1/admin/refunds/{id}/approve', { params: { path: { id: refund.id } } });
    assert.equal(self.response.status, 403);
    assert.equal((self.error as { code?: string } | undefined)?.code, 'PAYMENTS_REFUND_SAME_STAFF');

    // The admin reviews it: amount, from and to are on screen before approving.
    const cp = checker.page;
    await signInStaffByApi(cp, baseUrl(), 'admin');
    await cp.goto(`${baseUrl()}/admin/finance/refunds`);
    await waitForText(cp.getByTestId('refunds-table'), '¥600.00');
    await cp.getByTestId(`review-${refund.id}`).click();
    const review = cp.getByTestId('refund-review');
    await waitForText(review, '¥600.00');
    await waitForText(review, '微信支付商户账户');
    // To: the customer, named as staff see customers (masked phone; the test customer has no name).
    await waitForText(review, '137****7311');
    await screenshot(cp, 'admin-refund-review');
    await cp.getByTestId('refund-approve').click();
    await waitForText(cp.locator('.ant-message'), '已批准');

    const refunded = await poll(
      async () =>
        (await finance.GET('/v1/admin/payments/{id}', { params: { path: { id: payment.id } } })).data?.payment
          .refundedMinor,
      (r) => r === 60_000,
    );
    assert.equal(refunded, 60_000, 'the refund sweep did not send it');
    // Approved and sent, it leaves the 待审批 list; under 全部 it reads 已退款 with its amount.
    await cp.reload();
    await cp.getByTestId('refunds-table').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await cp.getByTestId(`review-${refund.id}`).count(), 0, 'the refund is still awaiting approval');
    await cp.getByTestId('refunds-state').click();
    await clickWhenStill(cp.locator('.ant-select-item-option').filter({ hasText: '全部' }));
    const refundRow = cp.getByTestId('refunds-table').locator('tr', { hasText: '¥600.00' }).first();
    await waitForText(refundRow, '已退款');
    await screenshot(cp, 'admin-refunds-after');

    // Finance looks at the channels: WeChat Pay took the ¥800.00 in the last 24 hours; each card says
    // in words whether the channel takes payments now.
    const channels = (await finance.GET('/v1/admin/payment-channels')).data?.data ?? [];
    const wechat = channels.find((c) => c.channel === 'wechatpay');
    assert.ok(wechat && wechat.window.succeeded >= 1 && wechat.window.succeededMinor >= 80_000);
    await mp.goto(`${baseUrl()}/admin/finance/payment-channels`);
    const card = mp.getByTestId('channel-health-wechatpay');
    await waitForText(card, '微信支付');
    await waitForText(card, formatCny(wechat.window.succeededMinor, 'zh-CN'));
    await waitForText(
      mp.getByTestId('channel-health-wechatpay-status'),
      { ok: '正常', attention: '需关注', down: '暂停收款' }[wechat.status],
    );
    await waitForText(mp.getByTestId('channel-health-wechatpay-breaker'), '闭合');
    await waitForText(mp.getByTestId('channel-health-alipay'), '支付宝');
    await screenshot(mp, 'admin-payment-channels');
    assert.deepEqual([...maker.errors, ...checker.errors], []);
  } finally {
    await phone.close();
    await maker.close();
    await checker.close();
  }
});

// The cashier in the customer app: a bill paid with Alipay from the bill page (the cashier shows the
// amount, from and to; paying brings the customer back to the bill, now paid), and a top-up with
// WeChat Pay (the cashier, then the credited wallet).
test('a customer pays a bill and tops up the wallet at the sandbox cashier', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const phone = await openBrowser(PHONE_VIEWPORT);
  const staff = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const page = phone.page;
    const customer = await signInCustomerByApi(page, baseUrl(), CASHIER_PHONE);
    const financeToken = await signInStaffByApi(staff.page, baseUrl(), 'finance');
    const finance = createZulinClient({ baseUrl: baseUrl(), getToken: () => financeToken });
    const bill = await finance.POST('/v1/admin/bills', {
      body: {
        customerId: customer.customerId,
        title: '1月租金',
        dueDate: '2030-02-15',
        lines: [{ kind: 'rent', description: '租金', amountMinor: 8_800 }],
      },
    });
    assert.ok(bill.data, 'the charge was refused');

    await page.goto(`${baseUrl()}/bills/${bill.data.id}`);
    await page.getByTestId('bill-pay-alipay').click();
    await page.waitForURL(/\/cashier\//, { timeout: UI_TIMEOUT_MS });
    const cashier = page.getByTestId('sandbox-cashier');
    await waitForText(cashier, '¥88.00');
    await waitForText(page.getByTestId('cashier-from'), '我的支付宝');
    await waitForText(page.getByTestId('cashier-to'), '商户号');
    await screenshot(page, 'h5-cashier-bill-alipay');
    await page.getByTestId('cashier-pay').click();
    await page.waitForURL(new RegExp(`/bills/${bill.data.id}`), { timeout: SWEEP_WAIT_MS });
    await page.getByTestId('bill-status').filter({ hasText: '已支付' }).waitFor({ timeout: SWEEP_WAIT_MS });
    await waitForText(page.getByTestId('bill-payments'), '支付宝');
    await screenshot(page, 'h5-cashier-bill-paid');

    await page.goto(`${baseUrl()}/wallet/top-up`);
    await page.getByTestId('top-up-amount').locator('input').fill('50');
    await page.getByTestId('top-up-channel-wechatpay').click();
    await page.getByTestId('top-up-next').click();
    await page.waitForURL(/\/cashier\//, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('sandbox-cashier'), '¥50.00');
    await waitForText(page.getByTestId('cashier-from'), '我的微信支付');
    await screenshot(page, 'h5-cashier-top-up-wechatpay');
    await page.getByTestId('cashier-pay').click();
    await page.getByTestId('top-up-succeeded').waitFor({ timeout: SWEEP_WAIT_MS });
    await waitForText(page.getByTestId('top-up-balance'), '¥50.00');
    assert.deepEqual(phone.errors, []);
  } finally {
    await phone.close();
    await staff.close();
  }
});

test('the cashier: a payment that does not exist is a plain answer; a failed read is the error screen, whose retry asks again', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const phone = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = phone;
    await signInCustomerByApi(page, baseUrl(), MISSING_PAYMENT_PHONE);
    const missing = 'pay_e2e_no_such_payment';
    // The server's 404 (PAYMENTS_ORDER_NOT_FOUND): what it says, without 反馈问题 or a retry.
    await page.goto(`${baseUrl()}/cashier/${missing}`);
    await waitForText(page.locator('.adm-error-block'), '没有找到这笔支付');
    assert.equal(await page.getByTestId('error-report').count(), 0);
    assert.equal(await page.getByText('支付信息加载失败').count(), 0);
    await screenshot(page, 'h5-cashier-not-found');
    await page.evaluate(`localStorage.setItem('zulin.h5.lang', 'en')`);
    await page.reload();
    await waitForText(page.locator('.adm-error-block'), 'No such payment');
    await screenshot(page, 'h5-cashier-not-found-en');
    await page.evaluate(`localStorage.setItem('zulin.h5.lang', 'zh-CN')`);
    // A server failure instead: 支付信息加载失败 with its code, request id, retry and 反馈问题.
    const restore = await failGets(page, `/v1/payments/${missing}`, {
      status: 500,
      code: 'INTERNAL',
      requestId: 'req_e2e_cashier',
    });
    await page.reload();
    const failed = page.getByTestId('error-state');
    await waitForText(failed, '支付信息加载失败');
    await waitForText(failed.getByTestId('error-details'), 'req_e2e_cashier');
    await failed.getByTestId('error-report').waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshot(page, 'h5-cashier-load-failed');
    // The server answers again: the retry reads the payment, which still does not exist.
    await restore();
    await clickWhenStill(failed.getByRole('button', { name: '重试' }));
    await waitForText(page.locator('.adm-error-block'), '没有找到这笔支付');
    assert.equal(await page.getByTestId('error-state').count(), 0);
    assert.deepEqual(
      errors.filter((e) => !(/status of (404|500)/.test(e) && e.endsWith(`/v1/payments/${missing})`))),
      [],
    );
  } finally {
    await phone.close();
  }
});
