// The customer's side of a graded return (issue #14): three demo customers rent a phone through the
// API (placePaidRentalByApi). With the server stopped, the rental module's own use cases move them on
// (as e2e/inspection.test.ts does): the first is delivered 40 days ago, returned and received at the
// warehouse; the second delivered today (rent starts tomorrow: 待起租); the third delivered 40 days ago
// and renting. The inspector grades the first C with a cracked back glass and a photo through the API
// (the grading form itself is driven in inspection.test.ts and rental-journey.test.ts). On the H5 app:
// the first customer opens the inspection from the order — grade C and its meaning, the photo (tapped
// open full size), the back-glass line and the ¥ total, captured, billed and released — disputes it
// with a reason and sees 已提出异议 with the case number; a second dispute sent from a page opened
// before is refused with the Chinese sentence of RENTAL_INSPECTION_ALREADY_DISPUTED. The console's
// returns desk shows the dispute to a person, who resolves it (已调整, ¥100.00, with the money's
// from and to shown before it moves); the H5 inspection page then shows 已调整 and the credit. The second customer sees 待起租 with the day rent starts;
// the third asks for a buyout quote (its lines and validUntil), starts the buyout, then withdraws it:
// the order rents on and the buyout bill reads 已取消 with 你已放弃本次买断.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase, transaction } from '@zulin/db';
import { addDays, formatCny, systemClock, today } from '@zulin/kernel';
import { recordDelivery, returnOrder, shipOrder, startRents } from '@zulin/rental';
import { returnToWarehouseForTests, testIdNumber } from '@zulin/rental/testing';
import { createZulinClient } from '@zulin/sdk';
import type { Page } from 'playwright-core';
import { type RunningServer, screenshot, startServer } from './harness';
import {
  type CustomerSession,
  DESKTOP_VIEWPORT,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  placePaidRentalByApi,
  screenshotH5,
  signInStaffByApi,
  staffLoginAt,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(300_000);
const SET_UP_TIMEOUT_MS = patience(3 * 330_000 + 120_000);
const TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 24 * 60 * 60 * 1000;
/** A 16×16 PNG with a dark crack across it: the inspector's photo of the back. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAW0lEQVR4nJXSgQnAIAxE0T9OR3Qcx+lYikKRNFxOUTSQh4nIs0brrzmZ68qwN9/wnUzDGTiGEJcmgtIkQBsFUpOXJO5Jmta1xWct+0Fn/w1ldjA42afh6m/P5AEb16k4boCvEQAAAABJRU5ErkJggg==',
  'base64',
);
const yuan = (minor: number) => formatCny(minor, 'zh-CN');

const dataDir = mkdtempSync(join(tmpdir(), 'zulin-e2e-inspection-h5-'));
let server: RunningServer | undefined;
interface Placed {
  orderId: string;
  session: CustomerSession;
}
let graded: Placed | undefined;
let delivered: Placed | undefined;
let renting: Placed | undefined;

/** Three monthly plans of different phones (one unit of each is enough). */
async function threePlans(baseUrl: string): Promise<{ skuId: string; planId: string }[]> {
  const client = createZulinClient({ baseUrl });
  const products = (await client.GET('/v1/products', { params: { query: { limit: 50 } } })).data?.data ?? [];
  const found: { skuId: string; planId: string }[] = [];
  for (const product of products) {
    const detail = (await client.GET('/v1/products/{id}', { params: { path: { id: product.id } } })).data;
    for (const sku of detail?.skus ?? []) {
      const plans = (await client.GET('/v1/skus/{id}/plans', { params: { path: { id: sku.id } } })).data?.data ?? [];
      const plan = plans.find((p) => p.termUnit === 'month' && p.termCount >= 6);
      if (plan) {
        found.push({ skuId: sku.id, planId: plan.id });
        break;
      }
    }
    if (found.length === 3) return found;
  }
  assert.fail(`three rentable phones were not found (${found.length})`);
}

before(
  async () => {
    const first = await startServer({ dataDir });
    try {
      const plans = await threePlans(first.baseUrl);
      const place = async (n: number, name: string) =>
        placePaidRentalByApi(first.baseUrl, {
          ...(plans[n] as { skuId: string; planId: string }),
          name,
          addressLine: `世纪大道 ${n + 1} 号`,
        });
      // Bureau sequence 660: 70 % of the deposit waived, the rest held — the grade's charge comes from the hold.
      graded = await placePaidRentalByApi(first.baseUrl, {
        ...(plans[0] as { skuId: string; planId: string }),
        name: '王芳',
        addressLine: '世纪大道 1 号',
        idNumber: testIdNumber(660, '19900312'),
      });
      delivered = await place(1, '李雷');
      renting = await place(2, '韩梅梅');
    } finally {
      await first.stop();
    }
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const deps = { clock: systemClock, timeZone: TIME_ZONE, masterKey: Buffer.alloc(32) };
      const todayDate = today(systemClock, TIME_ZONE);
      const staff = {
        kind: 'staff' as const,
        staffId: 'warehouse',
        username: 'warehouse',
        role: 'warehouse' as const,
        permissions: new Set<never>(),
      };
      const g = graded as Placed;
      const d = delivered as Placed;
      const r = renting as Placed;
      await transaction(database, async (tx) => {
        for (const [n, o] of [g, d, r].entries()) {
          await shipOrder(tx, deps, { orderId: o.orderId, waybillNo: `SF12345678${n}0`, carrier: 'sandbox', staff });
        }
        await recordDelivery(tx, deps, { orderId: g.orderId, signedAt: new Date(Date.now() - 40 * DAY_MS) });
        await recordDelivery(tx, deps, { orderId: r.orderId, signedAt: new Date(Date.now() - 40 * DAY_MS) });
        await recordDelivery(tx, deps, { orderId: d.orderId, signedAt: new Date() });
        await startRents(tx, deps, todayDate);
        await returnOrder(tx, deps, {
          orderId: g.orderId,
          customerId: g.session.customerId,
          pickup: { date: addDays(todayDate, 1), slot: '09-12' },
        });
        await returnToWarehouseForTests(tx, g.orderId, new Date());
      });
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

/** The inspector grades the returned phone C with a cracked back glass and one photo (the returns desk's API). */
async function gradeC(baseUrl: string, orderId: string) {
  const warehouse = await staffLoginAt(baseUrl, Date.now(), 'warehouse');
  const auth = { authorization: `Bearer ${warehouse.accessToken}` };
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'back-glass.png');
  const uploaded = await fetch(`${baseUrl}/v1/admin/inspections/${orderId}/photos`, {
    method: 'POST',
    headers: { ...auth, 'idempotency-key': `photo-${orderId}` },
    body: form,
  });
  assert.equal(uploaded.status, 201, await uploaded.clone().text());
  const { file } = (await uploaded.json()) as { file: string };
  const answer = await fetch(`${baseUrl}/v1/admin/inspections/${orderId}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `grade-${orderId}` },
    body: JSON.stringify({
      grade: 'C',
      findings: [{ code: 'back_glass', quantity: 1 }],
      photos: [file],
      note: '后盖玻片碎裂',
    }),
  });
  assert.equal(answer.status, 201, await answer.clone().text());
  const inspection = (await answer.json()) as {
    state: string;
    chargeMinor: number;
    capturedMinor: number;
    billedMinor: number;
    releasedMinor: number;
    lines: { code: string; amountMinor: number }[];
  };
  assert.equal(inspection.state, 'settled');
  return inspection;
}

test('the customer sees the grade-C inspection (photo, back glass, ¥ captured / billed / released), disputes it once; the console shows the dispute', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  assert.ok(server && graded, 'the set-up did not finish');
  const baseUrl = server.baseUrl;
  const inspection = await gradeC(baseUrl, graded.orderId);
  const backGlass = inspection.lines.find((l) => l.code === 'back_glass');
  assert.ok(backGlass, 'the back glass is priced');
  assert.equal(inspection.capturedMinor + inspection.billedMinor, inspection.chargeMinor);

  const h5 = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = h5;
    await openH5As(page, baseUrl, graded.session);
    await page.goto(`${baseUrl}/rentals/${graded.orderId}`);
    await page.getByTestId('rental-action-inspection').click();
    await page.waitForURL(`**/rentals/${graded.orderId}/inspection`, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('inspection-grade'), 'C 级');
    await waitForText(page.getByTestId('inspection-grade-meaning'), '按损伤价目表计费');
    await waitForText(page.getByTestId('inspection-line-back_glass'), yuan(backGlass.amountMinor));
    const charges = page.getByTestId('inspection-charges');
    await waitForText(charges.getByTestId('inspection-total'), yuan(inspection.chargeMinor));
    await waitForText(charges.getByTestId('inspection-captured'), yuan(inspection.capturedMinor));
    await waitForText(charges.getByTestId('inspection-billed'), yuan(inspection.billedMinor));
    await waitForText(charges.getByTestId('inspection-released'), yuan(inspection.releasedMinor));
    if (inspection.releasedMinor > 0) await waitForText(page.getByTestId('inspection-released-on'), '释放');
    await page.locator('[data-testid=inspection-photo] img').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('inspection-dispute-until'), '前（含当天）提出');
    await screenshotH5(page, 'inspection-h5-view');
    await page.getByTestId('inspection-photo').click();
    await page.locator('.adm-image-viewer-content img').waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshot(page, 'inspection-h5-photo');

    // A second page, opened before the dispute: its form is stale.
    const stale = await h5.context.newPage();
    await stale.goto(`${baseUrl}/rentals/${graded.orderId}/inspection?dispute=1`);
    await stale.getByTestId('inspection-dispute-reason-input').waitFor({ timeout: UI_TIMEOUT_MS });

    // 对检测结果有异议 from the order opens the form; an empty reason is refused before it is sent.
    await page.goto(`${baseUrl}/rentals/${graded.orderId}`);
    await page.getByTestId('rental-action-dispute').click();
    await page.getByTestId('inspection-dispute-submit').click();
    await waitForText(page.getByTestId('inspection-dispute-error'), '请填写异议理由');
    await page.locator('[data-testid=inspection-dispute-reason-input] textarea').fill('寄回前后盖完好，请核实照片');
    await screenshotH5(page, 'inspection-h5-dispute-form');
    await page.getByTestId('inspection-dispute-submit').click();
    const state = page.getByTestId('inspection-dispute-state');
    await waitForText(state, '已提出异议，客服专员会人工复核并联系你');
    await waitForText(state.getByTestId('inspection-dispute-reason'), '寄回前后盖完好，请核实照片');
    // The case support opened for a person (the outbox delivers the event): its number and state.
    const caseLine = page.getByTestId('inspection-case');
    for (let i = 0; i < 20 && (await caseLine.count()) === 0; i += 1) {
      await page.waitForTimeout(1500);
      await page.reload();
      await state.waitFor({ timeout: UI_TIMEOUT_MS });
    }
    await waitForText(caseLine, /工单号 \S+/);
    await waitForText(caseLine.getByTestId('inspection-case-state'), '待处理');
    assert.equal(await page.getByTestId('inspection-dispute-open').count(), 0, 'no second dispute offered');
    await screenshotH5(page, 'inspection-h5-disputed');

    // The stale page sends a second dispute: refused, in Chinese, with the problem code.
    await stale.locator('[data-testid=inspection-dispute-reason-input] textarea').fill('再次申诉');
    await stale.getByTestId('inspection-dispute-submit').click();
    const refusal = stale.getByTestId('inspection-dispute-error');
    await waitForText(refusal, '你已对本次检测提出过异议');
    await waitForText(refusal, 'RENTAL_INSPECTION_ALREADY_DISPUTED');
    await screenshotH5(stale, 'inspection-h5-second-dispute');
    // The refused POST (409) is the one console error.
    assert.deepEqual(
      errors.filter((e) => !e.includes('409')),
      [],
    );
  } finally {
    await h5.close();
  }

  const desk = await openBrowser(DESKTOP_VIEWPORT);
  try {
    await signInStaffByApi(desk.page, baseUrl, 'admin');
    await desk.page.goto(`${baseUrl}/admin/returns/${graded.orderId}`);
    const result = desk.page.getByTestId('inspection-result');
    await result.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(result, '客户申诉');
    await waitForText(result, '寄回前后盖完好，请核实照片');
    await screenshot(desk.page, 'inspection-console-dispute', { fullPage: true });

    // A person resolves it: adjusted by ¥100.00 (below the ¥500.00 refund threshold). Before anything
    // moves, the form shows each amount, from where and to where (the server's own split).
    const card = desk.page.getByTestId('dispute-card');
    await waitForText(card, '客户申诉处理');
    await card.getByTestId('dispute-outcome-adjusted').click();
    const credit = card.locator('[data-testid=dispute-credit]');
    const creditInput = (await credit.evaluate((el) => el.tagName)) === 'INPUT' ? credit : credit.locator('input');
    await creditInput.fill('100');
    const movements = card.getByTestId('dispute-movements');
    await waitForText(movements, '¥');
    await waitForText(movements, inspection.billedMinor > 0 ? '减免' : '客户钱包');
    const note = card.locator('[data-testid=dispute-note]');
    const noteInput = (await note.evaluate((el) => el.tagName)) === 'TEXTAREA' ? note : note.locator('textarea');
    await noteInput.fill('后盖裂纹属轻微，调整 ¥100.00');
    await card.getByTestId('dispute-resolve').click();
    const confirmOk = desk.page.getByTestId('dispute-confirm-ok');
    await confirmOk.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(desk.page.locator('.ant-modal-confirm'), '确认调整 ¥100.00');
    await screenshot(desk.page, 'inspection-console-dispute-confirm', { fullPage: true });
    await confirmOk.click();
    const resolution = desk.page.getByTestId('dispute-resolution');
    await resolution.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(resolution.getByTestId('dispute-outcome'), '已调整');
    await waitForText(resolution, yuan(10_000));
    await screenshot(desk.page, 'inspection-console-dispute-resolved', { fullPage: true });
    assert.deepEqual(desk.errors, []);
  } finally {
    await desk.close();
  }

  // The customer sees the outcome on the inspection page: 已调整, the credit and how it comes back.
  const back = await openBrowser(PHONE_VIEWPORT);
  try {
    await openH5As(back.page, baseUrl, graded.session);
    await back.page.goto(`${baseUrl}/rentals/${graded.orderId}/inspection`);
    const outcome = back.page.getByTestId('inspection-dispute-outcome');
    await outcome.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(back.page.getByTestId('inspection-outcome-tag'), '已调整');
    await waitForText(back.page.getByTestId('inspection-outcome-credit'), `检测费用减少 ${yuan(10_000)}`);
    await waitForText(outcome, inspection.billedMinor > 0 ? '未付账单减免' : '退回你的钱包');
    await outcome.scrollIntoViewIfNeeded();
    await screenshotH5(back.page, 'inspection-h5-dispute-outcome');
    assert.deepEqual(back.errors, []);
  } finally {
    await back.close();
  }
});

test('待起租: delivered today, the order says rent starts tomorrow', { timeout: TEST_TIMEOUT_MS }, async () => {
  assert.ok(server && delivered, 'the set-up did not finish');
  const baseUrl = server.baseUrl;
  const tomorrow = addDays(today(systemClock, TIME_ZONE), 1);
  const [, m, d] = tomorrow.split('-').map(Number);
  const h5 = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = h5;
    await openH5As(page, baseUrl, delivered.session);
    await page.goto(`${baseUrl}/rentals/${delivered.orderId}`);
    await waitForText(page.getByTestId('rental-state'), '待起租');
    await waitForText(page.getByTestId('rental-copy'), `已签收，${m} 月 ${d} 日起计租`);
    await screenshotH5(page, 'inspection-h5-awaiting-rent-start');
    assert.deepEqual(errors, []);
  } finally {
    await h5.close();
  }
});

/** Opens an exit (买断 or 归还) on the order page and asks for its quote; answers the amount shown. */
async function askExitQuote(page: Page, action: 'buy_out' | 'return'): Promise<string> {
  await page.getByTestId(`rental-action-${action}`).click();
  await page.getByTestId('exit-ask').click();
  await page.getByTestId('exit-quote').waitFor({ timeout: UI_TIMEOUT_MS });
  await waitForText(page.getByTestId('exit-quote-amount'), /¥\d[\d,]*\.\d{2}/);
  return ((await page.getByTestId('exit-quote-amount').textContent()) ?? '').trim();
}

test('buyout from the H5 order: the quote with its lines and validUntil, 买断 → 支付买断款, then 撤销买断 cancels its bill', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  assert.ok(server && renting, 'the set-up did not finish');
  const baseUrl = server.baseUrl;
  const h5 = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = h5;
    await openH5As(page, baseUrl, renting.session);
    await page.goto(`${baseUrl}/rentals/${renting.orderId}`);
    await waitForText(page.getByTestId('rental-state'), '租赁中');
    const amount = await askExitQuote(page, 'buy_out');
    assert.ok((await page.getByTestId('exit-quote').locator('.summary-row').count()) >= 1, 'the quote has its lines');
    await waitForText(page.getByTestId('exit-quote-valid'), /\d/);
    await screenshotH5(page, 'inspection-h5-buyout-quote');
    await page.getByTestId('exit-act').click();
    await waitForText(page.getByTestId('exit-confirm'), amount);
    await page.getByText('确认', { exact: true }).click();
    // The buyout's exit bill opens, for exactly the quoted amount; the order offers 支付买断款.
    await page.waitForURL(/\/bills\//, { timeout: UI_TIMEOUT_MS });
    await waitForText(page.locator('.app-body'), '买断款');
    await waitForText(page.locator('.app-body'), amount);
    await screenshotH5(page, 'inspection-h5-buyout-started');
    const billUrl = page.url();
    await page.goto(`${baseUrl}/rentals/${renting.orderId}`);
    await page.getByTestId('rental-action-pay_buyout').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('rental-after-sales'), amount);
    // Changing their mind: 撤销买断 asks first, then the order rents on and the bill is cancelled —
    // worded as the customer's own choice, not as a debt forgiven.
    await page.getByTestId('rental-action-cancel_buyout').click();
    await page.getByText('确认撤销', { exact: true }).click();
    await waitForText(page.getByTestId('rental-state'), '租赁中');
    await page.getByTestId('rental-action-buy_out').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await page.getByTestId('rental-action-pay_buyout').count(), 0);
    await page.goto(billUrl);
    await waitForText(page.getByTestId('bill-status'), '已取消');
    await waitForText(page.getByTestId('bill-waived-note'), `你已放弃本次买断，这张账单随之取消，${amount} 无需再支付`);
    await screenshotH5(page, 'inspection-h5-buyout-abandoned-bill');
    assert.deepEqual(errors, []);
  } finally {
    await h5.close();
  }
});

test('early return from the H5 order: quote, pick-up tomorrow, 归还中, then 撤销归还 — the order rents on and the fee’s bill is cancelled', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  assert.ok(server && renting, 'the set-up did not finish');
  const baseUrl = server.baseUrl;
  const h5 = await openBrowser(PHONE_VIEWPORT);
  try {
    const { page, errors } = h5;
    await openH5As(page, baseUrl, renting.session);
    await page.goto(`${baseUrl}/rentals/${renting.orderId}`);
    // The order rents (the buyout before this test was withdrawn).
    await waitForText(page.getByTestId('rental-state'), '租赁中');
    const amount = await askExitQuote(page, 'return');
    const pickup = page.getByTestId('exit-pickup');
    await pickup.waitFor({ timeout: UI_TIMEOUT_MS });
    await pickup.locator('.adm-selector').first().locator('.adm-selector-item').nth(1).click();
    await page.getByTestId('exit-act').click();
    await waitForText(page.getByTestId('exit-confirm'), amount);
    await page.locator('.adm-dialog').getByText('确认', { exact: true }).click();
    // A fee to pay opens its bill; none (rent already billed covers it) leaves the app on the order.
    await page.waitForURL(/\/bills\/|\/rentals\//, { timeout: UI_TIMEOUT_MS });
    const billUrl = page.url().includes('/bills/') ? page.url() : null;
    await page.goto(`${baseUrl}/rentals/${renting.orderId}`);
    await waitForText(page.getByTestId('rental-state'), '归还中');
    await screenshotH5(page, 'inspection-h5-return-requested');

    // Changing their mind before the courier comes: 撤销归还 asks first, then the order rents on.
    await page.getByTestId('rental-action-cancel_return').click();
    await page.getByText('撤销归还？', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByText('确认撤销', { exact: true }).click();
    await waitForText(page.getByTestId('rental-state'), '租赁中');
    await page.getByTestId('rental-action-return').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await page.getByTestId('rental-action-cancel_return').count(), 0);
    // The pick-up is cancelled with it, and the parcel card no longer says the courier is coming.
    const parcel = page.getByTestId('rental-parcel').filter({ hasText: '归还取件' });
    await waitForText(parcel.getByTestId('rental-parcel-state'), '已取消');
    await waitForText(parcel.getByTestId('rental-parcel-no-scans'), '运单已取消，快递员不会上门揽收');
    // The order's bills word the withdrawn exit bills as cancelled, never as waived (已减免).
    const listed = page.getByTestId('rental-bills');
    await waitForText(listed, '已取消');
    assert.equal(await listed.getByText('已减免').count(), 0);
    await screenshotH5(page, 'inspection-h5-return-abandoned');
    if (billUrl !== null) {
      await page.goto(billUrl);
      await waitForText(page.getByTestId('bill-status'), '已取消');
    }
    assert.deepEqual(errors, []);
  } finally {
    await h5.close();
  }
});
