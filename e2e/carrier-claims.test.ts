// A return parcel the courier lost, from the returns desk to the ledger. The demo's 小李 booked the
// return of a phone; the sandbox courier's signed pick-up scan reaches our webhook (the order is
// `returning`); the courier then loses it: the returns desk confirms it lost, seeing first that the
// customer owes nothing and the claim on the carrier. Finance records the carrier's part payment and
// asks to write off the rest — which the admin who asked may not approve — and the finance colleague
// approves it. Every dialog shows the amount, from and to first; the trial balance shows the claim.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { formatCny } from '@zulin/kernel';
import { beijingWallTime, sandboxCarrierSecret, sandboxPushRequest } from '@zulin/logistics';
import { createZulinClient } from '@zulin/sdk';
import { type RunningServer, screenshot, startServer } from './harness';
import {
  CALLBACK_RETRY_WAIT_MS,
  clickWhenStill,
  DESKTOP_VIEWPORT,
  openBrowser,
  patience,
  settle,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(300_000);
const SET_UP_TIMEOUT_MS = patience(330_000);
const dataDir = mkdtempSync(join(tmpdir(), 'zulin-e2e-claims-'));
let server: RunningServer | undefined;

before(
  async () => {
    server = await startServer({ dataDir });
  },
  { timeout: SET_UP_TIMEOUT_MS },
);

after(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const yuan = (minor: number) => formatCny(minor, 'zh-CN');

test('a collected return parcel is lost: the desk confirms it, the carrier pays part, a second person writes off the rest', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  assert.ok(server, 'the set-up did not finish');
  const baseUrl = server.baseUrl;
  const admin = await openBrowser(DESKTOP_VIEWPORT);
  const finance = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page } = admin;
    const token = await signInStaffByApi(page, baseUrl, 'admin');
    const api = createZulinClient({ baseUrl, getToken: () => token });

    // 小李's booked return, and its parcel with the sandbox courier.
    const booked = (await api.GET('/v1/admin/rentals', { params: { query: { status: 'return_requested' } } })).data;
    const orderId = booked?.data[0]?.id;
    assert.ok(orderId, 'the demo has a booked return');
    const parcels = (await api.GET('/v1/admin/shipments', { params: { query: { orderId, direction: 'return' } } }))
      .data;
    const parcel = parcels?.data[0];
    assert.ok(parcel, 'the booked return has a parcel');

    // The courier collects it: its signed push, as the sandbox courier sends it, to our webhook.
    const push = sandboxPushRequest({
      secret: sandboxCarrierSecret(Buffer.from(readFileSync(join(dataDir, 'master.key'), 'utf8').trim(), 'base64')),
      events: [
        {
          eventId: `${parcel.waybillNo}-collected`,
          waybillNo: parcel.waybillNo,
          orderRef: orderId,
          opCode: 'COLLECTED',
          opTime: beijingWallTime(new Date(Date.now() - 60_000)),
          city: '上海市',
          remark: '快递员已揽收',
        },
      ],
      now: new Date(),
    });
    const pushed = await fetch(`${baseUrl}/v1/webhooks/${parcel.carrier}`, {
      method: 'POST',
      headers: push.headers,
      body: push.body,
    });
    assert.ok(pushed.status < 300, `the courier's push was refused: ${pushed.status} ${await pushed.text()}`);
    const status = await settle(
      async () => (await api.GET('/v1/admin/rentals/{id}', { params: { path: { id: orderId } } })).data?.status,
      (s) => s === 'returning',
      CALLBACK_RETRY_WAIT_MS,
    );
    assert.equal(status, 'returning');

    // The returns desk confirms it lost: what will happen is said first, then the claim is filed.
    const lostPreview = (await api.GET('/v1/admin/returns/{id}/lost', { params: { path: { id: orderId } } })).data
      ?.preview;
    assert.ok(lostPreview, 'a collected return parcel can be confirmed lost');
    const claimMinor = lostPreview.claimMinor;
    await page.goto(`${baseUrl}/admin/returns/${orderId}`);
    await page.getByTestId('return-lost-reason').fill('快递公司确认退货包裹在转运中心遗失');
    await clickWhenStill(page.getByTestId('return-lost-action'));
    const confirmBox = page.locator('.ant-modal-confirm');
    await waitForText(confirmBox, yuan(claimMinor));
    await waitForText(confirmBox, '全额解冻');
    await waitForText(confirmBox, 'Zulin 沙箱快递');
    await screenshot(page, 'admin-return-lost-confirm');
    await clickWhenStill(page.getByTestId('confirm-return-lost'));
    await waitForText(page.getByTestId('carrier-claim'), '待赔付');
    await waitForText(page.getByTestId('claim-amount'), yuan(claimMinor));
    await screenshot(page, 'admin-return-lost-claim');

    const claimId = (await api.GET('/v1/admin/carrier-claims', { params: { query: { state: 'filed' } } })).data?.data[0]
      ?.id;
    assert.ok(claimId, 'the claim is listed for finance');
    await page.goto(`${baseUrl}/admin/finance/carrier-claims`);
    const table = page.getByTestId('carrier-claims-table');
    await waitForText(table, parcel.waybillNo);
    await waitForText(table, yuan(claimMinor));
    // The customer by masked name and phone (小李, +86 139 0013 9000), never the whole number.
    await waitForText(page.getByTestId(`claim-order-${claimId}`), '139****9000');
    await waitForText(table, '待赔付');
    // Beside it, the demo's claim for a parcel lost on its way out (小赵's, seed.ts): 出库丢失 / 退货丢失.
    await waitForText(table, '出库丢失');
    await waitForText(table, '退货丢失');
    await screenshot(page, 'admin-carrier-claims');

    // The carrier pays about half, in whole yuan: from the carrier to the bank's clearing account.
    const paidMinor = Math.floor(claimMinor / 200) * 100;
    const restMinor = claimMinor - paidMinor;
    await page.getByTestId(`claim-pay-${claimId}`).click();
    const amount = page.getByTestId('claim-pay-amount');
    await amount.waitFor({ timeout: UI_TIMEOUT_MS });
    await amount.fill(String(paidMinor / 100));
    await page.getByTestId('claim-pay-reference').fill('SF-PAY-0001');
    const preview = page.getByTestId('claim-pay-preview');
    await waitForText(preview, yuan(paidMinor));
    await waitForText(preview, '承运商赔付款');
    await waitForText(preview, '银行渠道清算账户（1100）');
    await waitForText(preview, `${yuan(claimMinor)} → ${yuan(restMinor)}`);
    await screenshot(page, 'admin-carrier-claim-payment');
    await clickWhenStill(page.getByTestId('claim-pay-ok'));
    await waitForText(page.locator('.ant-message'), `仍待收 ${yuan(restMinor)}`);
    await waitForText(table, yuan(restMinor));

    // The rest written off: asked for here, shown from the receivable (1400) to write-offs (5200).
    await page.getByTestId(`claim-write-off-${claimId}`).click();
    const writeOff = page.getByTestId('claim-write-off-preview');
    await waitForText(writeOff, yuan(restMinor));
    await waitForText(writeOff, '承运商索赔应收（1400）');
    await waitForText(writeOff, '核销（5200）');
    await page.getByTestId('claim-write-off-reason').fill('承运商按保价条款只赔付一半，其余拒赔');
    await clickWhenStill(page.getByTestId('claim-write-off-ok'));
    await waitForText(page.locator('.ant-message'), '等待另一位同事审批');

    // The one who asked may not approve.
    await page.getByTestId('claims-state').click();
    await clickWhenStill(page.locator('.ant-select-item-option').filter({ hasText: '核销待审批' }));
    await page.getByTestId(`claim-decide-${claimId}`).click();
    await waitForText(page.locator('.ant-modal'), '须由另一位同事审批');
    assert.equal(await page.getByTestId('claim-approve').isDisabled(), true, 'self-approval must be impossible');
    await screenshot(page, 'admin-carrier-claim-own-request');

    // The finance colleague approves: the rest written off, the claim closed.
    const other = finance.page;
    await signInStaffByApi(other, baseUrl, 'finance');
    await other.goto(`${baseUrl}/admin/finance/carrier-claims`);
    await other.getByTestId('claims-state').click();
    await clickWhenStill(other.locator('.ant-select-item-option').filter({ hasText: '核销待审批' }));
    await other.getByTestId(`claim-decide-${claimId}`).click();
    const decide = other.getByTestId('claim-decide-preview');
    await waitForText(decide, yuan(restMinor));
    await waitForText(decide, '承运商按保价条款只赔付一半');
    await waitForText(decide, '演示·管理员');
    await waitForText(decide, 'SF-PAY-0001');
    await screenshot(other, 'admin-carrier-claim-approve');
    await clickWhenStill(other.getByTestId('claim-approve'));
    await waitForText(other.locator('.ant-message'), '已核销');

    // The ledger: the receivable cleared, the rest in write-offs, the accounts named in Chinese.
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
