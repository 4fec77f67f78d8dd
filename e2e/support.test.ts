// Support journey: anyone searches the help centre in Chinese and reads an article; a demo customer
// opens a fault ticket on H5 with a photo (a text file passed off as a picture is refused first); a
// support agent finds it in the console's desk (customer named, SLA timers, the customer's photo),
// adds an internal note and answers with a canned reply and a photo of their own (a draft photo does
// not follow the agent to another ticket; a non-image is refused); the customer sees the answer, both
// photos and the state change, never the note. The article editor is pictured too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { screenshot } from './harness';
import {
  DESKTOP_VIEWPORT,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  screenshotH5,
  serverForThisFile,
  settle,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(300_000);
const baseUrl = serverForThisFile();
const refused = (status: number) => `console: Failed to load resource: the server responded with a status of ${status}`;
/** A text file that calls itself a PNG: the server reads the first bytes and refuses it (415). */
const NOT_AN_IMAGE = { name: 'receipt.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all\n') };

/** A plain PNG of one colour with a white square in the middle. */
async function photo(name: string, background: { r: number; g: number; b: number }) {
  const square = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
  const buffer = await sharp({ create: { width: 320, height: 240, channels: 3, background } })
    .composite([{ input: square, left: 100, top: 75 }])
    .png()
    .toBuffer();
  return { name, mimeType: 'image/png', buffer };
}

/** Waits until `images` are `count` pictures that the browser actually decoded (naturalWidth > 0). */
async function imagesLoaded(images: Locator, count: number): Promise<void> {
  const widths = await settle(
    () => images.evaluateAll((all) => all.map((img) => (img as unknown as { naturalWidth: number }).naturalWidth)),
    (w) => w.length === count && w.every((px) => px > 0),
  );
  assert.equal(widths.length, count, `expected ${count} pictures, saw ${widths.length}`);
  for (const px of widths) assert.ok(px > 0, `a picture did not load (naturalWidth ${px})`);
}

