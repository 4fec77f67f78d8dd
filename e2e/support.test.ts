// Support journey: anyone searches the help centre in Chinese and reads an article; a demo customer
// opens a fault ticket on H5; a support agent finds it in the console's desk (customer named, SLA
// timers), adds an internal note and answers with a canned reply; the customer sees the answer and
// the state change, never the note. The article editor is pictured too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot } from './harness';
import {
  DESKTOP_VIEWPORT,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  screenshotH5,
  serverForThisFile,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = 240_000;
const baseUrl = serverForThisFile();

test('help centre search, a ticket opened on H5, answered from the console desk', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const subject = `屏幕不亮 ${Date.now() % 100_000}`;
  const session = await loginCustomerByApi(baseUrl(), '+8613900139000');
  const phone = await openBrowser(PHONE_VIEWPORT);
  let ticketUrl = '';
  try {
    const { page, errors } = phone;
    await page.goto(`${baseUrl()}/help`);
    await page.getByTestId('help-topic-deposit').waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshotH5(page, 'h5-help-centre');
    await page.getByTestId('help-search').locator('input').fill('押金什么时候退');
    const results = page.getByTestId('help-results');
    await waitForText(results, '篇相关文章');
    await screenshotH5(page, 'h5-help-search');
    await results.getByTestId('help-article').first().click();
    const article = page.getByTestId('help-article-page');
    await waitForText(article, '押金');
    await screenshotH5(page, 'h5-help-article');
    assert.deepEqual(errors, []);

    await openH5As(page, baseUrl(), session);
    await page.goto(`${baseUrl()}/me/tickets/new`);
    await page.getByTestId('ticket-form').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId('ticket-kind').getByText('设备故障').click();
    await page.getByTestId('ticket-subject').locator('input').fill(subject);
    await page.getByTestId('ticket-body').locator('textarea').fill('今天早上开始黑屏，充电也没有反应。');
    await screenshotH5(page, 'h5-ticket-new');
    await page.getByTestId('ticket-submit').click();
    await waitForText(page.getByTestId('ticket-head'), subject);
    await waitForText(page.getByTestId('ticket-state'), '待受理');
    ticketUrl = page.url();
    assert.match(ticketUrl, /\/me\/tickets\/tkt_/);
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
  }

  const desk = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page, errors } = desk;
    await signInStaffByApi(page, baseUrl(), 'support');
    await page.goto(`${baseUrl()}/admin/support/tickets`);
    const queue = page.getByTestId('ticket-queue');
    await waitForText(queue, subject);
    // The customer is named (masked), never a bare id.
    await waitForText(queue, '****9000');
    await screenshot(page, 'admin-ticket-desk');
    await queue.locator('tr.ant-table-row', { hasText: subject }).click();
    const detail = page.getByTestId('ticket-detail');
    await waitForText(detail, subject);
    await page.getByTestId('ticket-reply-text').fill('疑似主板故障，准备换机');
    await page.getByTestId('ticket-internal').click();
    await page.getByTestId('ticket-send').click();
    await waitForText(page.getByTestId('ticket-thread'), '疑似主板故障');
    await page.getByTestId('ticket-canned').click();
    await page.locator('.ant-select-item-option').first().click();
    const reply = page.getByTestId('ticket-reply-text');
    assert.ok((await reply.inputValue()).length > 0, 'the canned reply fills the answer');
    await reply.fill(`${await reply.inputValue()} 我们会为您安排换机。`);
    await page.getByTestId('ticket-send').click();
    await waitForText(page.getByTestId('ticket-detail-state'), '处理中');
    await waitForText(page.getByTestId('ticket-assignee'), /\S/);
    await screenshot(page, 'admin-ticket-detail');

    await page.goto(`${baseUrl()}/admin/support/articles`);
    await waitForText(page.getByTestId('article-table'), '押金');
    await screenshot(page, 'admin-help-articles');
    await page.getByTestId('article-new').click();
    await page.getByTestId('article-form').waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshot(page, 'admin-help-article-editor');
    assert.deepEqual(errors, []);
  } finally {
    await desk.close();
  }

  const again = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = again;
    await openH5As(page, baseUrl(), session);
    await page.goto(ticketUrl);
    const thread = page.getByTestId('ticket-thread');
    await waitForText(thread, '我们会为您安排换机');
    await waitForText(page.getByTestId('ticket-state'), '处理中');
    assert.equal(await thread.getByText('疑似主板故障').count(), 0, 'internal notes never reach the customer');
    await screenshotH5(page, 'h5-ticket-detail');
    await page.goto(`${baseUrl()}/me/tickets`);
    await waitForText(page.getByTestId('my-tickets'), subject);
    await screenshotH5(page, 'h5-tickets');
    assert.deepEqual(errors, []);
  } finally {
    await again.close();
  }
});
