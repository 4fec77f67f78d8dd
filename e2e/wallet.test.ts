// Wallet journeys: a customer signs in, tops up ¥100 at the sandbox cashier and sends ¥30 to a
// friend, leaving ¥70; then an operator sees the money in the console's trial balance, transfer
// search and disputes queue.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { addDays } from '@zulin/kernel';
import { createZulinClient } from '@zulin/sdk';
import { strFromU8, unzipSync } from 'fflate';
import { screenshot } from './harness';
import {
  advanceSandboxClock,
  clickWhenStill,
  consentsInForce,
  DESKTOP_VIEWPORT,
  hasHorizontalOverflow,
  loginCustomerByApi,
  openBrowser,
  PHONE_VIEWPORT,
  patience,
  screenshotH5,
  serverForThisFile,
  signInStaffByApi,
  storeStaffSession,
  topUpThroughCashier,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(180_000);
const CUSTOMER_PHONE = '13700137001';
const FRIEND_PHONE = '13700137002';

const baseUrl = serverForThisFile();

/** Signs a customer up through the API (sandbox SMS), so that their phone number exists. */
async function signUpByApi(phone: string): Promise<void> {
  const client = createZulinClient({ baseUrl: baseUrl() });
  await client.POST('/v1/auth/sms-codes', { body: { phone: `+86${phone}` } });
  const sms = await client.GET('/v1/sandbox/sms', { params: { query: { phone: `+86${phone}` } } });
  const code = sms.data?.data.find((m) => m.code !== null)?.code;
  assert.ok(code, 'the sandbox recorded no code');
  const consents = await consentsInForce(baseUrl());
  const { data } = await client.POST('/v1/auth/login', { body: { phone: `+86${phone}`, code, consents } });
  assert.ok(data, 'the friend could not sign up');
}

test('a customer tops up ¥100 at the sandbox cashier and sends ¥30 to a friend', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  await signUpByApi(FRIEND_PHONE);
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;

    // Sign in with the sandbox SMS code, coming from the wallet tab.
    await page.goto(`${baseUrl()}/login?redirect=${encodeURIComponent('/wallet')}`);
    await page.getByTestId('login-phone').locator('input').fill(CUSTOMER_PHONE);
    await page.getByTestId('send-code').click();
    const hint = page.getByTestId('sandbox-code');
    await waitForText(hint, /\d{6}/);
    const code = /(\d{6})/.exec((await hint.textContent()) ?? '')?.[1];
    assert.ok(code, 'the sandbox hint shows no code');
    await page.getByTestId('login-code').locator('input').fill(code);
    await page.getByTestId('login-consent').click();
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/wallet$/, { timeout: UI_TIMEOUT_MS });
    await page
      .locator('.adm-toast-main')
      .filter({ hasText: '登录成功' })
      .waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('wallet-available'), '¥0.00');
    await waitForText(page.getByTestId('wallet-history'), '还没有交易记录');
    assert.equal(await hasHorizontalOverflow(page), false, 'the wallet is wider than the phone');
    await screenshotH5(page, 'h5-wallet-empty');

    // Top up ¥100: the amount, then the sandbox cashier, then the credited balance.
    await page.getByTestId('wallet-top-up').click();
    await page.waitForURL(/\/wallet\/top-up$/);
    await page.getByTestId('top-up-amount').locator('input').fill('100');
    await screenshotH5(page, 'h5-wallet-top-up-amount');
    await page.getByTestId('top-up-next').click();
    await waitForText(page.getByTestId('sandbox-cashier'), '¥100.00');
    await screenshotH5(page, 'h5-wallet-sandbox-cashier');
    await page.getByTestId('cashier-pay').click();
    await page.getByTestId('top-up-succeeded').waitFor({ timeout: patience(30_000) });
    await waitForText(page.getByTestId('top-up-balance'), '¥100.00');
    await screenshotH5(page, 'h5-wallet-top-up-succeeded');

    // Transfer ¥30 to the friend.
    await page.getByRole('button', { name: '返回钱包' }).click();
    await page.waitForURL(/\/wallet$/);
    await waitForText(page.getByTestId('wallet-available'), '¥100.00');
    await page.getByTestId('wallet-transfer').click();
    await page.waitForURL(/\/wallet\/transfer$/);
    await page.getByTestId('transfer-phone').locator('input').fill(FRIEND_PHONE);
    await page.getByTestId('transfer-amount').locator('input').fill('30');
    await page.getByTestId('transfer-note').locator('input').fill('午饭 AA');
    await screenshotH5(page, 'h5-wallet-transfer-form');
    await page.getByTestId('transfer-submit').click();
    // Before the money moves: whom it reaches (masked phone; the friend has not verified a name) and how much.
    await waitForText(
      page.getByTestId('transfer-recipient'),
      `${FRIEND_PHONE.slice(0, 3)}****${FRIEND_PHONE.slice(-4)}`,
    );
    await screenshotH5(page, 'h5-wallet-transfer-confirm');
    await page.getByTestId('transfer-confirm-ok').click();
    await page.getByTestId('transfer-succeeded').waitFor({ timeout: UI_TIMEOUT_MS });
    // The receipt names the friend masked, never the full number.
    const receipt = (await page.getByTestId('transfer-succeeded').textContent()) ?? '';
    assert.ok(!receipt.includes(FRIEND_PHONE), `the receipt shows the full phone number: ${receipt}`);
    assert.ok(receipt.includes('****'), `the receipt names no masked recipient: ${receipt}`);
    await waitForText(page.getByTestId('transfer-balance'), '¥70.00');
    await screenshotH5(page, 'h5-wallet-transfer-succeeded');

    // The wallet shows ¥70 and both movements.
    await page.getByTestId('transfer-done').click();
    await page.waitForURL(/\/wallet$/);
    await waitForText(page.getByTestId('wallet-available'), '¥70.00');
    await waitForText(page.getByTestId('wallet-history'), '−¥30.00');
    await waitForText(page.getByTestId('wallet-history'), '+¥100.00');
    await screenshotH5(page, 'h5-wallet-after-transfer');

    // Points: earned only for on-time bills and useful feedback (DOMAIN.md §8), so a top-up and a
    // transfer earn none: the page shows 0 points worth ¥0.00, and no redeem button.
    await page.getByTestId('wallet-points').click();
    await waitForText(page.getByTestId('points-balance'), '¥0.00');
    assert.equal(await page.getByTestId('points-balance').locator('.wallet-balance-amount').textContent(), '0');
    await screenshotH5(page, 'h5-wallet-points');

    assert.deepEqual(errors, [], 'the wallet pages logged errors');
  } finally {
    await browser.close();
  }
});

