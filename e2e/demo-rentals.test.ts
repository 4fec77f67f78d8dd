// The demo data's rentals as a new user first sees them (issue #14): `npm start` seeds a rental in
// each state a person can reach (packages/modules/rental/src/seed.ts). In the console, the order list
// filtered by each of those states shows at least one order, every row tagged with that state; on the
// H5 app, 小李 finds her four orders under 我的租赁 with the customer's words for them (配送中, 归还中,
// 已取消, and 待支付 — or 已取消 once the 2 h unpaid-order timer has run on the seeded order).
// The states that depend on the time of day (`delivered`: the sandbox courier signs at 10:05–10:41
// Beijing time) or on the timer (`awaiting_payment`) are not asked of the console.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot } from './harness';
import {
  clickWhenStill,
  DESKTOP_VIEWPORT,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  screenshotH5,
  serverForThisFile,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(300_000);
/** The seeded states that do not move with the clock, and their labels on the console (orders.states). */
const STEADY_STATES: readonly (readonly [string, string])[] = [
  ['pending_review', '待审核'],
  ['awaiting_signature', '待签约'],
  ['paid', '待发货'],
  ['shipped', '已发货'],
  ['active', '租用中'],
  ['renewed', '已续租'],
  ['return_requested', '已申请归还'],
  ['returning', '归还中'],
  ['inspecting', '验机中'],
  ['settled', '已结算'],
  ['closed', '已完成'],
  ['cancelled', '已取消'],
  ['rejected', '未通过'],
];
/** 小李 (demo customer): one on its way, one with a return booked, one cancelled, one unpaid. */
const XIAO_LI = '+8613900139000';

const baseUrl = serverForThisFile();

test('the console lists the demo rentals in each steady state, by its state filter', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const desk = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page, errors } = desk;
    await signInStaffByApi(page, baseUrl(), 'admin');
    await page.goto(`${baseUrl()}/admin/orders`);
    const table = page.getByTestId('rental-orders-table');
    await table.waitFor({ timeout: UI_TIMEOUT_MS });
    await table.locator('tbody tr.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshot(page, 'demo-rentals-console-all');
    for (const [state, label] of STEADY_STATES) {
      await page.getByTestId('orders-filter-status').click();
      await clickWhenStill(page.locator(`.ant-select-item-option[title="${label}"]`));
      await page.getByRole('button', { name: /查\s*询/ }).click();
      // The filtered list: every row carries the state's tag, and there is at least one.
      const tags = table.locator('tbody tr.ant-table-row [data-state]');
      await waitForText(table.locator('tbody tr.ant-table-row').first(), label);
      const shown = await tags.evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
      assert.ok(shown.length >= 1, `no demo order is ${state}`);
      assert.deepEqual(
        shown.filter((s) => s !== state),
        [],
        `the ${state} filter shows other states: ${shown.join(', ')}`,
      );
      assert.ok(
        (await tags.allTextContents()).every((text) => text.trim() === label),
        `${state} reads ${label}`,
      );
    }
    await screenshot(page, 'demo-rentals-console-rejected');
    assert.deepEqual(errors, []);
  } finally {
    await desk.close();
  }
});

test('小李 finds her demo rentals on the H5 app in the customer’s words', { timeout: TEST_TIMEOUT_MS }, async () => {
  const h5 = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = h5;
    await openH5As(page, baseUrl(), await loginCustomerByApi(baseUrl(), XIAO_LI));
    await page.goto(`${baseUrl()}/rentals`);
    const rows = page.getByTestId('rental-row');
    await rows.first().waitFor({ timeout: UI_TIMEOUT_MS });
    const states = (await rows.locator('.adm-tag').allTextContents()).map((text) => text.trim()).sort();
    assert.equal(states.length, 4, `小李 has four rentals: ${states.join(', ')}`);
    for (const label of ['配送中', '归还中', '已取消']) assert.ok(states.includes(label), `${label} in ${states}`);
    const fourth = [...states];
    for (const label of ['配送中', '归还中', '已取消']) fourth.splice(fourth.indexOf(label), 1);
    assert.ok(['待支付', '已取消'].includes(fourth[0] ?? ''), `the unpaid order reads ${fourth[0]}`);
    // A cancelled order's line does not say that something was paid when nothing was.
    await waitForText(page.locator('.app-body'), '订单已取消，如有已付款项将原路退回');
    await screenshotH5(page, 'demo-rentals-h5-xiaoli');
    assert.deepEqual(errors, []);
  } finally {
    await h5.close();
  }
});
