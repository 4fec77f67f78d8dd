// The handlers' queue (issue #16, handling): a customer's bad rating arrives due within 24 hours; a
// support handler finds it in the console by state and due time, takes it, writes an internal note
// and resolves it. The customer's own view never shows the note. Pictures the queue and the detail.
// The entry is about the customer's rental: the queue and the detail name the order by the rented
// phone (租赁 · 苹果 iPhone …), its rord_ id on hover only (issue #18), in Chinese and in English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import { screenshot } from './harness';
import {
  clickWhenStill,
  DESKTOP_VIEWPORT,
  loginCustomerByApi,
  openBrowser,
  patience,
  serverForThisFile,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
  waitUntilStill,
} from './helpers';

const TEST_TIMEOUT_MS = patience(240_000);
const baseUrl = serverForThisFile();

test('a handler takes a feedback, writes an internal note and resolves it; the customer never sees the note', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const marker = `Q${Date.now() % 100_000}`;
  const text = `客服电话一直打不通，等了很久 ${marker}`;
  const note = `内部备注：已转客服组长跟进 ${marker}`;
  const session = await loginCustomerByApi(baseUrl(), '+8613900139000');
  const customer = createZulinClient({ baseUrl: baseUrl(), getToken: () => session.accessToken });
  // The demo customer's newest rental (小李's, being returned: the demo data has it).
  const rented = (await customer.GET('/v1/rentals', { params: { query: {} } })).data?.data ?? [];
  const orderId = rented[0]?.id ?? '';
  assert.match(orderId, /^rord_/);
  const sent = await customer.POST('/v1/feedback', { body: { rating: 'bad', text, anonymous: false, orderId } });
  assert.equal(sent.response.status, 201);
  const id = sent.data?.id ?? '';

  const desk = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page, errors } = desk;
    const token = await signInStaffByApi(page, baseUrl(), 'support');
    const staff = createZulinClient({ baseUrl: baseUrl(), getToken: () => token });
    const before = (await staff.GET('/v1/admin/feedback/{id}', { params: { path: { id } } })).data;
    assert.equal(before?.handling.state, 'new');
    assert.equal(before?.orderId, orderId);
    const orderName = before?.orderName ?? '';
    assert.ok(orderName.length > 0 && !orderName.startsWith('rord_'), orderName);
    // A bad rating: due 24 hours after it arrived.
    const submittedAt = Date.parse(before?.submittedAt ?? '');
    assert.equal(Date.parse(before?.handling.dueAt ?? '') - submittedAt, 24 * 3_600_000);

    // The queue, unassigned and soonest due first, searched for this entry.
    await page.goto(`${baseUrl()}/admin/feedback?assignee=none&sort=due&q=${encodeURIComponent(marker)}`);
    const table = page.getByTestId('feedback-queue');
    await waitForText(table, '待处理');
    await waitForText(table, '未分配');
    await waitUntilStill(table);
    // The order column names the phone rented, not the id; the id is kept for the hover.
    const orderCell = table.locator('tr.ant-table-row').first().getByTestId('feedback-order-link');
    assert.equal(((await orderCell.textContent()) ?? '').trim(), `租赁 · ${orderName}`);
    assert.equal(await orderCell.locator('[data-id]').getAttribute('data-id'), orderId);
    await screenshot(page, 'admin-feedback-queue-handling');
    await table.locator('tr.ant-table-row').first().click();
    const detail = page.getByTestId('feedback-detail');
    await waitForText(detail, text);
    const detailOrder = detail.getByTestId('feedback-detail-order');
    assert.equal(((await detailOrder.textContent()) ?? '').trim(), `租赁 · ${orderName}`);
    assert.ok(!((await detail.textContent()) ?? '').includes(orderId));
    await clickWhenStill(detail.getByTestId('feedback-take'));
    await waitForText(detail.getByTestId('feedback-detail-state'), '处理中');
    await detail.getByTestId('feedback-detail-assignee').waitFor({ timeout: UI_TIMEOUT_MS });
    await detail.getByTestId('feedback-note-text').fill(note);
    await clickWhenStill(detail.getByTestId('feedback-add-note'));
    await waitForText(detail.getByTestId('feedback-notes'), note);
    await waitUntilStill(detail);
    await screenshot(page, 'admin-feedback-handling-detail');
    await clickWhenStill(detail.getByTestId('feedback-resolve'));
    await waitForText(detail.getByTestId('feedback-detail-state'), '已解决');
    await waitUntilStill(detail);
    await screenshot(page, 'admin-feedback-resolved');

    // The same queue in English: the order reads "Rental · …", never the id.
    await page.evaluate(`localStorage.setItem('zulin.admin.lang', 'en')`);
    await page.goto(`${baseUrl()}/admin/feedback?q=${encodeURIComponent(marker)}`);
    await waitForText(table, 'Rental · ');
    await waitUntilStill(table);
    const enCell = table.locator('tr.ant-table-row').first().getByTestId('feedback-order-link');
    assert.equal(((await enCell.textContent()) ?? '').trim(), `Rental · ${orderName}`);
    await screenshot(page, 'admin-feedback-queue-order-en');
    await table.locator('tr.ant-table-row').first().click();
    await waitForText(detail.getByTestId('feedback-detail-order'), `Rental · ${orderName}`);
    await waitUntilStill(detail);
    await screenshot(page, 'admin-feedback-detail-order-en');
    await page.evaluate(`localStorage.setItem('zulin.admin.lang', 'zh-CN')`);

    const after = (await staff.GET('/v1/admin/feedback/{id}', { params: { path: { id } } })).data;
    assert.equal(after?.handling.state, 'resolved');
    assert.equal(after?.notes?.length, 1);
    assert.equal(after?.notes?.[0]?.text, note);
    assert.deepEqual(errors, []);
  } finally {
    await desk.close();
  }

  // The customer's answers carry neither the note nor the handling.
  const mine = await customer.GET('/v1/feedback/{id}', { params: { path: { id } } });
  const json = JSON.stringify(mine.data);
  assert.ok(json.includes(marker));
  assert.ok(!json.includes('内部备注'));
  assert.ok(!/"notes"|"handling"|"assignee/.test(json));
});
