// The set-up every browser journey shares — one server per test file on a fresh data directory, a
// browser page whose errors are collected, sign-in with the demo accounts — and the steps they
// share: waiting for text, screenshots of pages that scroll inside the app frame.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before } from 'node:test';
import { testIdNumber } from '@zulin/rental/testing';
import { createZulinClient } from '@zulin/sdk';
import { generate } from 'otplib';
import type { BrowserContext, BrowserContextOptions, Locator, Page, Route } from 'playwright-core';
import { launchBrowser, type RunningServer, type StartOptions, screenshot, startServer } from './harness';

/**
 * How much longer than on a quiet machine every wait and every test may take (E2E_TIME_SCALE, default
 * 1). CI runs the browser tests beside the type-check and both Vitest legs on two cores, where a
 * journey takes two to three times as long as it does alone (docs/testing.md): it sets 3. Patience
 * only — a page that never shows what is asked still fails, later.
 */
export const E2E_TIME_SCALE = timeScaleOf(process.env.E2E_TIME_SCALE);
/** `ms` on a quiet machine, scaled by E2E_TIME_SCALE. */
export function patience(ms: number): number {
  return Math.round(ms * E2E_TIME_SCALE);
}
function timeScaleOf(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 1;
  const scale = Number(text);
  if (!(scale >= 1 && scale <= 10)) throw new Error(`E2E_TIME_SCALE must be a number from 1 to 10, not ${text}`);
  return scale;
}

export const UI_TIMEOUT_MS = patience(15_000);
/** Long enough for the sandbox channel's first callback retry: due 15 s after an unanswered post, sent by its 30 s sweep. */
export const CALLBACK_RETRY_WAIT_MS = patience(60_000);

/** The seed's demo staff password and TOTP secret (packages/modules/identity/src/seed.ts). */
export const DEMO_STAFF_PASSWORD = 'zulin-demo-2026';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const PHONE_VIEWPORT = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} as const;
export const DESKTOP_VIEWPORT = { viewport: { width: 1440, height: 900 } } as const;

// A fresh data directory is seeded before the server is ready: seconds on a quiet machine, minutes
// on a very busy one (the harness waits up to five).
const SERVER_START_TIMEOUT_MS = patience(330_000);

/**
 * Starts one Zulin server for the test file that calls it (before its first test, stopped after its
 * last) and answers a function giving the server's base URL.
 */
export function serverForThisFile(options: StartOptions = {}): () => string {
  let server: RunningServer | undefined;
  before(
    async () => {
      server = await startServer(options);
    },
    { timeout: SERVER_START_TIMEOUT_MS },
  );
  after(async () => {
    await server?.stop();
  });
  return () => {
    assert.ok(server, 'the server did not start');
    return server.baseUrl;
  };
}