test('an operator sees the balanced trial balance, the transfers and the disputes queue', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page, errors } = browser;
    await signInStaffByApi(page, baseUrl());

    await page.goto(`${baseUrl()}/admin/finance/ledger`);
    await waitForText(page.getByTestId('trial-balance-status'), '借贷平衡');
    // What "balanced" claims, read off the page: posted debits equal posted credits, and the demo's
    // money is there (not two zeros).
    const figures = await page.locator('.ant-statistic-content').allInnerTexts();
    assert.equal(
      figures.length,
      4,
      `the page shows ${figures.length} totals, not posted and pending debits and credits`,
    );
    const [postedDebits, postedCredits] = figures;
    assert.equal(postedDebits, postedCredits, `posted debits ${postedDebits} vs credits ${postedCredits}`);
    assert.notEqual(postedDebits?.replace(/\s/g, ''), '¥0.00');
    const accountRows = await page.getByTestId('trial-balance-table').locator('tbody tr.ant-table-row').count();
    assert.ok(accountRows > 1, `the trial balance lists ${accountRows} accounts`);
    await screenshot(page, 'admin-trial-balance');

    await page.goto(`${baseUrl()}/admin/finance/transfers`);
    await waitForText(page.getByTestId('transfers-table'), 'wallet.top_up');
    await screenshot(page, 'admin-ledger-transfers');

    await page.goto(`${baseUrl()}/admin/finance/disputes`);
    // The demo's open dispute (a top-up charged twice) is in the queue, by its type's name.
    await waitForText(page.getByTestId('disputes-table'), '重复扣款');
    await screenshot(page, 'admin-disputes');

    assert.deepEqual(errors, [], 'the finance pages logged errors');
  } finally {
    await browser.close();
  }
});

