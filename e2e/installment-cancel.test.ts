// Cancelling an installment order before shipment from the H5 order page (issue #15): the customer
// applies on 12 installments, signs (through the API here; the journey test signs on the page), pays
// the down payment from the wallet, and cancels on the order page — the confirmation names the refund's
// amount, from (Zulin, the order) and to (the wallet) before anything moves; the order then reads
// 已取消 and the wallet has the down payment back. The withdrawn-bill label is checked by the API test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testIdNumber } from '@zulin/rental/testing';
import { createZulinClient } from '@zulin/sdk';
import {
  applyForInstallmentsOnH5,
  openBrowser,
  PHONE_VIEWPORT,
  patience,
  screenshotH5,
  serverForThisFile,
  settle,
  signInCustomerByApi,
  signInstallmentOrderByApi,
  topUpThroughCashier,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const CUSTOMER_PHONE = '+8613700137416';
const baseUrl = serverForThisFile();

test('an unshipped installment order is cancelled from the H5 order page, the refund shown first', {
  timeout: patience(600_000),
}, async () => {
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    const customer = await signInCustomerByApi(page, baseUrl(), CUSTOMER_PHONE);
    const api = createZulinClient({ baseUrl: baseUrl(), getToken: () => customer.accessToken });
    const verified = await api.POST('/v1/me/identity', {
      body: { name: '陈取消', idNumber: testIdNumber(4, '19910612') },
    });
    assert.ok(verified.data, `identity refused: ${JSON.stringify(verified.error)}`);
    await topUpThroughCashier(baseUrl(), customer.accessToken, 300_000);

    // Apply on 12 installments from the product page's calculator.
    const orderId = await applyForInstallmentsOnH5(page, baseUrl(), '王小明', CUSTOMER_PHONE.slice(-11));
    // The payment deadline counts down on the server's clock, not the phone's: on a phone three hours
    // slow the notice still reads the 120 minutes the order has (on the phone's own clock: 300).
    await page.clock.setFixedTime(new Date(Date.now() - 3 * 3_600_000));
    await page.reload();
    // (Until the server's status arrives the page can only use the phone's clock: wait for the right count.)
    await waitForText(page.getByTestId('order-deadline'), /还剩 (10[1-9]|11\d|120) 分钟/);
    const order = await api.GET('/v1/installment-orders/{id}', { params: { path: { id: orderId } } });
    assert.ok(order.data?.contractId, 'the order has a contract');

    // Signed through the API, the down payment paid from the wallet.
    const down = await signInstallmentOrderByApi(
      baseUrl(),
      customer,
      { id: orderId, contractId: order.data.contractId },
      CUSTOMER_PHONE,
      '陈取消',
    );
    assert.ok(down, 'a down-payment bill');
    const paid = await api.POST('/v1/bills/{id}/pay', {
      params: { path: { id: down.billId } },
      body: { method: 'wallet' },
    });
    assert.ok(paid.data, `paying refused: ${JSON.stringify(paid.error)}`);
    await settle(
      async () => (await api.GET('/v1/installment-orders/{id}', { params: { path: { id: orderId } } })).data?.status,
      (status) => status === 'active',
    );
    const walletBefore = (await api.GET('/v1/wallet')).data?.availableMinor ?? 0;

    // The order page offers the cancel; the confirmation names amount, from and to.
    await page.reload();
    const view = page.getByTestId('installment-order');
    await view.getByTestId('order-cancel-button').waitFor({ timeout: UI_TIMEOUT_MS });
    await view.getByTestId('order-cancel-button').click();
    const confirm = page.getByTestId('confirm-cancel');
    await confirm.waitFor({ timeout: UI_TIMEOUT_MS });
    const refundText = (await confirm.textContent()) ?? '';
    const amount = `¥${(down.amountMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    assert.ok(refundText.includes(amount), `the refund ${amount} is not in "${refundText}"`);
    assert.ok(refundText.includes('从：租霖') && refundText.includes('到：我的钱包'), refundText);
    await screenshotH5(page, 'h5-installment-cancel-confirm');
    await page
      .locator('.adm-dialog-button')
      .filter({ hasText: /确定|确认/ })
      .click();
    await waitForText(view.getByTestId('order-status'), '已取消');
    await screenshotH5(page, 'h5-installment-cancelled');
    const walletAfter = (await api.GET('/v1/wallet')).data?.availableMinor ?? 0;
    assert.equal(walletAfter - walletBefore, down.amountMinor);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
