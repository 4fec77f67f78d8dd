// What the H5 app offers a customer who is stuck (issue #18): 联系客服 on 我的, on 我的账单 and on a
// bill, each leading to the help centre; and a page whose read failed on the network — the product
// page, the bills list, a bill — says it could not load (never 商品不存在或已下架: nothing said the
// phone is gone) with 重试, which brings the page back once the network answers again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import type { Page, Route } from 'playwright-core';
import {
  type CustomerSession,
  clickWhenStill,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  screenshotH5,
  serverForThisFile,
  staffLoginAt,
  UI_TIMEOUT_MS,
  waitForText,
  waitUntilStill,
} from './helpers';

const TEST_TIMEOUT_MS = patience(90_000);
const CUSTOMER_PHONE = '+8613700137181';
const BILL_TITLE = '配件费';

const baseUrl = serverForThisFile();

let customer: CustomerSession | undefined;
let billId: string | undefined;

/** One login for the file (a login code may be asked for once a minute) and one bill of ¥59.00 to read. */
async function customerWithBill(): Promise<{ session: CustomerSession; billId: string }> {
  if (customer === undefined || billId === undefined) {
    customer = await loginCustomerByApi(baseUrl(), CUSTOMER_PHONE);
    const finance = await staffLoginAt(baseUrl(), Date.now(), 'finance');
    const issued = await createZulinClient({ baseUrl: baseUrl(), getToken: () => finance.accessToken }).POST(
      '/v1/admin/bills',
      {
        body: {
          customerId: customer.customerId,
          title: BILL_TITLE,
          dueDate: '2030-01-15',
          lines: [{ kind: 'fee', description: '手机壳', amountMinor: 5_900 }],
        },
      },
    );
    assert.ok(issued.data, `the bill was refused: ${JSON.stringify(issued.error)}`);
    billId = issued.data.id;
  }
  return { session: customer, billId };
}

/**
 * Cuts the network for the page's GETs of `pathname` (the request fails as with no connection, no
 * answer from the server at all) until the answered function restores it. The app reads once more
 * on its own after a failure, so every read fails until then; answers how many were cut too.
 */
async function cutNetwork(page: Page, pathname: string): Promise<{ cut: () => number; restore: () => Promise<void> }> {
  let cut = 0;
  const matches = (url: URL) => url.pathname === pathname;
  const handler = (route: Route) => {
    if (route.request().method() !== 'GET') return route.continue();
    cut += 1;
    return route.abort('internetdisconnected');
  };
  await page.route(matches, handler);
  return { cut: () => cut, restore: () => page.unroute(matches, handler) };
}

/** The browser's report of each request the test cut (and nothing else) is expected. */
function unexpected(errors: string[], pathname: string): string[] {
  return errors.filter((e) => !(e.includes('net::ERR_INTERNET_DISCONNECTED') && e.endsWith(`${pathname})`)));
}

test('联系客服 on 我的, on 我的账单 and on a bill leads to the help centre', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { session, billId: id } = await customerWithBill();
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    await openH5As(page, baseUrl(), session);
    const helpHeading = page.locator('.sub-page-bar');

    // 我的 → 联系客服.
    await page.goto(`${baseUrl()}/me`);
    const meEntry = page.getByTestId('me-help');
    await waitForText(meEntry, '联系客服');
    await meEntry.scrollIntoViewIfNeeded();
    await screenshotH5(page, 'h5-recovery-me-contact-support');
    await meEntry.click();
    await page.waitForURL(/\/help$/, { timeout: UI_TIMEOUT_MS });
    await waitForText(helpHeading, '帮助中心');
    await page.getByTestId('help-search').waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshotH5(page, 'h5-recovery-help-centre');

    // 我的账单 → 对账单有疑问？联系客服.
    await page.goto(`${baseUrl()}/bills`);
    await waitForText(page.getByTestId('bills-list'), BILL_TITLE);
    const listEntry = page.getByTestId('bills-contact-support');
    await waitForText(page.locator('.bill-help'), /对账单有疑问？\s*联系客服/);
    await screenshotH5(page, 'h5-recovery-bills-contact-support');
    await listEntry.click();
    await page.waitForURL(/\/help$/, { timeout: UI_TIMEOUT_MS });
    await waitForText(helpHeading, '帮助中心');

    // One bill → 对账单有疑问？联系客服.
    await page.goto(`${baseUrl()}/bills/${id}`);
    await waitForText(page.getByTestId('bill-head'), BILL_TITLE);
    const billEntry = page.getByTestId('bill-contact-support');
    await waitForText(page.locator('.bill-help'), /对账单有疑问？\s*联系客服/);
    await screenshotH5(page, 'h5-recovery-bill-contact-support');
    await billEntry.click();
    await page.waitForURL(/\/help$/, { timeout: UI_TIMEOUT_MS });
    await waitForText(helpHeading, '帮助中心');

    assert.deepEqual(errors, [], 'the pages logged errors');
  } finally {
    await browser.close();
  }
});

