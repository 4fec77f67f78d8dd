// Operations journey: a notification delivery that died (set dead in the database while the server
// is stopped, as a subscriber failing every attempt leaves it) shows among the dead letters with its
// error; an admin retries it from the console and sees it delivered. Also pictures the inbox and the
// scheduled work.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '@zulin/db';
import { createZulinClient } from '@zulin/sdk';
import { sql } from 'drizzle-orm';
import { type RunningServer, screenshot, startServer } from './harness';
import {
  clickWhenStill,
  DEMO_STAFF_PASSWORD,
  DESKTOP_VIEWPORT,
  openBrowser,
  patience,
  settle,
  signInStaffByApi,
  totpNow,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(360_000);
const SET_UP_TIMEOUT_MS = patience(2 * 330_000);
const DEAD_ERROR = 'Error: SMS gateway timed out (e2e)';
const SMS_SUBSCRIBER = 'notification.sms_sender';
const INBOX_EVENT_ID = 'e2e-inbox-dead-1';
const INBOX_ERROR = 'Error: no payment order for out_trade_no e2e-missing';
/** How long the worker may take to deliver a message on a loaded machine. */
const WORKER_TIMEOUT_MS = patience(180_000);

const dataDir = mkdtempSync(join(tmpdir(), 'zulin-e2e-ops-'));
let server: RunningServer | undefined;
let dead: { eventId: string; subscriber: string; eventType: string } | undefined;

/** A notification the worker delivered after the seed, found through the operations API. */
async function deliveredNotification(baseUrl: string) {
  const anonymous = createZulinClient({ baseUrl });
  const login = await anonymous.POST('/v1/staff/login', {
    body: { username: 'operator', password: DEMO_STAFF_PASSWORD, totp: await totpNow() },
  });
  assert.ok(login.data, 'the operator could not sign in');
  const token = login.data.accessToken;
  const client = createZulinClient({ baseUrl, getToken: () => token });
  // Asked by the subscriber's name: the newest hundred deliveries of every subscriber may hold no
  // notification. The worker gets to the seed's messages when it gets to them: on a machine running
  // both Vitest legs beside the browser tests that took longer than a screen's 15 s (CI, 6 Dec).
  const found = await settle(
    async () =>
      (
        await client.GET('/v1/admin/ops/deliveries', {
          params: { query: { status: 'delivered', subscriber: SMS_SUBSCRIBER, limit: 1 } },
        })
      ).data?.data[0],
    (delivery) => delivery !== undefined,
    WORKER_TIMEOUT_MS,
  );
  assert.ok(found, 'the worker delivered no notification after the seed');
  return { eventId: found.eventId, subscriber: found.subscriber, eventType: found.eventType };
}

before(
  async () => {
    const first = await startServer({ dataDir });
    try {
      dead = await deliveredNotification(first.baseUrl);
    } finally {
      await first.stop();
    }
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      await database.db.execute(sql`
        update outbox_deliveries d set status = 'dead', attempts = 10, last_error = ${DEAD_ERROR}, delivered_at = null
        from outbox o
        where o.seq = d.event_seq and o.event_id = ${dead.eventId} and d.subscriber = ${dead.subscriber}`);
      // A channel callback the platform gave up on, for the inbox page to show with its state and error.
      await database.db.execute(sql`
        insert into inbox (provider, provider_event_id, event_type, headers, body, received_at, status, attempts, next_attempt_at, last_error)
        values ('wechatpay', ${INBOX_EVENT_ID}, 'TRANSACTION.SUCCESS', '{}', '{}', now(), 'dead', 10, now(), ${INBOX_ERROR})`);
    } finally {
      await database.close();
    }
    server = await startServer({ dataDir });
  },
  { timeout: SET_UP_TIMEOUT_MS },
);

after(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('an admin finds a dead delivery, retries it, and sees it delivered', { timeout: TEST_TIMEOUT_MS }, async () => {
  assert.ok(server && dead, 'the set-up did not finish');
  const baseUrl = server.baseUrl;
  const browser = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page, errors } = browser;
    await signInStaffByApi(page, baseUrl, 'admin');

    await page.goto(`${baseUrl}/admin/ops/dead-letters`);
    const table = page.getByTestId('deliveries-table');
    const row = table.locator('tr', { hasText: dead.subscriber });
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    const deadRow = (await row.textContent()) ?? '';
    assert.match(deadRow, /死信/);
    assert.ok(deadRow.includes('SMS gateway timed out'), deadRow);
    assert.ok(deadRow.includes(dead.eventType), deadRow);
    await screenshot(page, 'admin-ops-dead-letters');

    await row.getByTestId('retry-delivery').click();
    await clickWhenStill(page.locator('.ant-popconfirm').getByRole('button', { name: /重\s?试/ }));
    // Back in the queue, it is no longer dead: the list empties.
    await row.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

    await page.goto(`${baseUrl}/admin/ops/deliveries`);
    await page.getByTestId('deliveries-page').getByLabel('订阅者').fill(dead.subscriber);
    await page
      .getByTestId('deliveries-page')
      .getByRole('button', { name: /查\s?询/ })
      .click();
    const statusOf = async () => {
      await page.getByTestId('ops-refresh').click();
      await page.waitForTimeout(300);
      return (
        (await table
          .locator('tr', { hasText: dead?.eventType ?? '' })
          .first()
          .textContent()) ?? ''
      );
    };
    const text = await settle(statusOf, (row) => row.includes('已投递'), WORKER_TIMEOUT_MS);
    assert.ok(text.includes('已投递'), `the retried delivery was not delivered: ${text}`);
    await screenshot(page, 'admin-ops-deliveries');

    await page.goto(`${baseUrl}/admin/ops/schedule`);
    await page.getByTestId('schedule-table').locator('tr', { hasText: 'billing.mark_overdue' }).waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    await screenshot(page, 'admin-ops-schedule');
    await page.goto(`${baseUrl}/admin/ops/inbox`);
    // The dead callback reads as a person sees it: its event id, 死信, ten attempts and the error.
    const inboxRow = page.getByTestId('inbox-table').locator('tr', { hasText: INBOX_EVENT_ID });
    await inboxRow.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(inboxRow, '死信');
    await waitForText(inboxRow, INBOX_ERROR);
    assert.match((await inboxRow.textContent()) ?? '', /TRANSACTION\.SUCCESS.*死信\s*10/);
    await screenshot(page, 'admin-ops-inbox');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
