// The H5 shows every time on the business clock (Asia/Shanghai), whatever the phone's zone (#18):
// a customer whose phone is set to New York (13 hours behind Shanghai in December) tops up the
// wallet and sees the line's time as the console would show it, not the phone's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import {
  openBrowser,
  PHONE_VIEWPORT,
  patience,
  screenshotH5,
  serverForThisFile,
  signInCustomerByApi,
  topUpThroughCashier,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(180_000);
const CUSTOMER_PHONE = '+8613700137188';

const baseUrl = serverForThisFile();

/** "2026-12-07 00:30": an instant's wall clock in a zone, worked out here apart from the app's code. */
function wallClock(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

test('a phone set to New York shows a wallet line at its Shanghai time', { timeout: TEST_TIMEOUT_MS }, async () => {
  const browser = await openBrowser({ ...PHONE_VIEWPORT, timezoneId: 'America/New_York' });
  try {
    const { page, errors } = browser;
    assert.equal(
      await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
      'America/New_York',
      'the browser does not run on the New York clock',
    );
    const customer = await signInCustomerByApi(page, baseUrl(), CUSTOMER_PHONE);
    await topUpThroughCashier(baseUrl(), customer.accessToken, 2_000);
    const client = createZulinClient({ baseUrl: baseUrl(), getToken: () => customer.accessToken });
    const lines = (await client.GET('/v1/wallet/transactions')).data?.data ?? [];
    const topUp = lines.find((line) => line.type === 'top_up');
    assert.ok(topUp, `no top-up line among ${lines.map((line) => line.type).join(', ')}`);

    const shanghai = wallClock(topUp.createdAt, 'Asia/Shanghai');
    const newYork = wallClock(topUp.createdAt, 'America/New_York');
    assert.notEqual(shanghai, newYork);

    await page.goto(`${baseUrl()}/wallet`);
    const line = page.getByTestId('wallet-line-top_up').first();
    await line.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(line, shanghai);
    const text = (await line.textContent()) ?? '';
    assert.ok(!text.includes(newYork), `the line shows the phone's time ${newYork}: ${text}`);
    await screenshotH5(page, 'h5-timezone-new-york-wallet');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
