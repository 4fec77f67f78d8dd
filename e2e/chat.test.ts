// Live chat journey in two browsers at once: a customer opens a chat from the H5 help centre and
// waits in the queue; a support agent sees them (masked) on the console's chat desk, takes the chat
// and answers with a canned reply; the customer reads it live and answers back; the agent ends the
// chat and the customer rates it 5 stars. Presence: the agent sets themselves online on the desk first,
// so the queued customer sees one agent online and is not offered a ticket at once.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
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

const TEST_TIMEOUT_MS = patience(240_000);
const baseUrl = serverForThisFile();
const shotsDir = process.env.ZULIN_SHOTS_DIR;

/** Also copies each picture where a reviewer asked for them (ZULIN_SHOTS_DIR), besides e2e/screenshots. */
async function shot(page: Page, name: string, h5: boolean): Promise<void> {
  if (h5) await screenshotH5(page, name);
  const path = h5 ? join('e2e', 'screenshots', `${name}.png`) : await screenshot(page, name);
  if (shotsDir) {
    mkdirSync(shotsDir, { recursive: true });
    copyFileSync(path, join(shotsDir, `${name}.png`));
  }
}

test('a customer and an agent chat live; the agent ends it and the customer rates it', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const digits = String(Date.now() % 10_000).padStart(4, '0');
  const session = await loginCustomerByApi(baseUrl(), `+8613911${digits}00`);
  const phone = await openBrowser(PHONE_VIEWPORT);
  const desk = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const agent = desk.page;
    await signInStaffByApi(agent, baseUrl(), 'support');
    await agent.goto(`${baseUrl()}/admin/support/chats`);
    const presence = agent.getByTestId('chat-presence');
    await waitForText(presence.getByTestId('chat-presence-online'), '当前在线客服 0 人');
    await presence.getByTestId('chat-presence-status').getByText('在线', { exact: true }).click();
    await waitForText(presence.getByTestId('chat-presence-online'), '当前在线客服 1 人');

    const customer = phone.page;
    await openH5As(customer, baseUrl(), session);
    await customer.goto(`${baseUrl()}/help`);
    await customer.getByTestId('help-chat').click();
    await customer.getByTestId('chat-start').click();
    const room = customer.getByTestId('chat-room');
    await room.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(customer.getByTestId('chat-status'), '正在为你接入客服');
    // The queue tells the customer where they stand; with an agent online no ticket is offered yet.
    await waitForText(customer.getByTestId('chat-standing'), '在线客服 1 人');
    assert.equal(await customer.getByTestId('chat-ticket-offer').count(), 0);
    await customer.getByTestId('chat-input').locator('input').fill('你好，押金什么时候退回？');
    await customer.getByTestId('chat-send').click();
    await waitForText(customer.getByTestId('chat-thread'), '押金什么时候退回');
    // The composer sits on the bottom edge of the phone's screen.
    const composer = await customer.locator('.chat-composer').boundingBox();
    const viewport = customer.viewportSize();
    assert.ok(composer !== null && viewport !== null);
    assert.ok(
      Math.abs(composer.y + composer.height - viewport.height) <= 2,
      `composer ends at ${composer.y + composer.height}`,
    );
    await shot(customer, 'h5-chat-queued', true);

    const queue = agent.getByTestId('chat-list-queued');
    await waitForText(queue, `${digits.slice(-2)}00`);
    await queue
      .getByTestId('chat-list-item')
      .filter({ hasText: `${digits.slice(-2)}00` })
      .click();
    await waitForText(agent.getByTestId('chat-thread'), '押金什么时候退回');
    await agent.getByTestId('chat-take').click();
    await waitForText(agent.getByTestId('chat-state'), '会话中');
    await agent.getByTestId('chat-canned').click();
    await agent.locator('.ant-select-item-option', { hasText: '押金说明' }).click();
    const input = agent.getByTestId('chat-input');
    assert.match(await input.inputValue(), /押金在归还手机并验机通过后原路退回/);
    await agent.getByTestId('chat-send').click();

    // The customer sees the agent join and the answer without reloading.
    await waitForText(customer.getByTestId('chat-status'), '为你服务');
    await waitForText(customer.getByTestId('chat-thread'), '原路退回');
    await customer.getByTestId('chat-input').locator('input').fill('好的，谢谢！');
    await customer.getByTestId('chat-send').click();
    await waitForText(agent.getByTestId('chat-thread'), '好的，谢谢！');
    // The customer read the answer: the agent's bubble says so.
    await waitForText(agent.getByTestId('chat-thread'), '已读');

    // A photo goes from the customer to the agent over the socket: both sides show the thumbnail
    // (fetched with each side's token), and the agent's opens the full picture.
    const photo = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 220, g: 60, b: 40 } },
    })
      .composite([
        {
          input: await sharp({
            create: { width: 160, height: 120, channels: 3, background: { r: 250, g: 250, b: 250 } },
          })
            .png()
            .toBuffer(),
          left: 80,
          top: 60,
        },
      ])
      .png()
      .toBuffer();
    await customer
      .getByTestId('chat-photo-input')
      .setInputFiles({ name: 'crack.png', mimeType: 'image/png', buffer: photo });
    const customerImage = customer.getByTestId('chat-image').locator('img');
    await customerImage.waitFor({ timeout: UI_TIMEOUT_MS });
    const agentImage = agent
      .getByTestId('chat-thread')
      .locator('img[data-testid="chat-image"], [data-testid="chat-image"] img, img.ant-image-img')
      .first();
    await agentImage.waitFor({ timeout: UI_TIMEOUT_MS });
    for (const [page, image] of [
      [customer, customerImage],
      [agent, agentImage],
    ] as const) {
      const handle = await image.elementHandle();
      await page.waitForFunction(
        (img) =>
          (img as unknown as { complete: boolean; naturalWidth: number }).complete &&
          (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0,
        handle,
        { timeout: UI_TIMEOUT_MS },
      );
    }
    await shot(customer, 'h5-chat-photo', true);
    await shot(agent, 'admin-chat-photo', false);
    await agentImage.click();
    await agent.locator('.ant-image-preview-img').waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(agent, 'admin-chat-photo-full', false);
    await agent.keyboard.press('Escape');
    await shot(customer, 'h5-chat-active', true);
    await shot(agent, 'admin-chat-desk', false);

    await agent.getByTestId('chat-end').click();
    await clickWhenStill(agent.locator('.ant-popconfirm .ant-btn-primary'));
    await waitForText(agent.getByTestId('chat-state'), '已结束');

    const rating = customer.getByTestId('chat-rating');
    await waitForText(rating, '请为本次服务打分');
    // antd-mobile's Rate listens to touch on a phone: tap the fifth star.
    await rating.locator('[role="radio"][aria-label="5"]').tap();
    await waitForText(customer.getByTestId('chat-rated'), '感谢你的评价');
    // The thank-you toast fades first, so the picture shows the stars.
    await customer.waitForTimeout(2_500);
    await shot(customer, 'h5-chat-rated', true);

    // The analysis dashboard counts the demo feedback, this chat and its rating.
    await agent.goto(`${baseUrl()}/admin/feedback-analysis`);
    const words = agent.getByTestId('analysis-words');
    await waitForText(words, /[\u4e00-\u9fff]{2}/);
    await agent.getByTestId('analysis-ratings-chart').locator('canvas').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(agent.getByTestId('analysis-chat-rating'), '5.00');
    await agent.waitForTimeout(1_000);
    await shot(agent, 'admin-feedback-analysis', false);
    assert.deepEqual(phone.errors, []);
    assert.deepEqual(desk.errors, []);
  } finally {
    await phone.close();
    await desk.close();
  }
});
