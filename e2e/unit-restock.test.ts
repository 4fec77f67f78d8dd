// A returned phone back in stock under the SKU of its grade (docs/catalog-inventory.md, "Grade and
// condition"). The demo's returns desk graded one 全新 rental A and two C: the console's unit drawer
// says, before staff confirm, that the A phone goes in stock under the 99新 SKU of the same phone —
// and it is there after; a C phone is refused with the reason, in Chinese and in English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';
import {
  clickWhenStill,
  DESKTOP_VIEWPORT,
  openBrowser,
  patience,
  serverForThisFile,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(180_000);

const baseUrl = serverForThisFile();

/** Opens the units list on one IMEI and its drawer. */
async function openUnit(page: Page, imei: string): Promise<void> {
  await page.goto(`${baseUrl()}/admin/inventory/units`);
  await page.getByTestId('units-table').locator('tbody tr.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByPlaceholder(/IMEI/).fill(imei);
  await page.getByRole('button', { name: /查\s?询|Search/ }).click();
  await waitForText(page.getByTestId('units-table'), imei);
  await page.getByTestId('unit-history-open').first().click();
  await page.getByTestId('unit-history').waitFor({ timeout: UI_TIMEOUT_MS });
}

test('a returned 全新 phone graded A goes in stock under the 99新 SKU, told before; a C phone is refused', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const browser = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page, errors } = browser;
    const token = await signInStaffByApi(page, baseUrl(), 'admin');
    const api = createZulinClient({ baseUrl: baseUrl(), getToken: () => token });
    const waiting = (await api.GET('/v1/admin/units', { params: { query: { state: 'inspecting', limit: 50 } } })).data
      ?.data;
    const graded = (grade: 'A' | 'C') => waiting?.find((u) => u.grade === grade && u.skuCondition === 'new');
    const gradeA = graded('A');
    const gradeC = graded('C');
    assert.ok(gradeA && gradeC, 'the demo has a 全新 phone graded A and one graded C at the returns desk');
    const plan = (await api.GET('/v1/admin/units/{id}/restock-plan', { params: { path: { id: gradeA.id } } })).data;
    assert.ok(plan?.toSkuId && plan.changesSku, 'the A phone has a 99新 sibling SKU');

    // The list shows the grade, the SKU's condition, and that the grade does not fit it yet.
    await openUnit(page, gradeA.imei);
    await waitForText(page.getByTestId('units-table'), '全新');
    await waitForText(page.getByTestId('unit-history'), '成色与 SKU 不符');
    await page.getByTestId('unit-restock').click();
    const dialog = page.getByTestId('restock-dialog');
    await waitForText(dialog.getByTestId('restock-plan'), `按成色 A 入库至 99 新 SKU ${plan.toSkuName}`);
    await page.getByTestId('restock-reason').fill('验机完成，A 级入库');
    await screenshot(page, 'admin-unit-restock-by-grade', { fullPage: false });
    await clickWhenStill(page.getByRole('dialog').getByRole('button', { name: '确认入库' }));
    await waitForText(page.locator('.ant-message'), `已入库：${plan.toSkuName}`);
    // In stock, under the 99新 SKU; the history says why in Chinese.
    await waitForText(page.getByTestId('unit-history'), '在库');
    await waitForText(page.getByTestId('unit-history'), '按成色 A 入库，由规格');
    const after = (await api.GET('/v1/admin/units/{id}', { params: { path: { id: gradeA.id } } })).data;
    assert.equal(after?.skuId, plan.toSkuId);
    assert.equal(after?.state, 'in_stock');
    assert.equal(after?.skuCondition, 'used_99');
    assert.equal(after?.gradeFitsSku, true);
    await screenshot(page, 'admin-unit-restocked-history', { fullPage: false });

    // A C phone: refused before confirming, in Chinese, then in English.
    for (const language of ['zh-CN', 'en'] as const) {
      await page.evaluate(`localStorage.setItem('zulin.admin.lang', ${JSON.stringify(language)})`);
      await openUnit(page, gradeC.imei);
      await page.getByTestId('unit-restock').click();
      await waitForText(
        page.getByTestId('restock-plan'),
        language === 'zh-CN' ? '成色 C 不对应任何在售成色' : 'Grade C fits no condition on sale',
      );
      assert.equal(
        await page
          .getByRole('dialog')
          .getByRole('button', { name: language === 'zh-CN' ? '确认入库' : 'Put back in stock' })
          .isDisabled(),
        true,
        'a C phone cannot be confirmed',
      );
      await screenshot(page, `admin-unit-restock-refused-${language}`, { fullPage: false });
      await page.keyboard.press('Escape');
    }
    const still = (await api.GET('/v1/admin/units/{id}', { params: { path: { id: gradeC.id } } })).data;
    assert.equal(still?.state, 'inspecting');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
