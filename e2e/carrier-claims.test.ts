// Finance works a carrier claim in the console: the carrier lost a returned phone (¥5,799.03 owed,
// filed as the returns desk files it — set up through the rental module's use case on the demo data
// set), pays ¥3,000.00, and the rest is written off — asked for by the admin, who may not approve it
// herself, and approved by the finance colleague. Every dialog shows the amount, from and to first.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase, transaction } from '@zulin/db';
import { systemClock, today } from '@zulin/kernel';
import { fileCarrierClaim } from '@zulin/rental';
import { type RunningServer, screenshot, startServer } from './harness';
import { clickWhenStill, DESKTOP_VIEWPORT, openBrowser, signInStaffByApi, UI_TIMEOUT_MS, waitForText } from './helpers';

const TEST_TIMEOUT_MS = 240_000;
const SET_UP_TIMEOUT_MS = 2 * 330_000;
const TIME_ZONE = 'Asia/Shanghai';
const dataDir = mkdtempSync(join(tmpdir(), 'zulin-e2e-claims-'));
let server: RunningServer | undefined;
let claimId = '';

before(
  async () => {
    // The demo data set first (the server seeds it), then the claim, then the server again.
    const first = await startServer({ dataDir });
    await first.stop();
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const deps = { clock: systemClock, timeZone: TIME_ZONE, masterKey: Buffer.alloc(32) };
      const claim = await transaction(database, (tx) =>
        fileCarrierClaim(tx, deps, {
          orderId: 'ren_e2eclaim01',
          shipmentId: 'shp_e2eclaim01',
          carrier: 'sandbox_express',
          waybillNo: 'ZL2000000001',
          unitId: null,
          imei: '356000000000011',
          amountMinor: 579_903,
          residualValueMinor: 579_903,
          declaredValueMinor: 599_900,
          reason: '快递公司确认退货包裹在转运中心遗失',
          lostOn: today(systemClock, TIME_ZONE),
          filedBy: 'warehouse',
          filedAt: new Date(),
        }),
      );
      claimId = claim.id;
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

test('a carrier pays part of a claim and the rest is written off by a second person, amounts and accounts shown first', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  assert.ok(server, 'the set-up did not finish');
  const baseUrl = server.baseUrl;
  const admin = await openBrowser(DESKTOP_VIEWPORT);
  const finance = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page } = admin;
    await signInStaffByApi(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/admin/finance/carrier-claims`);
    const table = page.getByTestId('carrier-claims-table');
    await waitForText(table, 'ZL2000000001');
    await waitForText(table, '¥5,799.03');
    await waitForText(table, '待赔付');
    await screenshot(page, 'admin-carrier-claims');

    // A payment: ¥3,000.00 from the carrier to the bank's clearing account, the claim ¥5,799.03 → ¥2,799.03.
    await page.getByTestId(`claim-pay-${claimId}`).click();
    const amount = page.getByTestId('claim-pay-amount');
    await amount.waitFor({ timeout: UI_TIMEOUT_MS });
    await amount.fill('3000');
    await page.getByTestId('claim-pay-reference').fill('SF-PAY-0001');
    const preview = page.getByTestId('claim-pay-preview');
    await waitForText(preview, '¥3,000.00');
    await waitForText(preview, '承运商赔付款');
    await waitForText(preview, '银行渠道清算账户（1100）');
    await waitForText(preview, '¥5,799.03 → ¥2,799.03');
    await screenshot(page, 'admin-carrier-claim-payment');
    await clickWhenStill(page.getByTestId('claim-pay-ok'));
    await waitForText(page.locator('.ant-message'), '仍待收 ¥2,799.03');
    await waitForText(table, '¥2,799.03');

    // The rest written off: asked for here, shown from the receivable (1400) to write-offs (5200).
    await page.getByTestId(`claim-write-off-${claimId}`).click();
    const writeOff = page.getByTestId('claim-write-off-preview');
    await waitForText(writeOff, '¥2,799.03');
    await waitForText(writeOff, '承运商索赔应收（1400）');
    await waitForText(writeOff, '核销（5200）');
    await page.getByTestId('claim-write-off-reason').fill('顺丰按保价条款只赔付 ¥3,000.00，其余拒赔');
    await clickWhenStill(page.getByTestId('claim-write-off-ok'));
    await waitForText(page.locator('.ant-message'), '等待另一位同事审批');

    // The one who asked may not approve.
    await page.getByTestId('claims-state').click();
    await clickWhenStill(page.locator('.ant-select-item-option').filter({ hasText: '核销待审批' }));
    await page.getByTestId(`claim-decide-${claimId}`).click();
    await waitForText(page.locator('.ant-modal'), '须由另一位同事审批');
    assert.equal(await page.getByTestId('claim-approve').isDisabled(), true, 'self-approval must be impossible');
    await screenshot(page, 'admin-carrier-claim-own-request');

    // The finance colleague approves: ¥2,799.03 written off, the claim closed.
    const other = finance.page;
    await signInStaffByApi(other, baseUrl, 'finance');
    await other.goto(`${baseUrl}/admin/finance/carrier-claims`);
    await other.getByTestId('claims-state').click();
    await clickWhenStill(other.locator('.ant-select-item-option').filter({ hasText: '核销待审批' }));
    await other.getByTestId(`claim-decide-${claimId}`).click();
    const decide = other.getByTestId('claim-decide-preview');
    await waitForText(decide, '¥2,799.03');
    await waitForText(decide, '顺丰按保价条款只赔付');
    await waitForText(decide, '演示·管理员');
    await waitForText(decide, 'SF-PAY-0001');
    await screenshot(other, 'admin-carrier-claim-approve');
    await clickWhenStill(other.getByTestId('claim-approve'));
    await waitForText(other.locator('.ant-message'), '已核销');

    // The ledger: the receivable cleared, ¥2,799.03 in write-offs, named in Chinese.
    await other.goto(`${baseUrl}/admin/finance/ledger`);
    await waitForText(other.locator('body'), '承运商索赔应收');
    await waitForText(other.locator('body'), '承运商赔付');
    await screenshot(other, 'admin-trial-balance-claims');
    assert.deepEqual(admin.errors, []);
    assert.deepEqual(finance.errors, []);
  } finally {
    await admin.close();
    await finance.close();
  }
});