export interface OpenBrowser {
  context: BrowserContext;
  page: Page;
  /** The page's uncaught exceptions and console errors so far; a journey ends asserting it is empty. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Playwright's own limit for a navigation or an action that names none (30 s), scaled like every other
 * wait: CI's browser leg once failed on a bare `page.goto` of the console's login page that took
 * longer than 30 s beside both Vitest legs (lost-parcels, 7 December 2026).
 */
export const PLAYWRIGHT_DEFAULT_TIMEOUT_MS = patience(30_000);

/** A fresh Chromium (its own profile) with one page whose errors are collected. */
export async function openBrowser(options: BrowserContextOptions = {}): Promise<OpenBrowser> {
  const browser = await launchBrowser(options);
  // Pages opened later in the context (a second tab) inherit the context's limits.
  browser.context.setDefaultTimeout(PLAYWRIGHT_DEFAULT_TIMEOUT_MS);
  browser.context.setDefaultNavigationTimeout(PLAYWRIGHT_DEFAULT_TIMEOUT_MS);
  return { ...browser, errors: watchPageErrors(browser.page) };
}

/** Collects uncaught exceptions and console errors of a page. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // "Failed to load resource" names no resource in its text: its location does (the request's URL).
    const url = message.location().url;
    if (message.type() === 'error') errors.push(`console: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  return errors;
}

/**
 * Clicks a control inside a menu, modal or popup once that container has stopped moving. antd's
 * dropdowns and modals zoom in; a click while they move can land on nothing (CI waited 15 s for a
 * sign-out, and for a modal's confirm, that never started). A person clicks what stands still.
 */
export async function clickWhenStill(locator: Locator): Promise<void> {
  await waitUntilStill(locator);
  await locator.click();
}

/** Waits until `locator` and the menu, modal or popup around it have stopped moving (see `clickWhenStill`). */
export async function waitUntilStill(locator: Locator): Promise<void> {
  await locator.waitFor({ timeout: UI_TIMEOUT_MS });
  await locator.evaluate((el) =>
    Promise.all(
      (
        el.closest(
          '.ant-modal-wrap, .ant-modal, .ant-dropdown, .ant-popover, .ant-menu-sub, .adm-popup, .adm-center-popup',
        ) ?? el
      )
        .getAnimations({ subtree: true })
        // A cancelled animation (the popup re-rendered) rejects `finished` with an AbortError: it no
        // longer moves, which is all this waits for (CI, 6 Dec: bills.test's column settings).
        .map((a: { finished: Promise<unknown> }) => a.finished.catch(() => undefined)),
    ),
  );
}

/** Waits for `text` inside `locator`; on timeout the error says what the locator showed instead. */
export async function waitForText(locator: Locator, text: string | RegExp): Promise<void> {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  } catch (error) {
    const shown = await locator
      .allInnerTexts()
      .then((texts) => texts.join(' | ').replace(/\s+/g, ' ').slice(0, 500))
      .catch(() => '(unreadable)');
    const picture = `e2e/screenshots/failed-${Date.now()}.png`;
    await locator
      .page()
      .screenshot({ path: picture, fullPage: true })
      .catch(() => undefined);
    throw new Error(`${String(text)} did not appear; on screen: ${shown || '(nothing)'} (see ${picture})`, {
      cause: error,
    });
  }
}

/**
 * Chooses a customer in the console's customer picker (`CustomerPicker`) the way staff do: types
 * the phone (or ID number, or nickname) and clicks the one customer offered, masked.
 */
export async function pickCustomer(page: Page, testId: string, query: string, shown: string | RegExp): Promise<void> {
  const picker = page.getByTestId(testId);
  await picker.click();
  await picker.locator('input').fill(query);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: shown });
  await option.first().waitFor({ timeout: UI_TIMEOUT_MS });
  await option.first().click();
}

/**
 * Waits until `read` returns a value `settled` accepts (a list that finished re-rendering, say),
 * polling every 100 ms up to the UI timeout, and returns the last value either way.
 */