/** "¥1,234.56" as 123456 分. */
function fenOf(text: string): number {
  const match = /(-?)¥([\d,]+)\.(\d{2})/.exec(text.replace(/\s/g, ''));
  assert.ok(match, `not an amount: ${text}`);
  return (match[1] ? -1 : 1) * (Number(match[2]?.replaceAll(',', '')) * 100 + Number(match[3]));
}

// Runs last: it moves the server's clock a day on.
test('the trial balance as of an earlier date, with its totals, exported to Excel', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page, errors } = browser;
    // The operator moves the clock (ops.write): the admin's code of this 30-s window was used by the
    // test before, and a TOTP code works once. The admin signs in after the move, at the server's time.
    const token = await signInStaffByApi(page, baseUrl(), 'operator');
    // A day passes on the server's clock, then a customer tops up ¥88.00: today differs from yesterday.
    const { staff } = await advanceSandboxClock(baseUrl(), token, 1);
    await storeStaffSession(page, staff);
    const customer = await loginCustomerByApi(baseUrl(), '+8613700137003');
    await topUpThroughCashier(baseUrl(), customer.accessToken, 8_800);
    const status = await createZulinClient({ baseUrl: baseUrl() }).GET('/v1/system/status');
    const today = status.data?.businessDate;
    assert.ok(today, 'no business date');
    const yesterday = addDays(today, -1);

    await page.goto(`${baseUrl()}/admin/finance/ledger`);
    await waitForText(page.getByTestId('trial-balance-status'), '借贷平衡');
    const picker = page.getByTestId('trial-balance-as-of-date').locator('input');
    assert.equal(await picker.inputValue(), today, 'the date picker starts on the business date');
    const figures = () => page.locator('.ant-statistic-content').allInnerTexts();
    const now = await figures();

    // As of the end of yesterday in Shanghai: the top-up is not there yet.
    await clickWhenStill(picker);
    await picker.fill(yesterday);
    await picker.press('Enter');
    await waitForText(page.getByTestId('trial-balance-as-of'), `截至 ${yesterday} 23:59:59`);
    await waitForText(page.getByTestId('trial-balance-status'), '借贷平衡');
    const before = await figures();
    assert.equal(before[0], before[1], `posted debits ${before[0]} vs credits ${before[1]} as of ${yesterday}`);
    const [postedNow, postedBefore] = [fenOf(now[0] ?? ''), fenOf(before[0] ?? '')];
    assert.ok(postedBefore > 0, 'yesterday had the demo’s and the first test’s money');
    assert.ok(postedNow - postedBefore >= 8_800, `posted debits ${postedBefore} then, ${postedNow} now`);
    // The table's totals line is the figures above.
    const totalsLine = (await page.getByTestId('trial-balance-table-totals').textContent()) ?? '';
    assert.match(totalsLine, /^合计/);
    assert.ok(totalsLine.includes(before[0] ?? '?'), `the totals line ${totalsLine} lacks ${before[0]}`);
    await screenshot(page, 'admin-trial-balance-as-of');

    // The export: the table as shown, its totals line last, amounts as numbers.
    const exported = page.waitForEvent('download');
    await page.getByTestId('trial-balance-export').click();
    const download = await exported;
    assert.equal(download.suggestedFilename(), `试算平衡-CNY-${yesterday}.xlsx`);
    const sheet = strFromU8(
      unzipSync(new Uint8Array(await readFile(await download.path())))['xl/worksheets/sheet1.xml']!,
    );
    assert.match(sheet, /<t>借方（已入账）<\/t>/, 'the export has the table header');
    const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)];
    const shownRows = await page.getByTestId('trial-balance-table').locator('tbody tr.ant-table-row').count();
    assert.equal(rows.length, shownRows + 2, 'header, every line of the table and the totals line');
    const last = rows.at(-1);
    assert.match(last?.[2] ?? '', /<t>合计<\/t>/);
    const yuan = (postedBefore / 100).toFixed(2);
    assert.match(last?.[2] ?? '', new RegExp(`<c r="D${last?.[1]}" s="2"><v>${yuan}</v></c>`), 'posted debits');
    assert.match(last?.[2] ?? '', new RegExp(`<c r="E${last?.[1]}" s="2"><v>${yuan}</v></c>`), 'posted credits');

    assert.deepEqual(errors, [], 'the trial balance page logged errors');
  } finally {
    await browser.close();
  }
});
