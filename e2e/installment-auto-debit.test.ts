// Auto-debit from the installment order page (issue #15, helper instdebit): 小李 opens his current
// demo installment order, turns on auto-debit — the confirmation names the amount (the next
// installment), from (支付宝) and to (租机 · Zulin) — signs on the sandbox's agreement page, comes back
// to the order page, which asks the channel and shows 自动扣款已开通 · 支付宝 · 自 <date> 起 with the
// per-charge cap, then turns it off. The card is the rental page's component (components/AutoDebitCard).
// (The debit itself, its retries and the failed-debit line are asserted at the API level:
// packages/modules/installment/src/collect-period-bills.test.ts.)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import type { Page } from 'playwright-core';
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

const TEST_TIMEOUT_MS = patience(240_000);
const LI_PHONE = '+8613900139000';
const SHOTS = '/tmp/shots-installment-auto-debit';

const baseUrl = serverForThisFile();

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

test('installment auto-debit: amount, from and to confirmed → sandbox agreement signed → 自动扣款已开通 → off', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    const li = await loginCustomerByApi(baseUrl(), LI_PHONE);
    const customer = createZulinClient({ baseUrl: baseUrl(), getToken: () => li.accessToken });
    const mine = (await customer.GET('/v1/installment-orders', { params: { query: {} } })).data?.data ?? [];
    const order = mine.find((o) => o.status === 'active' && o.schedule[0]?.billStatus === 'open');
    assert.ok(order, `no current demo order: ${JSON.stringify(mine.map((o) => o.status))}`);
    const next = order.schedule.find((row) => row.billStatus !== 'paid' && row.billStatus !== 'waived');
    assert.ok(next);
    const amount = `¥${(next.paymentMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

    await openH5As(page, baseUrl(), li);
    await page.goto(`${baseUrl()}/installments/${order.id}`);
    const card = page.getByTestId('installment-auto-debit');
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId('installment-auto-debit-start').click();
    // Amount, from and to before anything is signed.
    const dialog = page.locator('.adm-dialog-content');
    await waitForText(dialog, `每期应还 ${amount}`);
    await waitForText(dialog, '从您的支付宝扣款，付给 租机 · Zulin');
    await shot(page, '01-confirm');
    await page.getByText('去签约', { exact: true }).click();

    await page.waitForURL(/\/sandbox-agreement\/sbg_/, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('sandbox-agreement-cap'), '单笔最高 ¥5,000.00');
    await page.getByTestId('sandbox-agreement-sign').click();

    // Back on the installment order page, which asks the channel: on, with the channel and since when.
    await page.waitForURL(/\/installments\/iord_.*from=agreement/, { timeout: UI_TIMEOUT_MS });
    const on = page.getByTestId('installment-auto-debit-on');
    await on.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(on, /自动扣款已开通 · 支付宝 · 自 .+ 起/);
    await waitForText(card, '单笔最高 ¥5,000.00');
    await shot(page, '02-auto-debit-on');

    await page.getByTestId('installment-auto-debit-off').click();
    await waitForText(page.locator('.adm-dialog-content'), '关闭后分期款不再自动扣款');
    await page.getByText('确认关闭', { exact: true }).click();
    await page.getByTestId('installment-auto-debit-start').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