export async function settle<T>(
  read: () => Promise<T>,
  settled: (value: T) => boolean,
  timeoutMs = UI_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!settled(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/**
 * Waits until a page has finished drawing what it loads: no spinner, skeleton or busy region, and the
 * same text and links on three reads 200 ms apart (a list that arrives after the network went quiet
 * for half a second — its code still being parsed on a busy machine — is waited for too); at most
 * `limitMs`.
 */
export async function waitForSettledPage(page: Page, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  const signature = () =>
    page
      .evaluate<string>(
        `(document.querySelector('.ant-spin-spinning, .ant-skeleton-active, [aria-busy="true"]') ? 'busy:' : '') + document.body.innerText.length + ':' + document.querySelectorAll('a[href]').length`,
      )
      .catch(() => 'busy:navigating');
  let last = await signature();
  let same = 0;
  while (same < 2 && Date.now() < deadline) {
    await page.waitForTimeout(200);
    const now = await signature();
    same = now === last && !now.startsWith('busy:') ? same + 1 : 0;
    last = now;
  }
}

export async function hasHorizontalOverflow(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth');
}

export function totpNow(): Promise<string> {
  return generate({ secret: DEMO_TOTP_SECRET });
}

/**
 * Screenshots an H5 page whole: the app scrolls inside `.app-body`, so the viewport is stretched
 * to the content for the picture and restored afterwards.
 */
export async function screenshotH5(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  assert.ok(original);
  const contentHeight = await page.evaluate<number>(
    `Math.max(...[...document.querySelectorAll('.app-body')].map((el) => el.scrollHeight + (window.innerHeight - el.clientHeight)), window.innerHeight)`,
  );
  await page.setViewportSize({ width: original.width, height: Math.min(contentHeight, 4000) });
  await page.waitForTimeout(300);
  await screenshot(page, name);
  await page.setViewportSize(original);
}

/**
 * Signs a staff member in through the API and stores the session where the console keeps it;
 * answers the access token for API calls of the test. (A TOTP code is accepted once, so a test
 * signs in once and shares the token.)
 */
export async function signInStaffByApi(page: Page, baseUrl: string, username = 'admin'): Promise<string> {
  const client = createZulinClient({ baseUrl });
  const { data } = await client.POST('/v1/staff/login', {
    body: { username, password: DEMO_STAFF_PASSWORD, totp: await totpNow() },
  });
  assert.ok(data, 'the demo staff login failed');
  await page.goto(`${baseUrl}/admin/login`);
  await page.evaluate(
    `localStorage.setItem('zulin.admin.token', ${JSON.stringify(data.accessToken)});
     localStorage.setItem('zulin.admin.refresh', ${JSON.stringify(data.refreshToken)});`,
  );
  return data.accessToken;
}

export interface CustomerSession {
  customerId: string;
  accessToken: string;
  refreshToken: string;
}

/** What a login page sends: agreement to every legal document in force, at the version it read (GET /v1/legal). */
export async function consentsInForce(baseUrl: string): Promise<{ document: 'terms' | 'privacy'; version: string }[]> {
  const { data } = await createZulinClient({ baseUrl }).GET('/v1/legal', {});
  assert.ok(data, 'the legal documents did not load');
  return data.data.map(({ document, version }) => ({ document, version }));
}

/** Signs a customer in (or up) through the API with the code the sandbox SMS adapter recorded. */
export async function loginCustomerByApi(baseUrl: string, phone: string): Promise<CustomerSession> {
  const client = createZulinClient({ baseUrl });
  await client.POST('/v1/auth/sms-codes', { body: { phone } });
  const sms = await client.GET('/v1/sandbox/sms', { params: { query: { phone } } });
  const code = sms.data?.data.find((m) => m.code !== null)?.code;
  assert.ok(code, 'the sandbox recorded no code');
  const { data } = await client.POST('/v1/auth/login', {
    body: { phone, code, consents: await consentsInForce(baseUrl) },
  });
  assert.ok(data, 'the customer login failed');
  return { customerId: data.customer.id, accessToken: data.accessToken, refreshToken: data.refreshToken };
}

/**
 * Stores a customer's session where the H5 app keeps it, so the next page load is signed in as
 * them (a test switches customers this way: a login code can be asked for once a minute only).
 */
export async function openH5As(page: Page, baseUrl: string, session: CustomerSession): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.evaluate(
    `localStorage.setItem('zulin.h5.token', ${JSON.stringify(session.accessToken)});
     localStorage.setItem('zulin.h5.refresh', ${JSON.stringify(session.refreshToken)});`,
  );
}

/**
 * Signs a customer in through the API (sandbox SMS) and stores the session where the H5 app keeps it;
 * answers the customer's id and access token for API calls of the test.
 */
export async function signInCustomerByApi(
  page: Page,
  baseUrl: string,
  phone: string,
): Promise<{ customerId: string; accessToken: string }> {
  const session = await loginCustomerByApi(baseUrl, phone);
  await openH5As(page, baseUrl, session);
  return { customerId: session.customerId, accessToken: session.accessToken };
}

/** A 15-digit IMEI with a valid Luhn check digit, from a 14-digit body. */
export function imeiFrom(body14: string): string {
  assert.match(body14, /^\d{14}$/);
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(body14[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body14}${(10 - (sum % 10)) % 10}`;
}

/**
 * Tops a wallet up by API as the customer would through payments: the top-up (a payment order at
 * Alipay), its cashier once the channel answered our create, the sandbox cashier's pay button, then
 * waits until the channel's callback credited the wallet.
 */
export async function topUpThroughCashier(
  baseUrl: string,
  accessToken: string,
  amountMinor: number,
  channel: 'alipay' | 'wechatpay' = 'alipay',
): Promise<void> {
  const client = createZulinClient({ baseUrl, getToken: () => accessToken });
  const { data: topUp } = await client.POST('/v1/wallet/top-ups', { body: { amountMinor, channel } });
  assert.ok(topUp?.paymentId, 'the top-up was refused');
  const paymentId = topUp.paymentId;
  const payment = await settle(
    async () => (await client.GET('/v1/payments/{id}', { params: { path: { id: paymentId } } })).data,
    (p) => p?.state === 'pending' && p.cashierUrl !== null,
  );
  const tradeId = payment?.cashierUrl?.split('/').at(-1);
  assert.ok(tradeId, `the top-up's payment has no cashier: ${payment?.state}`);
  const paid = await client.POST('/v1/sandbox/payments/cashier/{tradeId}/{outcome}', {
    params: { path: { tradeId, outcome: 'pay' } },
  });
  assert.ok(paid.data, 'the sandbox cashier refused');
  // The sandbox posts its callback at once; when that post is not answered in time (a busy machine),
  // it tries again 15 s later (as WeChat Pay does) on its next sweep — the wait covers that retry.
  const status = await settle(
    async () => (await client.GET('/v1/wallet/top-ups/{id}', { params: { path: { id: topUp.id } } })).data?.status,
    (s) => s === 'succeeded',
    CALLBACK_RETRY_WAIT_MS,
  );
  assert.equal(status, 'succeeded', 'the top-up was not credited');
}

/**
 * Signs the contract open on the H5 signing page (`/contracts/{id}`) with the code the sandbox SMS box
 * holds for it, as a typed name.
 */
export async function signOpenContract(
  page: Page,
  baseUrl: string,
  session: { accessToken: string },
  phone: string,
  signer: string,
): Promise<void> {
  const contractId = new URL(page.url()).pathname.split('/').pop() as string;
  await page.getByTestId('sign-send-code').click();
  await page.getByTestId('sign-code-sent').waitFor({ timeout: UI_TIMEOUT_MS });
  const client = createZulinClient({ baseUrl, getToken: () => session.accessToken });
  const sms = await client.GET('/v1/sandbox/sms', { params: { query: { phone } } });
  const code = sms.data?.data.find((m) => m.text.includes(contractId))?.code;
  assert.ok(code, `no signing code for ${contractId}`);
  await page.getByTestId('sign-code').locator('input').fill(code);
  await page.getByTestId('sign-mode').getByText('输入姓名').click();
  await page.getByTestId('sign-name').locator('input').fill(signer);
  await page.getByTestId('sign-agree').click();
  await page.getByTestId('sign-submit').click();
}

export interface StaffSession {
  accessToken: string;
  refreshToken: string;
}

/**
 * Signs a staff member in through the API at the server's clock (the sandbox test clock moves TOTP
 * and token expiry with it; `serverNowMs` is the server's time now).
 */
export async function staffLoginAt(baseUrl: string, serverNowMs: number, username = 'admin'): Promise<StaffSession> {
  const totp = await generate({ secret: DEMO_TOTP_SECRET, epoch: Math.floor(serverNowMs / 1000) });
  const { data, error } = await createZulinClient({ baseUrl }).POST('/v1/staff/login', {
    body: { username, password: DEMO_STAFF_PASSWORD, totp },
  });
  assert.ok(data, `the staff login failed: ${JSON.stringify(error)}`);
  return { accessToken: data.accessToken, refreshToken: data.refreshToken };
}

/** Stores a staff session where the console keeps it (the next console page load uses it). */
export async function storeStaffSession(page: Page, session: StaffSession): Promise<void> {
  await page.evaluate(
    `localStorage.setItem('zulin.admin.token', ${JSON.stringify(session.accessToken)});
     localStorage.setItem('zulin.admin.refresh', ${JSON.stringify(session.refreshToken)});`,
  );
}

/**
 * Moves the sandbox test clock `days` days forward (every sweep and tick due in between runs, in
 * order) and signs the staff member in again on the server's new clock: the tokens of before have
 * expired there. Answers the new session and the server's clock offset from this machine's.
 */
export async function advanceSandboxClock(
  baseUrl: string,
  staffToken: string,
  days: number,
  username = 'admin',
): Promise<{ staff: StaffSession; offsetMs: number; now: string }> {
  const moved = await createZulinClient({ baseUrl, getToken: () => staffToken }).POST('/v1/sandbox/clock', {
    body: { advanceDays: days },
  });
  assert.ok(moved.data?.completed, `the clock did not move: ${JSON.stringify(moved.error ?? moved.data?.failed)}`);
  const offsetMs = Date.parse(moved.data.now) - Date.now();
  const staff = await staffLoginAt(baseUrl, Date.now() + offsetMs, username);
  return { staff, offsetMs, now: moved.data.now };
}

/** A mainland ID number (GB 11643 check character) whose sequence 700 the risk sandboxes read as a good score. */
export function goodScoreIdNumber(): string {
  const birth = `19${70 + randomInt(0, 25)}0${1 + randomInt(0, 9)}${String(10 + randomInt(0, 18))}`;
  return testIdNumber(700, birth);
}

/** Signs the admin in for the server's clock (the sandbox clock moves TOTP and sessions with it). */
export async function signInStaffAt(page: Page, baseUrl: string, serverNowMs: number): Promise<string> {
  const client = createZulinClient({ baseUrl });
  const totp = await generate({ secret: DEMO_TOTP_SECRET, epoch: Math.floor(serverNowMs / 1000) });
  const { data, error } = await client.POST('/v1/staff/login', {
    body: { username: 'admin', password: DEMO_STAFF_PASSWORD, totp },
  });
  assert.ok(data, `the staff login failed: ${JSON.stringify(error)}`);
  await page.evaluate(
    `localStorage.setItem('zulin.admin.token', ${JSON.stringify(data.accessToken)});
     localStorage.setItem('zulin.admin.refresh', ${JSON.stringify(data.refreshToken)});`,
  );
  return data.accessToken;
}

/**
 * A new verified customer (good score) places a monthly rental of `skuId` delivered to Shanghai,
 * signs its contract with the sandbox SMS code and pays at the sandbox cashier; answers once the
 * order is `paid`, with the order, the customer's phone and session.
 */
export async function placePaidRentalByApi(
  baseUrl: string,
  options: { skuId: string; planId: string; name: string; addressLine: string; idNumber?: string },
): Promise<{ orderId: string; phone: string; session: CustomerSession }> {
  const phone = `+86139${String(randomInt(0, 10_000_000)).padStart(7, '0')}0`;
  const session = await loginCustomerByApi(baseUrl, phone);
  const customer = createZulinClient({ baseUrl, getToken: () => session.accessToken });
  const { name } = options;
  const verified = await customer.POST('/v1/me/identity', {
    body: { name, idNumber: options.idNumber ?? goodScoreIdNumber() },
  });
  assert.ok(verified.data, `identity: ${JSON.stringify(verified.error)}`);
  const placed = await customer.POST('/v1/rentals', {
    body: {
      skuId: options.skuId,
      planId: options.planId,
      address: { name, phone, province: '上海市', city: '上海市', district: '浦东新区', line: options.addressLine },
    },
    headers: { 'idempotency-key': `place-${phone}` },
  });
  assert.ok(placed.data, `place: ${JSON.stringify(placed.error)}`);
  const orderId = placed.data.id;
  const contractId = placed.data.contractId;
  assert.ok(contractId, 'the order has no contract');
  await customer.POST('/v1/contracts/{id}/sign-codes', { params: { path: { id: contractId } } });
  const sms = await customer.GET('/v1/sandbox/sms', { params: { query: { phone } } });
  const code = sms.data?.data.find((m) => m.text.includes(contractId))?.code ?? sms.data?.data[0]?.code;
  assert.ok(code, 'no signing code');
  const signed = await customer.POST('/v1/rentals/{id}/sign', {
    params: { path: { id: orderId } },
    body: { code, signature: { kind: 'typed', name } },
  });
  assert.ok(signed.data, `sign: ${JSON.stringify(signed.error)}`);
  const pay = await customer.POST('/v1/rentals/{id}/pay', {
    params: { path: { id: orderId } },
    body: { channel: 'alipay', payerToken: 'sandbox-payer' },
  });
  assert.ok(pay.data, `pay: ${JSON.stringify(pay.error)}`);
  const tradeId = pay.data.channelPayment?.cashierUrl?.split('/').at(-1);
  assert.ok(tradeId, 'no cashier');
  await customer.POST('/v1/sandbox/payments/cashier/{tradeId}/{outcome}', {
    params: { path: { tradeId, outcome: 'pay' } },
  });
  const paid = await settle(
    async () => (await customer.GET('/v1/rentals/{id}', { params: { path: { id: orderId } } })).data?.status,
    (status) => status === 'paid',
    CALLBACK_RETRY_WAIT_MS,
  );
  assert.equal(paid, 'paid');
  return { orderId, phone, session };
}

/**
 * Makes the server's GETs of `pathname` (exactly, or those it matches) answer a failure: a 500
 * problem document with `code` and `requestId` (a crash of the server), or a 404. Answers a function
 * that stops it, after which the same requests reach the server again (the retry's test).
 */
export async function failGets(
  page: Page,
  pathname: string | RegExp,
  failure: { status: 500 | 404; code: string; requestId: string },
): Promise<() => Promise<void>> {
  const matches = (url: URL) =>
    typeof pathname === 'string' ? url.pathname === pathname : pathname.test(url.pathname);
  const handler = (route: Route) =>
    route.request().method() === 'GET'
      ? route.fulfill({
          status: failure.status,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: failure.status === 500 ? 'Internal error' : 'Not found',
            status: failure.status,
            code: failure.code,
            requestId: failure.requestId,
          }),
        })
      : route.continue();
  await page.route(matches, handler);
  return () => page.unroute(matches, handler);
}

