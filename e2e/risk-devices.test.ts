// Risk during the rental: the demo seed has 小李's phone locked (she is overdue) and last seen in
// Tokyo, outside the mainland China region, which raised a geofence alert. An admin opens 风险告警,
// follows the alert to the phone, unlocks it (confirming, with a reason), watches the command go
// from 待发送 to 已确认 as the sandbox MDM answers through its signed webhook, and resolves the alert.
// Pictures the alerts, devices and device pages, and the credit-limit card of a decision.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import { screenshot } from './harness';
import {
  DESKTOP_VIEWPORT,
  openBrowser,
  patience,
  serverForThisFile,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(300_000);
/** The sandbox MDM and our command sweep each run every 30 s: an answer takes up to about a minute. */
const MDM_ROUND_TRIP_MS = patience(150_000);

const baseUrl = serverForThisFile();

test('an admin follows a geofence alert to the phone, unlocks it and resolves the alert', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page, errors } = browser;
    const token = await signInStaffByApi(page, baseUrl(), 'admin');
    const client = createZulinClient({ baseUrl: baseUrl(), getToken: () => token });
    const alerts = (await client.GET('/v1/admin/risk/alerts', { params: { query: { status: 'open' } } })).data?.data;
    assert.equal(alerts?.length, 1, 'the seed leaves one open geofence alert');
    const alert = alerts[0];
    assert.ok(alert);

    await page.goto(`${baseUrl()}/admin/risk/alerts`);
    const table = page.getByTestId('alerts-table');
    await table.locator('tr.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(table, '越出围栏');
    await waitForText(table, '35.6762, 139.6503');
    await waitForText(page.getByTestId('risk-alerts-page'), '中国大陆');
    await screenshot(page, 'admin-risk-alerts');

    await page.getByTestId('alert-device').first().click();
    const devicePage = page.getByTestId('risk-device-page');
    await waitForText(devicePage.getByTestId('lock-state').first(), '已锁定');
    await waitForText(page.getByTestId('device-commands'), '已确认');
    await waitForText(page.getByTestId('device-locations'), '区域外');

    await page.getByTestId('device-unlock').click();
    await waitForText(page.locator('.ant-modal'), '撤销此前的锁定');
    await page.getByTestId('device-command-reason').fill('客户已还清逾期账单');
    await screenshot(page, 'admin-risk-device-unlock-confirm');
    await page.locator('#device-command-confirm').click();
    await waitForText(page.getByTestId('device-commands'), '客户已还清逾期账单');
    await page.getByTestId('device-waiting').waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshot(page, 'admin-risk-device-waiting');

    // The sweep hands the command to the sandbox MDM; the phone acknowledges through the webhook.
    await devicePage
      .getByTestId('lock-state')
      .filter({ hasText: '未锁定' })
      .first()
      .waitFor({ timeout: MDM_ROUND_TRIP_MS });
    const seen = (await client.GET('/v1/admin/risk/devices/{id}', { params: { path: { id: alert.deviceId } } })).data;
    assert.equal(seen?.device.lockState, 'unlocked');
    assert.deepEqual(
      seen?.commands.map((c) => [c.kind, c.status]),
      [
        ['unlock', 'acknowledged'],
        ['lock', 'acknowledged'],
      ],
    );
    assert.equal(seen?.commands[0]?.reverses, seen?.commands[1]?.id);
    await screenshot(page, 'admin-risk-device');

    await page.goto(`${baseUrl()}/admin/risk/alerts`);
    await page.getByTestId('alert-resolve').first().click();
    await page.getByTestId('alert-resolution').fill('已联系客户：出差日本，已还款并解锁');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await waitForText(page.getByTestId('alerts-table'), '没有告警');

    await page.goto(`${baseUrl()}/admin/risk/devices`);
    await page.getByTestId('device-link').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshot(page, 'admin-risk-devices');

    const decisions = (await client.GET('/v1/admin/risk/decisions', { params: { query: { limit: 1 } } })).data?.data;
    const decision = decisions?.[0];
    assert.ok(decision);
    await page.goto(`${baseUrl()}/admin/risk/decisions/${decision.id}`);
    await page.getByTestId('credit-limit-now').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId('credit-limit').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-risk-credit-limit');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
