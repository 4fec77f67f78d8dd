// Wallet screens: (a) a customer enrols an authenticator (the test computes its TOTP codes from the
// secret the page shows), tops up ¥10,000, binds a bank card after two refused numbers, withdraws
// ¥6,000 with an authenticator code and sees it paid out, downloads statements and removes the card;
// (b) a customer splits a bill with a friend, the friend pays their share, the bill is settled;
// (c) an operator lists ledger accounts, opens one with its postings, and a customer's wallet.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { screenshot } from './harness';
import {
  type CustomerSession,
  clickWhenStill,
  DESKTOP_VIEWPORT,
  failGets,
  hasHorizontalOverflow,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  screenshotH5,
  serverForThisFile,
  settle,
  signInStaffByApi,
  topUpThroughCashier,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(240_000);
/** Waits for the worker: a channel's notification or a bank's payout is applied after commit. */
const SETTLE_TIMEOUT_MS = patience(30_000);
const ENROLLING_PHONE = '13700137101';
const REQUESTER_PHONE = '13700137102';
const FRIEND_PHONE = '13700137103';
const CONSOLE_CUSTOMER_PHONE = '13700137104';
const POINTS_PHONE = '13700137105';

const baseUrl = serverForThisFile();

// RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits), written here from the RFC rather than taken
// from the server, so that the test checks the server's codes instead of agreeing with itself.
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Bytes(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of text) {
    const index = BASE32.indexOf(char);
    assert.ok(index >= 0, `not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Bytes(secret)).update(counter).digest();
  const offset = (mac.at(-1) ?? 0) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const currentStep = () => Math.floor(Date.now() / 30_000);

/** Tops a wallet up through payments' sandbox cashier by API and waits until the channel's callback credited it. */
async function topUpByApi(session: CustomerSession, amountMinor: number): Promise<void> {
  await topUpThroughCashier(baseUrl(), session.accessToken, amountMinor);
}

/** Runs a journey in a fresh browser (closed afterwards, whatever happens) with the page's errors collected. */
async function inBrowser(options: BrowserContextOptions, journey: (page: Page, errors: string[]) => Promise<void>) {
  const browser = await openBrowser(options);
  try {
    await journey(browser.page, browser.errors);
  } finally {
    await browser.close();
  }
}

async function confirmDialog(page: Page, text: string): Promise<void> {
  await page.locator('.adm-dialog-button').filter({ hasText: text }).last().click();
}

test('a customer enrols an authenticator, binds a card and withdraws ¥6,000 with its code', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const customer = await loginCustomerByApi(baseUrl(), `+86${ENROLLING_PHONE}`);
  await inBrowser(PHONE_VIEWPORT, async (page, errors) => {
    await openH5As(page, baseUrl(), customer);
    await page.goto(`${baseUrl()}/wallet`);
    await waitForText(page.getByTestId('wallet-available'), '¥0.00');
    assert.equal(await hasHorizontalOverflow(page), false, 'the wallet is wider than the phone');
    await screenshotH5(page, 'h5-wallet-services');

    // Enrol the authenticator: the secret is shown in groups of four, with its otpauth link.
    await page.getByTestId('wallet-security').click();
    await page.waitForURL(/\/wallet\/security$/);
    await screenshotH5(page, 'h5-security-intro');
    await page.getByTestId('second-factor-start').click();
    const grouped = (await page.getByTestId('second-factor-secret').textContent()) ?? '';
    assert.match(grouped, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, `the secret is not grouped: ${grouped}`);
    const secret = grouped.replaceAll(' ', '');
    const link = await page.locator('a.totp-link').getAttribute('href');
    assert.ok(link?.startsWith('otpauth://totp/') && link.includes(`secret=${secret}`), `bad otpauth link ${link}`);
    await screenshotH5(page, 'h5-security-enroll');

    // A wrong code is refused and says so; the right one turns the factor on.
    const enrolStep = currentStep();
    const valid = new Set([-1, 0, 1].map((d) => totpAt(secret, enrolStep + d)));
    const wrong = ['123456', '654321', '111111', '222222'].find((code) => !valid.has(code)) ?? '333333';
    await page.getByTestId('second-factor-confirm-code').locator('input').fill(wrong);
    await page.getByTestId('second-factor-confirm').click();
    await waitForText(page.getByTestId('second-factor-error'), '动态码错误');
    await screenshotH5(page, 'h5-security-wrong-code');
    await page.getByTestId('second-factor-confirm-code').locator('input').fill(totpAt(secret, enrolStep));
    await page.getByTestId('second-factor-confirm').click();
    await page.getByTestId('second-factor-active').waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshotH5(page, 'h5-security-active');

    // Top up ¥10,000 at the sandbox cashier.
    await page.goto(`${baseUrl()}/wallet/top-up`);
    await page.getByTestId('top-up-amount').locator('input').fill('10000');
    await page.getByTestId('top-up-next').click();
    await page.getByTestId('cashier-pay').click();
    await page.getByTestId('top-up-succeeded').waitFor({ timeout: SETTLE_TIMEOUT_MS });
    await waitForText(page.getByTestId('top-up-balance'), '¥10,000.00');

    // Bind a card: a wrong check digit is caught on the page, a declined card shows the bank's answer.
    await page.goto(`${baseUrl()}/wallet`);
    await page.getByTestId('wallet-cards').click();
    await page.waitForURL(/\/wallet\/cards$/);
    await waitForText(page.getByTestId('bank-cards'), '还没有绑定银行卡');
    await screenshotH5(page, 'h5-cards-empty');
    await page.getByTestId('bind-card').click();
    await page.waitForURL(/\/wallet\/cards\/bind$/);
    await page.getByTestId('sandbox-cards').waitFor({ timeout: UI_TIMEOUT_MS });
    const cardInput = page.getByTestId('card-number').locator('input');
    await cardInput.fill('6222021234567890123');
    await page.getByTestId('bind-submit').click();
    await waitForText(page.locator('.adm-form-item-feedback-error'), '校验位');
    assert.equal(await cardInput.inputValue(), '6222 0212 3456 7890 123', 'the number is not grouped');
    await screenshotH5(page, 'h5-bind-card-luhn');
    await cardInput.fill('6222020000000000000');
    await page.getByTestId('bind-submit').click();
    await waitForText(page.getByTestId('bind-card-error'), '银行未通过这张卡的验证');
    await waitForText(page.getByTestId('bind-card-error'), '此卡已挂失');
    await screenshotH5(page, 'h5-bind-card-declined');
    await cardInput.fill('6222021234567890128');
    await page.getByTestId('bind-submit').click();
    await page.waitForURL(/\/wallet\/cards$/, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.locator('.adm-toast-main'), '已绑定 中国工商银行（尾号 0128）');
    await page.locator('.adm-toast-main').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('bank-card'), '中国工商银行');
    await waitForText(page.getByTestId('bank-card'), '**** **** **** 0128');
    await screenshotH5(page, 'h5-cards');

    // Withdraw ¥6,000: the API asks for the second factor; the authenticator's code passes it.
    await page.goto(`${baseUrl()}/wallet`);
    await page.getByTestId('wallet-withdraw').click();
    await page.waitForURL(/\/wallet\/withdraw$/);
    await waitForText(page.getByTestId('withdraw-available'), '¥10,000.00');
    await page.getByTestId('withdraw-amount').locator('input').fill('6000');
    await screenshotH5(page, 'h5-withdraw-form');
    await page.getByTestId('withdraw-submit').click();
    await page.getByTestId('second-factor').waitFor({ timeout: UI_TIMEOUT_MS });
    // By SMS: the code goes to the customer's own phone (masked here).
    await page.getByTestId('second-factor-send-sms').click();
    await waitForText(page.getByTestId('second-factor'), '验证码已发送至 137****7101');
    await screenshot(page, 'h5-withdraw-second-factor-sms', { fullPage: false });
    // By the authenticator enrolled above.
    await page.getByTestId('second-factor-method').getByText('身份验证器').click();
    await screenshot(page, 'h5-withdraw-second-factor', { fullPage: false });
    // Each 30-second step is accepted once: the enrolment used one, so a later step is taken.
    const withdrawStep = Math.max(currentStep(), enrolStep + 1);
    await page.getByTestId('second-factor-code').locator('input').fill(totpAt(secret, withdrawStep));
    await confirmDialog(page, '确认');
    await page.getByTestId('withdrawal-succeeded').waitFor({ timeout: SETTLE_TIMEOUT_MS });
    await waitForText(page.getByTestId('withdrawal-succeeded'), '¥6,000.00');
    await waitForText(page.getByTestId('withdraw-balance'), '¥4,000.00');
    await screenshotH5(page, 'h5-withdraw-succeeded');

    await page.goto(`${baseUrl()}/wallet`);
    await waitForText(page.getByTestId('wallet-available'), '¥4,000.00');
    await waitForText(page.getByTestId('wallet-history'), '−¥6,000.00');
    // One line per withdrawal in its current state: not the hold and its payout as two charges,
    // and no 冻结/处理中 tag once the bank paid it out.
    const history = (await page.getByTestId('wallet-history').textContent()) ?? '';
    assert.equal(history.split('−¥6,000.00').length - 1, 1, `the withdrawal is listed more than once: ${history}`);
    assert.ok(
      !history.includes('冻结中') && !history.includes('处理中'),
      `a paid withdrawal still reads held: ${history}`,
    );
    await screenshotH5(page, 'h5-wallet-after-withdraw');

    // Statements: both files come with the bearer token and carry this month's movements.
    await page.getByTestId('wallet-statements').click();
    await page.waitForURL(/\/wallet\/statements$/);
    await screenshotH5(page, 'h5-statements');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-csv').click()]);
    assert.match(csv.suggestedFilename(), /^zulin-wallet-\d{4}-\d{2}\.csv$/);
    const csvText = readFileSync((await csv.path()) ?? '', 'utf8');
    assert.match(csvText, /充值/); // the top-up row, in the statement's language
    assert.match(csvText, /10000\.00/);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-pdf').click()]);
    assert.equal(
      readFileSync((await pdf.path()) ?? '')
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );

    // The balance did not load: no form to withdraw blind, the error screen with a retry instead
    // (zh-CN and English); once the server answers again the retry shows the balance and the form.
    const restoreWallet = await failGets(page, '/v1/wallet', {
      status: 500,
      code: 'INTERNAL',
      requestId: 'req_e2e_withdraw_balance',
    });
    await page.goto(`${baseUrl()}/wallet/withdraw`);
    await waitForText(page.getByTestId('error-state'), '可用余额加载失败，暂时无法提现');
    await waitForText(page.getByTestId('error-details'), 'req_e2e_withdraw_balance');
    assert.equal(await page.getByTestId('withdraw-submit').count(), 0);
    await screenshotH5(page, 'h5-withdraw-balance-failed');
    await page.evaluate(`localStorage.setItem('zulin.h5.lang', 'en')`);
    await page.reload();
    await waitForText(page.getByTestId('error-state'), 'Could not load your balance, so you cannot withdraw yet');
    await screenshotH5(page, 'h5-withdraw-balance-failed-en');
    await page.evaluate(`localStorage.setItem('zulin.h5.lang', 'zh-CN')`);
    await page.reload();
    await waitForText(page.getByTestId('withdraw-balance-retry'), '重试');
    await restoreWallet();
    await clickWhenStill(page.getByTestId('withdraw-balance-retry'));
    await waitForText(page.getByTestId('withdraw-available'), '¥4,000.00');
    assert.equal(await page.getByTestId('error-state').count(), 0);
    await page.getByTestId('withdraw-submit').waitFor({ timeout: UI_TIMEOUT_MS });

    // Remove the card (its withdrawal is done): the list is empty again.
    await page.goto(`${baseUrl()}/wallet/cards`);
    await page.getByTestId('remove-card-0128').click();
    await page.locator('.adm-dialog-body').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.waitForTimeout(400); // the dialog fades in (a JavaScript animation the screenshot cannot skip)
    await screenshot(page, 'h5-cards-remove-confirm', { fullPage: false });
    await confirmDialog(page, '解绑');
    await waitForText(page.getByTestId('bank-cards'), '还没有绑定银行卡');

    // The browser logs each refused request: exactly the three the journey provoked, nothing else.
    const refused = (status: number) =>
      `console: Failed to load resource: the server responded with a status of ${status}`;
    assert.deepEqual(
      errors
        .filter((e) => !(e.includes('status of 500') && e.endsWith('/v1/wallet)')))
        .map((e) => e.replace(/ \(.*\)$/, '')),
      [refused(403), refused(422), refused(403)],
      'wrong enrolment code (403), declined card (422), second factor required (403); and the routed 500s of the balance',
    );
  });
});

test('a customer splits a bill with a friend, the friend pays, the bill is settled', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const requester = await loginCustomerByApi(baseUrl(), `+86${REQUESTER_PHONE}`);
  const friend = await loginCustomerByApi(baseUrl(), `+86${FRIEND_PHONE}`);
  await topUpByApi(friend, 10_000);
  await inBrowser(PHONE_VIEWPORT, async (page, errors) => {
    // The requester asks for ¥90 split between the friend and themself: ¥45 each.
    await openH5As(page, baseUrl(), requester);
    await page.goto(`${baseUrl()}/wallet`);
    await page.getByTestId('wallet-splits').click();
    await page.waitForURL(/\/wallet\/splits$/);
    await waitForText(page.getByTestId('splits-mine'), '还没有发起过');
    await screenshotH5(page, 'h5-splits-empty');
    await page.getByTestId('split-create').click();
    await page.getByTestId('split-title').locator('input').fill('周五聚餐');
    await page.getByTestId('split-total').locator('input').fill('90');
    await page.getByTestId('split-friend-0').locator('input').fill(FRIEND_PHONE);
    await waitForText(page.getByTestId('split-preview'), '¥45.00');
    await screenshotH5(page, 'h5-split-create');
    await page.getByTestId('split-submit').click();
    await page.waitForURL(/\/wallet\/splits\/split_/, { timeout: UI_TIMEOUT_MS });
    const detailUrl = page.url();
    await waitForText(page.getByTestId('split-status'), '进行中');
    await waitForText(page.getByTestId('split-shares'), '未付');
    await screenshotH5(page, 'h5-split-open');

    // The friend sees it among the splits waiting for them and pays their share.
    await openH5As(page, baseUrl(), friend);
    await page.goto(`${baseUrl()}/wallet/splits`);
    await page.getByTestId('splits-tab-asked').click();
    await waitForText(page.getByTestId('splits-asked'), '你需支付 ¥45.00');
    await screenshotH5(page, 'h5-splits-asked');
    await page.getByTestId('split-row').filter({ hasText: '周五聚餐' }).click();
    await page.getByTestId('split-pay').click();
    await waitForText(page.getByTestId('split-status'), '已结清');
    await screenshotH5(page, 'h5-split-paid');
    await page.goto(`${baseUrl()}/wallet`);
    await waitForText(page.getByTestId('wallet-available'), '¥55.00');

    // The requester sees the split settled and the ¥45 in their wallet.
    await openH5As(page, baseUrl(), requester);
    await page.goto(detailUrl);
    await waitForText(page.getByTestId('split-status'), '已结清');
    const unpaid = await settle(
      () => page.getByTestId('split-shares').getByText('未付').count(),
      (n) => n === 0,
    );
    assert.equal(unpaid, 0, 'a share still shows unpaid');
    await screenshotH5(page, 'h5-split-settled');
    await page.goto(`${baseUrl()}/wallet`);
    await waitForText(page.getByTestId('wallet-available'), '¥45.00');

    assert.deepEqual(errors, [], 'the bill split pages logged errors');
  });
});

test('an operator lists ledger accounts, opens one with its postings, and opens a customer wallet', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const customer = await loginCustomerByApi(baseUrl(), `+86${CONSOLE_CUSTOMER_PHONE}`);
  await topUpByApi(customer, 12_345);
  await inBrowser(DESKTOP_VIEWPORT, async (page, errors) => {
    const staffToken = await signInStaffByApi(page, baseUrl());
    const staff = createZulinClient({ baseUrl: baseUrl(), getToken: () => staffToken });
    const award = await staff.POST('/v1/admin/wallet/points-awards', {
      body: { customerId: customer.customerId, points: 300, reason: 'e2e', sourceRef: `e2e-${customer.customerId}` },
    });
    assert.equal(award.response.status, 201, 'the points award was refused');

    await page.goto(`${baseUrl()}/admin/finance/accounts`);
    await page
      .getByTestId('accounts-table')
      .locator('tbody tr.ant-table-row')
      .first()
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('accounts-table'), '客户钱包');
    await screenshot(page, 'admin-accounts');

    // Filter by owner: only the customer's accounts (wallet, and points once used), then the wallet's page.
    await page.getByLabel('归属 ID').fill(customer.customerId);
    await page.getByTestId('accounts-search').click();
    const rows = page.getByTestId('accounts-table').locator('tbody tr.ant-table-row');
    const owners = await settle(
      () => rows.locator('.mono-cell').filter({ hasText: /^cus_/ }).allTextContents(),
      (ids) => ids.length > 0 && ids.every((id) => id === customer.customerId),
    );
    assert.ok(owners.length > 0 && owners.every((id) => id === customer.customerId), `other owners: ${owners}`);
    const walletRow = rows.filter({ hasText: '客户钱包' });
    await waitForText(walletRow, '¥123.45');
    await screenshot(page, 'admin-accounts-filtered');
    await walletRow.getByRole('link').click();
    await page.waitForURL(/\/admin\/finance\/accounts\/ldg_acc_/, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('postings-table'), 'wallet.top_up');
    await waitForText(page.getByTestId('postings-table'), '贷方');
    await waitForText(page.getByTestId('figure-available'), '¥123.45');
    await screenshot(page, 'admin-account-detail');

    // From the customers page, the customer's wallet: balances and recent postings.
    await page.goto(`${baseUrl()}/admin/customers`);
    await page.getByTestId('customer-search').fill(CONSOLE_CUSTOMER_PHONE);
    await page.getByTestId('customer-search').press('Enter');
    await page.getByTestId('customer-wallet').first().click();
    await page.waitForURL(/\/admin\/customers\/cus_[^/]+\/wallet$/, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('customer-wallet-cny'), '¥123.45');
    await waitForText(page.getByTestId('customer-wallet-points'), '300');
    await waitForText(page.getByTestId('postings-table'), 'wallet.top_up');
    await screenshot(page, 'admin-customer-wallet');

    assert.deepEqual(errors, [], 'the console pages logged errors');
  });
});

test("a customer's points lots say why in the reader's language: a bill paid on time (its title), valuable feedback, an operator's own reason", {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const customer = await loginCustomerByApi(baseUrl(), `+86${POINTS_PHONE}`);
  await inBrowser(PHONE_VIEWPORT, async (page, errors) => {
    // 财务 awards them as billing, feedback and an operator do (the wallet names the reason by sourceRef).
    const financeToken = await signInStaffByApi(page, baseUrl(), 'finance');
    const finance = createZulinClient({ baseUrl: baseUrl(), getToken: () => financeToken });
    for (const body of [
      { points: 350, reason: '按时支付：3月租金', sourceRef: `bill:bil_e2e${customer.customerId.slice(4)}` },
      { points: 200, reason: '有价值的反馈', sourceRef: `feedback:fb_e2e${customer.customerId.slice(4)}:valuable` },
      { points: 50, reason: '春季活动', sourceRef: `e2e-spring-${customer.customerId}` },
    ]) {
      const award = await finance.POST('/v1/admin/wallet/points-awards', {
        body: { customerId: customer.customerId, ...body },
      });
      assert.equal(award.response.status, 201, 'the points award was refused');
    }
    await openH5As(page, baseUrl(), customer);
    await page.goto(`${baseUrl()}/wallet/points`);
    const reasons = page.getByTestId('points-lot-reason');
    await waitForText(page.getByTestId('points-balance'), '600');
    await waitForText(reasons, '按时支付：3月租金');
    await waitForText(reasons, '有价值的反馈');
    await waitForText(reasons, '春季活动');
    await screenshotH5(page, 'h5-points-lots');
    await page.evaluate(`localStorage.setItem('zulin.h5.lang', 'en')`);
    await page.reload();
    // The bill's title and the operator's reason are their own words, shown as written.
    await waitForText(reasons, 'Paid on time: 3月租金');
    await waitForText(reasons, 'Valuable feedback');
    await waitForText(reasons, '春季活动');
    assert.deepEqual(
      (await reasons.allTextContents()).filter((text) => /按时支付|有价值的反馈/.test(text)),
      [],
      'a Chinese reason on the English page',
    );
    await screenshotH5(page, 'h5-points-lots-en');
    assert.deepEqual(errors, []);
  });
});