/** Picks a file in a picker and answers the upload's status and problem code (or null on success). */
async function pickFile(page: Page, input: Locator, file: Parameters<Locator['setInputFiles']>[0]) {
  const answer = page.waitForResponse((r) => /\/v1\/(admin\/)?uploads$/.test(r.url()), { timeout: UI_TIMEOUT_MS });
  await input.setInputFiles(file);
  const response = await answer;
  const body = (await response.json()) as { code?: string };
  return { status: response.status(), code: response.ok() ? null : (body.code ?? null) };
}

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
    // A text file is refused by its first bytes whatever it calls itself: the toast says why, by code.
    const photos = page.getByTestId('ticket-photos');
    const input = photos.locator('input[type="file"]');
    assert.deepEqual(await pickFile(page, input, NOT_AN_IMAGE), {
      status: 415,
      code: 'FEEDBACK_UPLOAD_TYPE_UNSUPPORTED',
    });
    await waitForText(page.locator('.adm-toast-main'), '这不是图片');
    await screenshotH5(page, 'h5-ticket-photo-refused');
    assert.equal(
      await photos.locator('.adm-image-uploader-cell:not(.adm-image-uploader-upload-button)').count(),
      0,
      'a refused file leaves no cell',
    );
    assert.deepEqual(await pickFile(page, input, await photo('black-screen.png', { r: 30, g: 30, b: 30 })), {
      status: 201,
      code: null,
    });
    await settle(
      () => photos.locator('.adm-image-uploader-cell-mask').count(),
      (n) => n === 0,
    );
    await imagesLoaded(photos.locator('.adm-image-uploader-cell-image img'), 1);
    await page.waitForSelector('.adm-toast-main', { state: 'detached', timeout: UI_TIMEOUT_MS });
    await screenshotH5(page, 'h5-ticket-new');
    await page.getByTestId('ticket-submit').click();
    await waitForText(page.getByTestId('ticket-head'), subject);
    await waitForText(page.getByTestId('ticket-state'), '待受理');
    ticketUrl = page.url();
    assert.match(ticketUrl, /\/me\/tickets\/tkt_/);
    // The opening message carries the photo, fetched with the customer's token.
    await imagesLoaded(page.getByTestId('ticket-thread').locator('[data-testid="ticket-image"] img'), 1);
    await page.waitForSelector('.adm-toast-main', { state: 'detached', timeout: UI_TIMEOUT_MS });
    await screenshotH5(page, 'h5-ticket-opened-photo');
    // The refused upload is the only error: the browser logs its 415 and the picker logs the refusal.
    assert.deepEqual(
      phone.errors.map((e) => e.replace(/ \(.*\)$/, '').split('\n')[0]),
      [refused(415), 'console: ProblemError: Only JPEG, PNG or WebP images and MP4 or MOV videos can be uploaded'],
    );
  } finally {
    await phone.close();
  }

  const desk = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page } = desk;
    await signInStaffByApi(page, baseUrl(), 'support');
    await page.goto(`${baseUrl()}/admin/support/tickets`);
    const queue = page.getByTestId('ticket-queue');
    await waitForText(queue, subject);
    // The customer is named (masked), never a bare id.
    await waitForText(queue, '****9000');
    // The demo ticket 小李 took back after it was resolved is tagged so.
    await waitForText(queue.locator('tr.ant-table-row', { hasText: '换绑手机号收不到验证码' }), '客户重新打开');
    await screenshot(page, 'admin-ticket-desk');
    const ourRow = queue.locator('tr.ant-table-row', { hasText: subject });
    await ourRow.click();
    const detail = page.getByTestId('ticket-detail');
    await waitForText(detail, subject);
    // The customer's photo, fetched with the staff token.
    const staffSees = page
      .getByTestId('ticket-thread')
      .locator('img[data-testid="ticket-image"], [data-testid="ticket-image"] img');
    await imagesLoaded(staffSees, 1);

    // A draft photo stays with its ticket: another ticket opens with an empty answer box, and so
    // does this one when it is opened again.
    const drafts = page.getByTestId('ticket-photo-draft');
    const staffInput = page.getByTestId('ticket-photos').locator('input[type="file"]');
    await page.getByTestId('ticket-reply-text').fill('草稿：这张图不该跑到别的工单');
    assert.deepEqual(await pickFile(page, staffInput, await photo('draft.png', { r: 40, g: 160, b: 60 })), {
      status: 201,
      code: null,
    });
    await imagesLoaded(drafts.locator('img'), 1);
    const closeDrawer = async () => {
      await page.locator('.ant-drawer-close').click();
      await detail.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    };
    await closeDrawer();
    await queue.locator('tr.ant-table-row').filter({ hasNotText: subject }).first().click();
    await detail.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await drafts.count(), 0, "another ticket shows none of the draft's photos");
    assert.equal(await page.getByTestId('ticket-reply-text').inputValue(), '');
    await closeDrawer();
    await ourRow.click();
    await waitForText(detail, subject);
    assert.equal(await drafts.count(), 0, 'the draft was dropped with its drawer');

    await page.getByTestId('ticket-reply-text').fill('疑似主板故障，准备换机');
    await page.getByTestId('ticket-internal').click();
    await page.getByTestId('ticket-send').click();
    await waitForText(page.getByTestId('ticket-thread'), '疑似主板故障');
    await page.getByTestId('ticket-canned').click();
    await page.locator('.ant-select-item-option').first().click();
    const reply = page.getByTestId('ticket-reply-text');
    assert.ok((await reply.inputValue()).length > 0, 'the canned reply fills the answer');
    await reply.fill(`${await reply.inputValue()} 我们会为您安排换机。`);
    // A non-image is refused with its code and said in the console's message; the draft stays empty.
    assert.deepEqual(await pickFile(page, staffInput, NOT_AN_IMAGE), {
      status: 415,
      code: 'FEEDBACK_UPLOAD_TYPE_UNSUPPORTED',
    });
    await waitForText(page.locator('.ant-message'), '不是图片：只能上传 JPEG、PNG 或 WebP 图片');
    await screenshot(page, 'admin-ticket-photo-refused');
    assert.equal(await drafts.count(), 0);
    // Two photos picked, one removed: the reply carries the other.
    for (const [name, colour] of [
      ['wrong.png', { r: 200, g: 200, b: 40 }],
      ['replacement.png', { r: 40, g: 90, b: 220 }],
    ] as const) {
      assert.deepEqual(await pickFile(page, staffInput, await photo(name, colour)), { status: 201, code: null });
    }
    await imagesLoaded(drafts.locator('img'), 2);
    await drafts.first().getByTestId('ticket-photo-remove').click();
    await imagesLoaded(drafts.locator('img'), 1);
    assert.equal(await drafts.locator('img').getAttribute('alt'), 'replacement.png');
    await drafts.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-ticket-reply-photo', { fullPage: false });
    await page.getByTestId('ticket-send').click();
    await waitForText(page.getByTestId('ticket-detail-state'), '处理中');
    await waitForText(page.getByTestId('ticket-assignee'), /\S/);
    await waitForText(page.getByTestId('ticket-thread'), '我们会为您安排换机');
    // The reply's photo is in the thread beside the customer's, and the draft is empty again.
    await imagesLoaded(staffSees, 2);
    assert.equal(await drafts.count(), 0, 'sending clears the draft photos');
    await page.waitForSelector('.ant-message-notice', { state: 'detached', timeout: UI_TIMEOUT_MS });
    await screenshot(page, 'admin-ticket-detail');
    await staffSees.nth(1).click();
    await imagesLoaded(page.locator('.ant-image-preview-img'), 1);
    await screenshot(page, 'admin-ticket-photo-full', { fullPage: false });
    await page.keyboard.press('Escape');

    await page.goto(`${baseUrl()}/admin/support/articles`);
    await waitForText(page.getByTestId('article-table'), '押金');
    await screenshot(page, 'admin-help-articles');
    await page.getByTestId('article-new').click();
    await page.getByTestId('article-form').waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshot(page, 'admin-help-article-editor');

    // The same drawer in English.
    await page.evaluate(`localStorage.setItem('zulin.admin.lang', 'en')`);
    await page.goto(`${baseUrl()}/admin/support/tickets`);
    await page.getByTestId('ticket-queue').locator('tr.ant-table-row', { hasText: subject }).click();
    await waitForText(page.getByTestId('ticket-detail'), 'Add photos (0/9)');
    await imagesLoaded(staffSees, 2);
    await screenshot(page, 'admin-ticket-detail-en');
    // The refused upload is the only error: the browser logs its 415.
    assert.deepEqual(
      desk.errors.map((e) => e.replace(/ \(.*\)$/, '')),
      [refused(415)],
    );
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
    // The customer's photo and the agent's, both fetched with the customer's token.
    await imagesLoaded(thread.locator('[data-testid="ticket-image"] img'), 2);
    await screenshotH5(page, 'h5-ticket-detail');
    await page.goto(`${baseUrl()}/me/tickets`);
    await waitForText(page.getByTestId('my-tickets'), subject);
    await screenshotH5(page, 'h5-tickets');
    // The new-ticket form in English, its photo label included.
    await page.evaluate(`localStorage.setItem('zulin.h5.lang', 'en')`);
    await page.goto(`${baseUrl()}/me/tickets/new`);
    await waitForText(page.getByTestId('ticket-form'), 'Photos (optional, up to 9)');
    await screenshotH5(page, 'h5-ticket-new-en');
    assert.deepEqual(errors, []);
  } finally {
    await again.close();
  }
});
