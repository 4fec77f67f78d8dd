// What the H5 order page tells the customer (issue #14, helper h5rent): 小张 turns on auto-debit from
// his renting demo order — 开通自动扣款 → the amount, from and to confirmed → the sandbox's agreement
// page (whom he authorises, the per-charge cap) → agree → back on the order page, which asks the
// channel and shows 自动扣款已开通 · 支付宝 · 自 <date> 起 — then turns it off while the channel does
// not answer (解约处理中, issue #11), and off again once it does.
// (待起租 and the failed-debit line are asserted at the API level: after-sales.test.ts,
// collect-rent.test.ts, order-machine.test.ts.)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  DESKTOP_VIEWPORT,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  serverForThisFile,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(240_000);
const ZHANG_PHONE = '+8613800138000';
const SHOTS = '/tmp/shots-rental-h5-states';

const baseUrl = serverForThisFile();

async function knobs(changes: Record<string, unknown>): Promise<void> {
  const answer = await fetch(`${baseUrl()}/v1/sandbox/payments/knobs`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(changes),
  });
  assert.equal(answer.status, 200);
}

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

test('auto-debit from the order page: sandbox agreement signed → 自动扣款已开通 with channel and date → 解约处理中 while the channel does not confirm → off', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    const me = await loginCustomerByApi(baseUrl(), ZHANG_PHONE);
    await openH5As(page, baseUrl(), me);
    await page.goto(`${baseUrl()}/rentals`);
    await page.getByTestId('rental-row').filter({ hasText: '租赁中' }).first().click();
    await page.waitForURL(/\/rentals\/rord_/);
    const orderUrl = page.url();
    const card = page.getByTestId('rental-auto-debit');
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId('rental-auto-debit-start').click();
    // Amount, from and to before anything is signed.
    const dialog = page.locator('.adm-dialog-content');
    await waitForText(dialog, '从您的支付宝扣款，付给 租机 · Zulin');
    await waitForText(dialog, /每期租金 ¥\d[\d,]*\.\d{2}/);
    await page.getByText('去签约', { exact: true }).click();

    // The sandbox's sign page: whom he authorises and the most one charge may take.
    await page.waitForURL(/\/sandbox-agreement\/sbg_/, { timeout: UI_TIMEOUT_MS });
    await page.getByTestId('sandbox-agreement').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('sandbox-agreement-cap'), '单笔最高 ¥5,000.00');
    await waitForText(page.getByTestId('sandbox-agreement-purpose'), '租金到期自动扣款（周期扣款）');
    await waitForText(page.getByTestId('sandbox-agreement-merchant'), '商户号');
    await shot(page, '01-sandbox-agreement');
    await page.getByTestId('sandbox-agreement-sign').click();

    // Back on the order page, which asks the channel: on, with the channel and since when.
    await page.waitForURL(/\/rentals\/rord_.*from=agreement/, { timeout: UI_TIMEOUT_MS });
    const on = page.getByTestId('rental-auto-debit-on');
    await on.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(on, /自动扣款已开通 · 支付宝 · 自 .+ 起/);
    await waitForText(card, '单笔最高 ¥5,000.00');
    await shot(page, '02-auto-debit-on');

    // Turned off while the channel does not answer (5xx on every retry of the call): the request is
    // kept, and the card says so — 解约处理中 with the day asked, no button, nothing auto-debited.
    await knobs({ failNextCalls: 3 });
    await page.getByTestId('rental-auto-debit-off').click();
    await waitForText(page.locator('.adm-dialog-content'), '关闭后租金不再自动扣款');
    await page.getByText('确认关闭', { exact: true }).click();
    const pending = page.getByTestId('rental-auto-debit-unsign-pending');
    await pending.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(pending, /解约处理中 · 支付宝 · .+ 申请关闭/);
    await waitForText(card, '在此期间租金不会自动扣款');
    await page.goto(orderUrl);
    await pending.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await page.getByTestId('rental-auto-debit-off').count(), 0, 'no turn-off button while pending');
    await shot(page, '03-auto-debit-unsign-pending');

    // Staff see it on the console's order page: asked at, the failed attempt and the channel's error.
    const desk = await openBrowser(DESKTOP_VIEWPORT);
    try {
      await signInStaffByApi(desk.page, baseUrl());
      await desk.page.goto(`${baseUrl()}/admin/orders/${orderUrl.split('/rentals/')[1]?.split(/[?#]/)[0]}`);
      const staffView = desk.page.getByTestId('order-agreements');
      await staffView.waitFor({ timeout: UI_TIMEOUT_MS });
      await waitForText(staffView, '解约处理中');
      await waitForText(staffView, '渠道未确认 1 次');
      await waitForText(staffView, '最近错误：');
      await staffView.scrollIntoViewIfNeeded();
      await desk.page.screenshot({ path: `${SHOTS}/03b-console-unsign-pending.png`, fullPage: true });
      assert.deepEqual(desk.errors, []);
    } finally {
      await desk.close();
    }

    // The channel answers again and the request is asked once more (as the agreement sweep does):
    // off, and the card offers to turn it on again.
    await knobs({ failNextCalls: 0 });
    const agreements = (await (
      await fetch(`${baseUrl()}/v1/payments/agreements`, { headers: { authorization: `Bearer ${me.accessToken}` } })
    ).json()) as { data: { id: string; state: string; unsignRequestedAt: string | null }[] };
    const waiting = agreements.data.find((a) => a.unsignRequestedAt !== null);
    assert.ok(waiting, 'the unsign request is kept');
    const again = await fetch(`${baseUrl()}/v1/payments/agreements/${waiting.id}/unsign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${me.accessToken}` },
    });
    assert.equal(again.status, 200);
    await page.goto(orderUrl);
    await page.getByTestId('rental-auto-debit-start').waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(page, '04-auto-debit-off');
    // The 503 of the unsign the channel did not answer is the one console error.
    assert.deepEqual(
      errors.filter((e) => !e.includes('503')),
      [],
    );
  } finally {
    await browser.close();
  }
});