/** Fills the installment checkout's delivery address (the desk ships to it): a Hangzhou address. */
export async function fillInstallmentAddress(checkout: Locator, name: string, phone11: string): Promise<void> {
  await checkout.getByTestId('address-name').locator('input').fill(name);
  await checkout.getByTestId('address-phone').locator('input').fill(phone11);
  await checkout.getByTestId('address-province').locator('input').fill('浙江省');
  await checkout.getByTestId('address-city').locator('input').fill('杭州市');
  await checkout.getByTestId('address-district').locator('input').fill('西湖区');
  await checkout.getByTestId('address-line').locator('input').fill('文三路 90 号');
}

/**
 * Applies on 12 installments for the first featured product from the H5 home page, through its
 * calculator and checkout, and answers the order's id once the app shows the order.
 */
export async function applyForInstallmentsOnH5(
  page: Page,
  baseUrl: string,
  name: string,
  phone11: string,
): Promise<string> {
  await page.goto(`${baseUrl}/`);
  const card = page.getByTestId('featured-products').getByTestId('product-card').first();
  await card.waitFor({ timeout: UI_TIMEOUT_MS });
  await card.click();
  const calc = page.getByTestId('installment-calculator');
  await calc.waitFor({ timeout: UI_TIMEOUT_MS });
  await calc.locator('.term-picker .adm-selector-item').filter({ hasText: '12' }).click();
  await calc.getByTestId('installment-buy').click();
  const checkout = page.getByTestId('installment-checkout');
  await checkout.waitFor({ timeout: UI_TIMEOUT_MS });
  await fillInstallmentAddress(checkout, name, phone11);
  await checkout.getByTestId('checkout-submit').click();
  await page.waitForURL(/\/installments\/iord_/, { timeout: UI_TIMEOUT_MS });
  return page.url().split('/installments/')[1]?.split(/[?#]/)[0] ?? '';
}

/**
 * Signs an installment order's contract through the API as its customer: asks for the signing code,
 * reads it from the sandbox SMS outbox and signs by typed name. Answers the down-payment bill the
 * signing issued, if the plan has a down payment.
 */
export async function signInstallmentOrderByApi(
  baseUrl: string,
  session: { accessToken: string },
  order: { id: string; contractId: string },
  phone: string,
  signer: string,
) {
  const api = createZulinClient({ baseUrl, getToken: () => session.accessToken });
  await api.POST('/v1/contracts/{id}/sign-codes', { params: { path: { id: order.contractId } } });
  const sms = await api.GET('/v1/sandbox/sms', { params: { query: { phone } } });
  const code = sms.data?.data.find((m) => m.code !== null)?.code;
  assert.ok(code, 'no signing code');
  const signed = await api.POST('/v1/installment-orders/{id}/sign', {
    params: { path: { id: order.id } },
    body: { code, signature: { kind: 'typed', name: signer } },
  });
  assert.ok(signed.data, `signing refused: ${JSON.stringify(signed.error)}`);
  return signed.data.bills.find((b) => b.kind === 'down_payment');
}
