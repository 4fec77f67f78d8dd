// Installment journey (H5): on a product page the calculator shows the annualised rate (IRR, fees
// included) first and larger than any monthly figure, the schedule the engine computes, and what a
// prepayment would do under both strategies — every number the public calculator's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  openBrowser,
  PHONE_VIEWPORT,
  patience,
  screenshotH5,
  serverForThisFile,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(180_000);

const baseUrl = serverForThisFile();

test('the product page calculator: 12 installments at 6 %, the APR first, the schedule, prepay what-ifs', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    await page.goto(`${baseUrl()}/`);
    const card = page.getByTestId('featured-products').getByTestId('product-card').first();
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    await card.click();
    await page.waitForURL(/\/products\/prd_/);
    const calc = page.getByTestId('installment-calculator');
    await calc.waitFor({ timeout: UI_TIMEOUT_MS });
    // The demo offers: 3 and 6 months interest-free, 12 months at 6 % with 10 % down, 24 months with a fee.
    await calc.locator('.term-picker .adm-selector-item').filter({ hasText: '12' }).click();
    // At 6 % nominal with no fee the IRR is 6.00 % exactly (simple), 6.17 % compound.
    await waitForText(calc.getByTestId('apr'), '6.00%');
    assert.match((await calc.getByTestId('apr').textContent()) ?? '', /6\.17%/);
    // Measured in the page (the e2e code is typed for Node, not the DOM).
    const aprSize = await page.evaluate<number>(
      `Number.parseFloat(getComputedStyle(document.querySelector('.apr-value')).fontSize)`,
    );
    const paymentSize = await page.evaluate<number>(
      `Number.parseFloat(getComputedStyle(document.querySelector('[data-testid="first-payment"]')).fontSize)`,
    );
    assert.ok(aprSize > paymentSize, `the APR (${aprSize}px) is not larger than the installment (${paymentSize}px)`);
    // The APR comes before any monthly figure on the page.
    const order = await page.evaluate<number>(
      `document.querySelector('[data-testid="apr"]').compareDocumentPosition(document.querySelector('[data-testid="first-payment"]')) & Node.DOCUMENT_POSITION_FOLLOWING`,
    );
    assert.ok(order > 0, 'the first installment is shown before the APR');

    await calc.locator('.adm-collapse-panel-header').filter({ hasText: '还款计划' }).click();
    await calc.getByTestId('schedule').locator('tbody tr').nth(11).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await calc.getByTestId('schedule').locator('tbody tr').count(), 12);
    await screenshotH5(page, 'h5-installment-calculator');

    await calc.locator('.adm-collapse-panel-header').filter({ hasText: '如果提前还款' }).click();
    await waitForText(calc.getByTestId('whatif-reduce_term'), '节省利息');
    await waitForText(calc.getByTestId('whatif-reduce_installment'), '节省利息');
    assert.match((await calc.getByTestId('whatif-reduce_term').textContent()) ?? '', /剩余 \d+ 期/);
    await screenshotH5(page, 'h5-installment-prepay-whatif');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