test('the product page without network says it could not load, not 商品不存在或已下架, and 重试 shows the phone', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const client = createZulinClient({ baseUrl: baseUrl() });
  const card = (await client.GET('/v1/products', { params: { query: { limit: 1 } } })).data?.data[0];
  assert.ok(card, 'the demo has no phone on offer');
  const pathname = `/v1/products/${card.id}`;
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    const network = await cutNetwork(page, pathname);
    await page.goto(`${baseUrl()}/products/${card.id}`);
    const failed = page.getByTestId('error-state');
    await waitForText(failed, '商品加载失败');
    // It says the network is the problem (the request got no answer), not the phone.
    await waitForText(failed, '网络连接失败，请检查网络后重试');
    await waitForText(failed, '重试');
    assert.equal(await page.getByText('商品不存在或已下架').count(), 0, 'a network failure is not a withdrawn phone');
    assert.equal(await page.getByTestId('product-name').count(), 0);
    assert.ok(network.cut() >= 1, 'no read was cut');
    await waitUntilStill(failed);
    await screenshotH5(page, 'h5-recovery-product-offline');

    // The network is back: 重试 reads the phone once more and shows it.
    await network.restore();
    await clickWhenStill(failed.getByRole('button', { name: '重试' }));
    await waitForText(page.getByTestId('product-name'), card.model);
    await page.getByTestId('rent-now').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await page.getByTestId('error-state').count(), 0);
    await screenshotH5(page, 'h5-recovery-product-retried');

    // In English: its own title (not the home page's "Could not load the phones"), the network named.
    const again = await cutNetwork(page, pathname);
    await page.evaluate(`localStorage.setItem('zulin.h5.lang', 'en')`);
    await page.goto(`${baseUrl()}/products/${card.id}`);
    await waitForText(failed, 'Could not load this phone');
    await waitForText(failed, 'Network connection failed. Check your network and try again');
    await waitForText(failed, 'Retry');
    assert.equal(await page.getByText('Could not load the phones').count(), 0);
    await waitUntilStill(failed);
    await screenshotH5(page, 'h5-recovery-product-offline-en');
    await again.restore();
    await page.evaluate(`localStorage.removeItem('zulin.h5.lang')`);
    assert.deepEqual(unexpected(errors, pathname), [], 'the product page logged errors');
  } finally {
    await browser.close();
  }
});

test('我的账单 and a bill without network say 账单加载失败, and 重试 shows them', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const { session, billId: id } = await customerWithBill();
  const browser = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = browser;
    await openH5As(page, baseUrl(), session);

    // The list.
    const list = await cutNetwork(page, '/v1/bills');
    await page.goto(`${baseUrl()}/bills`);
    const failed = page.getByTestId('error-state');
    await waitForText(failed, '账单加载失败');
    await waitForText(failed, '网络连接失败，请检查网络后重试');
    await waitForText(page.getByTestId('bills-retry'), '重试');
    // The summary read with the list: unknown, so it does not claim there is nothing to pay.
    assert.equal(await page.getByText('没有待支付的账单').count(), 0, 'a failed read is not 没有待支付的账单');
    assert.ok(list.cut() >= 1, 'no read of the list was cut');
    await waitUntilStill(failed);
    await screenshotH5(page, 'h5-recovery-bills-offline');
    await list.restore();
    await clickWhenStill(page.getByTestId('bills-retry'));
    await waitForText(page.getByTestId('bills-list'), BILL_TITLE);
    await waitForText(page.getByTestId('bills-unpaid'), '¥59.00');
    assert.equal(await failed.count(), 0);

    // One bill.
    const pathname = `/v1/bills/${id}`;
    const bill = await cutNetwork(page, pathname);
    await page.goto(`${baseUrl()}/bills/${id}`);
    await waitForText(failed, '账单加载失败');
    await waitForText(failed, '网络连接失败，请检查网络后重试');
    await waitForText(page.getByTestId('bill-retry'), '重试');
    assert.equal(await page.getByTestId('bill-head').count(), 0);
    // A bill that does not load still offers 联系客服, as the list does.
    await waitForText(page.getByTestId('bill-contact-support'), '联系客服');
    assert.ok(bill.cut() >= 1, 'no read of the bill was cut');
    await waitUntilStill(failed);
    await screenshotH5(page, 'h5-recovery-bill-offline');
    await bill.restore();
    await clickWhenStill(page.getByTestId('bill-retry'));
    await waitForText(page.getByTestId('bill-head'), BILL_TITLE);
    await waitForText(page.getByTestId('bill-outstanding'), '¥59.00');
    assert.equal(await failed.count(), 0);
    await screenshotH5(page, 'h5-recovery-bill-retried');

    assert.deepEqual(
      unexpected(errors, pathname).filter(
        (e) => !(e.includes('net::ERR_INTERNET_DISCONNECTED') && /\/v1\/bills\?[^)]*\)$/.test(e)),
      ),
      [],
      'the bill pages logged errors',
    );
  } finally {
    await browser.close();
  }
});
