// WeChat entrusted debit chosen on the H5 auto-debit card (issue #11, helper papay): 小李 opens his
// current demo installment order, picks 微信支付 beside 支付宝 on the card, confirms — the dialog names
// WeChat Pay — signs on the sandbox's WeChat agreement page (the redirect_url of pre-entrust-sign),
// comes back and sees 自动扣款已开通 · 微信支付, then turns it off. (Notice + deduction are asserted at the
// API level: packages/modules/payments/src/wechatpay-agreements.test.ts.)
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
const SHOTS = '/tmp/shots-wechatpay-auto-debit';

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

test('auto-debit with WeChat Pay: chosen on the card → confirmed → sandbox contract signed → on · 微信支付 → off', {
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

    await openH5As(page, baseUrl(), li);
    await page.goto(`${baseUrl()}/installments/${order.id}`);
    const card = page.getByTestId('installment-auto-debit');
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(card, '扣款渠道');
    await page.getByTestId('installment-auto-debit-channel-wechatpay').click();
    await waitForText(card, '从您的微信支付自动扣款');
    await card.scrollIntoViewIfNeeded();
    await shot(page, '00-choice');
    await page.getByTestId('installment-auto-debit-start').click();
    const dialog = page.locator('.adm-dialog-content');
    await waitForText(dialog, '从您的微信支付扣款，付给 租机 · Zulin');
    await shot(page, '01-confirm');
    await page.getByText('去签约', { exact: true }).click();

    await page.waitForURL(/\/sandbox-agreement\/sbg_/, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('sandbox-agreement'), '微信支付');
    // WeChat's is entrusted deduction (委托代扣), not Alipay's cycle pay (周期扣款).
    await waitForText(page.getByTestId('sandbox-agreement-purpose'), '租金到期自动扣款（委托代扣）');
    await shot(page, '02-sandbox-sign');
    await page.getByTestId('sandbox-agreement-sign').click();

    await page.waitForURL(/\/installments\/iord_.*from=agreement/, { timeout: UI_TIMEOUT_MS });
    const on = page.getByTestId('installment-auto-debit-on');
    await on.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(on, /自动扣款已开通 · 微信支付 · 自 .+ 起/);
    await shot(page, '03-auto-debit-on');

    await page.getByTestId('installment-auto-debit-off').click();
    await page.getByText('确认关闭', { exact: true }).click();
    await page.getByTestId('installment-auto-debit-start').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
