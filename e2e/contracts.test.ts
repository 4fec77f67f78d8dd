// Contracts journey: 小张 finds the demo installment contract awaiting signature under Orders → My
// contracts, reads it (the APR first and largest), asks for the SMS code, types it, draws a
// signature and signs; the sealed PDF downloads. A support agent then opens it in the console and
// sees the consent and signature evidence, and the evidence roots page verifies the chain.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import { screenshot } from './harness';
import {
  DESKTOP_VIEWPORT,
  hasHorizontalOverflow,
  openBrowser,
  PHONE_VIEWPORT,
  patience,
  pickCustomer,
  screenshotH5,
  serverForThisFile,
  signInCustomerByApi,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(240_000);
/** 小张, a demo customer of the seed, with the demo installment contract awaiting signature. */
const ZHANG_PHONE = '+8613800138000';

const baseUrl = serverForThisFile();

test('a customer signs an awaiting contract in H5; staff see the signature evidence', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const phoneBrowser = await openBrowser({ ...PHONE_VIEWPORT, acceptDownloads: true });
  const consoleBrowser = await openBrowser({ ...DESKTOP_VIEWPORT, acceptDownloads: true });
  try {
    const { page, errors } = phoneBrowser;
    const customer = await signInCustomerByApi(page, baseUrl(), ZHANG_PHONE);
    const client = createZulinClient({ baseUrl: baseUrl() });

    // Orders → My contracts: the demo contract waits for a signature (with any other contract of
    // 小张's demo orders that does: the entry counts them all).
    const mine = createZulinClient({ baseUrl: baseUrl(), getToken: () => customer.accessToken });
    const awaiting = (await mine.GET('/v1/contracts', { params: { query: { status: 'draft' } } })).data?.data;
    const demo = awaiting?.find((c) => c.subject.id === 'demo-installment-zhang');
    assert.ok(awaiting && demo, 'the demo has no contract awaiting 小张’s signature');
    await page.goto(`${baseUrl()}/orders`);
    await waitForText(page.getByTestId('contracts-entry-to-sign'), String(awaiting.length));
    await page.getByTestId('contracts-entry').click();
    await page.waitForURL(/\/contracts$/);
    await waitForText(page.getByTestId('contracts-list'), '分期购机合同');
    await waitForText(page.getByTestId('contracts-list'), 'APR 12.68%');
    await screenshotH5(page, 'h5-contracts');

    // The contract: the APR first and largest, then the terms.
    await page.locator(`[data-testid="contract-row"][data-id="${demo.id}"]`).click();
    await waitForText(page.getByTestId('contract-apr'), '12.68%');
    await waitForText(page.getByTestId('contract-terms'), '¥7,999.00');
    const fontSize = (selector: string) =>
      page.evaluate<number>(`Number.parseFloat(getComputedStyle(document.querySelector('${selector}')).fontSize)`);
    const aprSize = await fontSize('.contract-apr-value');
    const termSize = await fontSize('[data-testid="contract-terms"] .adm-list-item-content-extra');
    assert.ok(aprSize > termSize * 2, `the APR (${aprSize}px) is not the largest figure (${termSize}px)`);
    assert.equal(await hasHorizontalOverflow(page), false, 'the contract page is wider than the phone');
    const contractId = page.url().split('/').pop() as string;
    await screenshotH5(page, 'h5-contract');

    // The SMS code, from the sandbox SMS box, bound to this contract.
    await page.getByTestId('sign-send-code').click();
    await waitForText(page.getByTestId('sign-code-sent'), '138****8000');
    const sms = await client.GET('/v1/sandbox/sms', { params: { query: { phone: ZHANG_PHONE } } });
    const code = sms.data?.data.find((m) => m.text.includes(contractId))?.code;
    assert.ok(code, 'no signing code in the sandbox SMS box');

    // A wrong code first: refused with a clear message, nothing signed.
    await page
      .getByTestId('sign-code')
      .locator('input')
      .fill(code === '000000' ? '111111' : '000000');
    await page.getByTestId('sign-mode').getByText('输入姓名').click();
    await page.getByTestId('sign-name').locator('input').fill('张三丰');
    await page.getByTestId('sign-agree').click();
    await page.getByTestId('sign-submit').click();
    await waitForText(page.locator('.adm-toast-main'), '验证码错误');
    await waitForText(page.getByTestId('contract-status'), '待签署');

    // The right code and a drawn signature.
    await page.getByTestId('sign-code').locator('input').fill(code);
    await page.getByTestId('sign-mode').getByText('手写签名').click();
    const canvas = page.getByTestId('signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    assert.ok(box, 'no signature pad');
    await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(box.x + 30 + i * 22, box.y + box.height * (0.6 + 0.25 * Math.sin(i)), { steps: 2 });
    }
    await page.mouse.up();
    await screenshotH5(page, 'h5-contract-signing');
    await page.getByTestId('sign-submit').click();
    await waitForText(page.getByTestId('contract-status'), '已签署');
    await waitForText(page.getByTestId('contract-signed-at'), '签署');
    await screenshotH5(page, 'h5-contract-signed');

    // The sealed PDF downloads.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('contract-pdf').click()]);
    assert.match(download.suggestedFilename(), /-signed\.pdf$/);
    const pdf = readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.includes('adbe.pkcs7.detached') || pdf.includes('ETSI.CAdES.detached'), 'the PDF carries no seal');
    // The browser logs the wrong code's 422 itself; nothing else may fail.
    assert.deepEqual(
      errors.filter((e) => !e.includes('status of 422')),
      [],
    );

    // Support finds it in the console by customer, opens it and sees the consent and the signature.
    const { page: cpage, errors: consoleErrors } = consoleBrowser;
    await signInStaffByApi(cpage, baseUrl(), 'support');
    await cpage.goto(`${baseUrl()}/admin/contracts`);
    await cpage.getByTestId('contracts-table').waitFor({ timeout: UI_TIMEOUT_MS });
    await pickCustomer(cpage, 'contracts-filter-customer', ZHANG_PHONE, /138\*\*\*\*8000/);
    await cpage.getByRole('button', { name: /查\s?询/ }).click();
    await waitForText(cpage.getByTestId('contracts-table'), '已签署');
    await screenshot(cpage, 'admin-contracts');
    // 小张 has other contracts too (his demo installment orders): open the one he just signed.
    await cpage
      .getByTestId('contracts-table')
      .locator(`a[href="/admin/contracts/${contractId}"]`)
      .filter({ hasText: '分期购机合同' })
      .click();
    await cpage.waitForURL(new RegExp(`/admin/contracts/${contractId}$`));
    const evidence = cpage.getByTestId('contract-evidence');
    await waitForText(evidence, '短信验证通过（意愿确认）');
    await waitForText(evidence, '签署并加盖签章');
    await waitForText(evidence, '"signatureKind": "drawn"');
    await waitForText(cpage.getByTestId('contract-fields'), '手写签名');
    await screenshot(cpage, 'admin-contract-detail');

    const [bundle] = await Promise.all([
      cpage.waitForEvent('download'),
      cpage.getByTestId('contract-download-bundle').click(),
    ]);
    assert.equal(bundle.suggestedFilename(), `zulin-proof-${contractId}.zip`);
    assert.equal(
      readFileSync(await bundle.path())
        .subarray(0, 2)
        .toString('latin1'),
      'PK',
    );

    // The evidence roots page checks the whole chain again.
    await cpage.goto(`${baseUrl()}/admin/evidence/roots`);
    await waitForText(cpage.getByTestId('evidence-verification'), '证据链完整');
    await screenshot(cpage, 'admin-evidence-roots');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await phoneBrowser.close();
    await consoleBrowser.close();
  }
});
