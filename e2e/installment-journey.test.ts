// The 12-installment journey (H5, issue #15): a customer buys a phone on 12 installments from the
// product page's calculator — checkout shows the annualised rate (IRR, all fees included) first, then
// the down payment and the schedule — applies, signs the contract on the contracts' signing page,
// pays the down payment at the sandbox Alipay cashier (a confirmation names amount, from and to); the
// sandbox clock moves through the periods (the daily ticks issue the bills), period 1 is paid, and a
// reduce-term prepayment is made whose charged amount equals the figure the order's prepay calculator
// showed, to the fen — and the new schedule is shorter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testIdNumber } from '@zulin/rental/testing';
import { createZulinClient } from '@zulin/sdk';
import { generate } from 'otplib';
import { screenshot } from './harness';
import {
  DEMO_STAFF_PASSWORD,
  DEMO_TOTP_SECRET,
  DESKTOP_VIEWPORT,
  fillInstallmentAddress,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  screenshotH5,
  serverForThisFile,
  settle,
  signInCustomerByApi,
  signInStaffByApi,
  topUpThroughCashier,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(600_000);
const CUSTOMER_PHONE = '+8613700137415';
// The sandbox cashier's callback is posted by a sweep (every 30 s).
const SWEEP_WAIT_MS = patience(100_000);

const baseUrl = serverForThisFile();

/**
 * Moves the sandbox clock `days` days and signs both in again: the tokens of before have expired on the
 * server's clock (and the staff TOTP is checked against that clock, so the code is made for it).
 */
async function moveClock(
  base: string,
  staffToken: string,
  days: number,
): Promise<{
  staffToken: string;
  staffRefresh: string;
  customer: Awaited<ReturnType<typeof loginCustomerByApi>>;
}> {
  const moved = await createZulinClient({ baseUrl: base, getToken: () => staffToken }).POST('/v1/sandbox/clock', {
    body: { advanceDays: days },
  });
  assert.ok(moved.data?.completed, `the clock did not move: ${JSON.stringify(moved.error ?? moved.data?.failed)}`);
  const offsetMs = Date.parse(moved.data.now) - Date.now();
  const totp = await generate({ secret: DEMO_TOTP_SECRET, epoch: Math.floor((Date.now() + offsetMs) / 1000) });
  const login = await createZulinClient({ baseUrl: base }).POST('/v1/staff/login', {
    body: { username: 'admin', password: DEMO_STAFF_PASSWORD, totp },
  });
  assert.ok(login.data, `the staff login after the clock moved failed: ${JSON.stringify(login.error)}`);
  return {
    staffToken: login.data.accessToken,
    staffRefresh: login.data.refreshToken,
    customer: await loginCustomerByApi(base, CUSTOMER_PHONE),
  };
}

/** "¥1,000.00" → 100000 分. */
function minorOf(text: string): number {
  const match = /¥([\d,]+)\.(\d{2})/.exec(text);
  assert.ok(match, `no amount in "${text}"`);
  return Number((match[1] ?? '').replaceAll(',', '')) * 100 + Number(match[2]);
}

test('buy on 12 installments: checkout, sign, down payment at the cashier, clock, a period paid, reduce-term prepay', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    let staffToken = await signInStaffByApi(page, baseUrl(), 'admin');
    let staffRefresh = '';
    let customer = await signInCustomerByApi(page, baseUrl(), CUSTOMER_PHONE);
    const api = createZulinClient({ baseUrl: baseUrl(), getToken: () => customer.accessToken });
    const afterMoving = async (days: number) => {
      const next = await moveClock(baseUrl(), staffToken, days);
      staffToken = next.staffToken;
      staffRefresh = next.staffRefresh;
      customer = next.customer;
      await openH5As(page, baseUrl(), next.customer);
    };
    const verified = await api.POST('/v1/me/identity', {
      body: { name: '陈分期', idNumber: testIdNumber(3, '19900512') },
    });
    assert.ok(verified.data, `identity refused: ${JSON.stringify(verified.error)}`);
    // Wallet money for period 1 and the prepayment, topped up through the Alipay sandbox.
    await topUpThroughCashier(baseUrl(), customer.accessToken, 300_000);

    // The product page's calculator → checkout for the 12-month offer (6 %, 10 % down).
    await page.goto(`${baseUrl()}/`);
    const card = page.getByTestId('featured-products').getByTestId('product-card').first();
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    await card.click();
    await page.waitForURL(/\/products\/prd_/);
    const calc = page.getByTestId('installment-calculator');
    await calc.waitFor({ timeout: UI_TIMEOUT_MS });
    await calc.locator('.term-picker .adm-selector-item').filter({ hasText: '12' }).click();
    await waitForText(calc.getByTestId('apr'), '6.00%');
    await calc.getByTestId('installment-buy').click();
    await page.waitForURL(/\/installments\/checkout/);
    const checkout = page.getByTestId('installment-checkout');
    await checkout.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(checkout.getByTestId('apr'), '6.00%');
    assert.equal(await checkout.getByTestId('schedule').locator('tbody tr').count(), 12);
    // The rate comes before the down payment and the schedule.
    const aprFirst = await page.evaluate<number>(
      `document.querySelector('[data-testid="apr"]').compareDocumentPosition(document.querySelector('[data-testid="checkout-down"]')) & Node.DOCUMENT_POSITION_FOLLOWING`,
    );
    assert.ok(aprFirst > 0, 'the down payment is shown before the annualised rate');
    const downShown = minorOf((await checkout.getByTestId('checkout-down').textContent()) ?? '');
    await screenshotH5(page, 'h5-installment-checkout');
    // The delivery address the desk ships to.
    await fillInstallmentAddress(checkout, '王小明', CUSTOMER_PHONE.slice(-11));
    await checkout.getByTestId('checkout-submit').click();

    // The order waits for its contract.
    await page.waitForURL(/\/installments\/iord_/, { timeout: UI_TIMEOUT_MS });
    const orderId = page.url().split('/installments/')[1]?.split(/[?#]/)[0] ?? '';
    const orderView = page.getByTestId('installment-order');
    await waitForText(orderView.getByTestId('order-status'), '待签合同');
    // The penalty rate of this order, as its contract states it (the default: the 12.00 % cap).
    await waitForText(orderView.getByTestId('order-penalty-rate'), '逾期罚息：年利率 12.00%');
    await screenshotH5(page, 'h5-installment-order-to-sign');
    await orderView.getByTestId('order-sign').click();

    // The contracts' signing flow: the SMS code, a typed signature, agreement.
    await page.waitForURL(/\/contracts\//);
    await page.getByTestId('contract-apr').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId('sign-send-code').click();
    await page.getByTestId('sign-code-sent').waitFor({ timeout: UI_TIMEOUT_MS });
    const sms = await api.GET('/v1/sandbox/sms', { params: { query: { phone: CUSTOMER_PHONE } } });
    const code = sms.data?.data.find((m) => m.code !== null)?.code;
    assert.ok(code, 'no signing code');
    await page.getByTestId('sign-code').locator('input').fill(code);
    await page.getByTestId('sign-mode').locator('.adm-selector-item').nth(1).click();
    await page.getByTestId('sign-name').locator('input').fill('陈分期');
    await page.getByTestId('sign-agree').click();
    await page.getByTestId('sign-submit').click();
    await waitForText(page.getByTestId('contract-status'), '已签署');

    // Back to the order: the down payment, confirmed (amount, from, to) and paid at the Alipay cashier.
    await page.goto(`${baseUrl()}/installments/${orderId}`);
    await waitForText(page.getByTestId('order-status'), '待付首付');
    const downPayment = page.getByTestId('down-payment');
    await waitForText(
      downPayment,
      new RegExp(`¥${(downShown / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`),
    );
    await downPayment.getByTestId('pay-down-alipay').click();
    const confirmDown = page.getByTestId('confirm-down-payment');
    await confirmDown.waitFor({ timeout: UI_TIMEOUT_MS });
    const confirmDownText = (await confirmDown.textContent()) ?? '';
    assert.equal(minorOf(confirmDownText), downShown, `the confirmation shows ${confirmDownText}`);
    assert.match(confirmDownText, /从：支付宝/);
    assert.match(confirmDownText, /到：租机 · Zulin/);
    await screenshotH5(page, 'h5-installment-confirm-down-payment');
    await page.locator('.adm-dialog').getByRole('button', { name: '确定' }).click();
    await page.waitForURL(/\/cashier\//, { timeout: UI_TIMEOUT_MS });
    await waitForText(
      page.getByTestId('sandbox-cashier'),
      `¥${(downShown / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    await page.getByTestId('cashier-pay').click();
    await page.waitForURL(new RegExp(`/installments/${orderId}`), { timeout: SWEEP_WAIT_MS });
    await page.getByTestId('order-status').filter({ hasText: '还款中' }).waitFor({ timeout: SWEEP_WAIT_MS });
    await screenshotH5(page, 'h5-installment-order-active');

    // The clock moves 25 days: period 1 is billed (7 days ahead of its due date) by the daily tick.
    await afterMoving(25);
    const order1 = (await api.GET('/v1/installment-orders/{id}', { params: { path: { id: orderId } } })).data;
    const period1 = order1?.schedule[0];
    assert.ok(period1?.billId, `period 1 was not billed: ${JSON.stringify(order1?.schedule[0])}`);
    assert.equal(order1?.schedule.length, 12);
    // Period 1 paid from the wallet on the bill page.
    await page.goto(`${baseUrl()}/installments/${orderId}`);
    await page.getByTestId('period-1').filter({ hasText: '待还' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const paid1 = await api.POST('/v1/bills/{id}/pay', {
      params: { path: { id: period1.billId } },
      body: { method: 'wallet' },
    });
    assert.ok(paid1.data, `period 1 was not paid: ${JSON.stringify(paid1.error)}`);
    // Two more weeks: past period 1's due date, period 2 not yet billed.
    await afterMoving(14);

    await page.goto(`${baseUrl()}/installments/${orderId}`);
    await page.getByTestId('period-1').filter({ hasText: '已还' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const prepay = page.getByTestId('order-prepay');
    await prepay.waitFor({ timeout: UI_TIMEOUT_MS });
    await prepay.getByTestId('order-prepay-amount').locator('input').fill('1000');
    await waitForText(prepay.getByTestId('prepay-effect'), /剩余 \d+ 期/);
    await waitForText(prepay.getByTestId('prepay-total'), '¥1,000.00');
    const shownTotal = minorOf((await prepay.getByTestId('prepay-total').textContent()) ?? '');
    const periodsLeft = Number(
      /剩余 (\d+) 期/.exec((await prepay.getByTestId('prepay-effect').textContent()) ?? '')?.[1],
    );
    await screenshotH5(page, 'h5-installment-prepay-quote');
    const walletBefore = (await api.GET('/v1/wallet', {})).data?.availableMinor ?? 0;
    await prepay.getByTestId('prepay-submit').click();
    const confirmPrepay = page.getByTestId('confirm-prepay');
    await confirmPrepay.waitFor({ timeout: UI_TIMEOUT_MS });
    const confirmText = (await confirmPrepay.textContent()) ?? '';
    assert.equal(minorOf(confirmText), shownTotal);
    assert.match(confirmText, /从：钱包/);
    assert.match(confirmText, /到：/);
    await screenshotH5(page, 'h5-installment-confirm-prepay');
    await page.locator('.adm-dialog').getByRole('button', { name: '确定' }).click();

    // The booking equals the calculator's figure, to the fen; the wallet paid exactly that; the term is shorter.
    const after = await settle(
      async () => (await api.GET('/v1/installment-orders/{id}', { params: { path: { id: orderId } } })).data,
      (o) => (o?.prepayments.length ?? 0) > 0,
    );
    const booked = after?.prepayments[0];
    assert.ok(booked, 'no prepayment was booked');
    assert.equal(booked.strategy, 'reduce_term');
    assert.equal(booked.totalMinor, shownTotal);
    const walletAfter = (await api.GET('/v1/wallet', {})).data?.availableMinor ?? 0;
    assert.equal(walletBefore - walletAfter, shownTotal);
    // k = 2 (the next due date); the rebuilt schedule is periods 3… of which `periodsLeft` remain.
    assert.equal(booked.paidPeriods, 2);
    assert.equal(after?.schedule.length, 2 + periodsLeft);
    assert.ok((after?.schedule.length ?? 12) < 12, 'reduce term did not shorten the schedule');
    await page.reload();
    await page.getByTestId('order-prepayments').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await page.getByTestId('order-schedule').locator('tbody tr').count(), 2 + periodsLeft);
    await screenshotH5(page, 'h5-installment-after-prepay');

    // My installments lists it.
    await page.goto(`${baseUrl()}/installments`);
    await waitForText(page.getByTestId('installment-orders'), '还款中');
    await screenshotH5(page, 'h5-installment-list');
    assert.deepEqual(errors, []);

    // The console: the order in the list, and its page with the schedule, payments and postings.
    const desk = await openBrowser(DESKTOP_VIEWPORT);
    const consolePage = desk.page;
    await consolePage.goto(`${baseUrl()}/admin/login`);
    await consolePage.evaluate(
      `localStorage.setItem('zulin.admin.token', ${JSON.stringify(staffToken)});
       localStorage.setItem('zulin.admin.refresh', ${JSON.stringify(staffRefresh)});`,
    );
    await consolePage.goto(`${baseUrl()}/admin/installments`);
    const table = consolePage.getByTestId('installment-orders-table');
    try {
      await waitForText(table, '还款中');
    } finally {
      await screenshot(consolePage, 'admin-installment-orders');
    }
    await consolePage.goto(`${baseUrl()}/admin/installments/${orderId}`);
    await waitForText(consolePage.getByTestId('installment-order-page'), '6.00%');
    await waitForText(consolePage.getByTestId('installment-payments'), '支付宝');
    await waitForText(consolePage.getByTestId('installment-postings'), 'installment.sale');
    assert.equal(await consolePage.getByTestId('installment-schedule').locator('tbody tr').count(), 2 + periodsLeft);
    await screenshot(consolePage, 'admin-installment-order');
    await desk.close();
  } finally {
    await browser.close();
  }
});
