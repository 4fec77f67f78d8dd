// Funders in the console (issue #15): an admin adds a funder partner (80 % of principal, 75 % of
// interest), assigns a demo installment order that is repaying and has collected nothing to it — the
// confirmation names the disbursement, from the funder to the platform — the customer pays period 1
// from the wallet, the order page shows the split, and the funder's monthly statement downloads as CSV
// with the collection's row and a totals row.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { createZulinClient } from '@zulin/sdk';
import { screenshot } from './harness';
import {
  DESKTOP_VIEWPORT,
  loginCustomerByApi,
  openBrowser,
  patience,
  serverForThisFile,
  settle,
  signInStaffByApi,
  UI_TIMEOUT_MS,
  waitForText,
} from './helpers';

const TEST_TIMEOUT_MS = patience(300_000);
const LI_PHONE = '+8613900139000';
const baseUrl = serverForThisFile();

test('an admin adds a funder, assigns an order, and downloads the funder’s statement', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const desk = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page, errors } = desk;
    const staffToken = await signInStaffByApi(page, baseUrl(), 'admin');
    const staff = createZulinClient({ baseUrl: baseUrl(), getToken: () => staffToken });

    // 小李's current demo order: repaying, period 1 billed and not paid, so nothing collected yet.
    const li = await loginCustomerByApi(baseUrl(), LI_PHONE);
    const customer = createZulinClient({ baseUrl: baseUrl(), getToken: () => li.accessToken });
    const mine = (await customer.GET('/v1/installment-orders', { params: { query: {} } })).data?.data ?? [];
    const order = mine.find((o) => o.status === 'active' && o.schedule[0]?.billStatus === 'open');
    assert.ok(
      order,
      `no current demo order: ${JSON.stringify(mine.map((o) => [o.status, o.schedule[0]?.billStatus]))}`,
    );
    const firstBill = order.schedule[0]?.billId;
    assert.ok(firstBill);

    // Adding a funder on the funders page.
    const name = `e2e 资金方 ${Date.now() % 100_000}`;
    await page.goto(`${baseUrl()}/admin/installments/funders`);
    await page.getByTestId('funders-page').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: '新增资金方' }).click();
    await page.getByLabel('名称').fill(name);
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await waitForText(page.getByTestId('funders-page'), name);
    const funders = (await staff.GET('/v1/admin/installment-funders')).data?.items ?? [];
    const funder = funders.find((f) => f.name === name);
    assert.ok(funder);
    assert.equal(funder.principalShareBps, 8000);
    assert.equal(funder.interestShareBps, 7500);

    // Assigning it on the order page: the confirmation names amount, from and to.
    await page.goto(`${baseUrl()}/admin/installments/${order.id}`);
    const card = page.getByTestId('installment-funder');
    await waitForText(card, '此订单尚无资金方');
    await card.getByTestId('funder-select').click();
    await page.getByTitle(`${name} (80.00%)`).click();
    await card.getByRole('button', { name: '指定资金方' }).click();
    const expected = Math.floor((order.principalMinor * 8000) / 10_000);
    const shown = `¥${(expected / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    const confirm = page.getByTestId('funder-confirm');
    await waitForText(confirm, shown);
    await waitForText(confirm, name);
    await screenshot(page, 'admin-funder-assign-confirm');
    await page.getByRole('button', { name: '确认指定' }).click();
    await waitForText(card, `${shown} ·`);

    // The customer pays period 1 from the wallet; the worker splits the collection.
    const paid = await customer.POST('/v1/bills/{id}/pay', {
      params: { path: { id: firstBill } },
      body: { method: 'wallet' },
    });
    assert.equal(paid.response.status, 201, JSON.stringify(paid.error));
    const split = await settle(
      async () => (await staff.GET('/v1/admin/installment-orders/{id}', { params: { path: { id: order.id } } })).data,
      (d) => (d?.funder?.collections.length ?? 0) > 0,
    );
    const collection = split?.funder?.collections[0];
    assert.ok(collection);
    assert.equal(collection.funderShareMinor + collection.platformShareMinor, collection.collectedMinor);
    await page.reload();
    await page.getByTestId('funder-collections').locator('tbody tr').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.getByTestId('installment-postings'), 'installment.funder_disbursement');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-installment-order-funder');

    // The statement of the collection's month, downloaded from the funders page.
    await page.goto(`${baseUrl()}/admin/installments/funders`);
    await page.getByTestId(`statement-${funder.id}`).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 CSV' }).click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), `zulin-funder-${funder.id}-${collection.collectedOn.slice(0, 7)}.csv`);
    const csv = (await readFile(await download.path(), 'utf8')).replace('\uFEFF', '').trim().split('\n');
    assert.equal(csv.length, 3, csv.join('\n'));
    assert.ok(csv[1]?.startsWith(`${order.id},period,1,`), csv[1]);
    assert.ok(csv[1]?.endsWith(collection.collectedOn), csv[1]);
    assert.ok(csv[2]?.includes((collection.funderShareMinor / 100).toFixed(2)), csv[2]);
    await screenshot(page, 'admin-funders');

    // Settle with the funder: the preview owes exactly its share of period 1; the confirmation names
    // amount, from (its 2210) and to (bank clearing) before anything moves.
    await page.getByTestId(`settlements-${funder.id}`).click();
    const settlements = page.getByTestId('funder-settlements');
    await waitForText(settlements.getByTestId('settlement-preview'), '2210');
    const preview = (
      await staff.GET('/v1/admin/installment-funders/{id}/settlement-preview', { params: { path: { id: funder.id } } })
    ).data;
    assert.equal(preview?.amountMinor, collection.funderShareMinor);
    await settlements.getByTestId('settlement-bank-reference').fill('ICBC-E2E-0001');
    await settlements.getByRole('button', { name: '结算付款' }).click();
    const confirmPayout = page.getByTestId('settlement-confirm');
    await waitForText(confirmPayout, '1100');
    await waitForText(confirmPayout, 'ICBC-E2E-0001');
    await screenshot(page, 'admin-funder-settlement-confirm');
    await page.getByRole('button', { name: '确认付款' }).click();
    await waitForText(settlements.getByTestId('settlement-list'), 'ICBC-E2E-0001');
    await screenshot(page, 'admin-funder-settlements');
    assert.deepEqual(errors, []);
  } finally {
    await desk.close();
  }
});

// The statement's month defaults to the server's business month (Asia/Shanghai), not the browser's:
// on a month's last evening in UTC the two differ. The browser's clock is set a month behind the
// server's business date here, so a default taken from the browser shows the wrong month.
test('the statement month defaults to the business month, whatever the browser’s clock says', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const status = (await createZulinClient({ baseUrl: baseUrl() }).GET('/v1/system/status')).data;
  assert.ok(status, 'no system status');
  const businessMonth = status.businessDate.slice(0, 7);
  const [year, month] = businessMonth.split('-').map(Number) as [number, number];
  // The 15th of the month before, at noon UTC: a date no time zone puts in the business month.
  const browserNow = new Date(Date.UTC(month === 1 ? year - 1 : year, month === 1 ? 11 : month - 2, 15, 12));
  const desk = await openBrowser(DESKTOP_VIEWPORT);
  try {
    const { page, errors } = desk;
    await page.clock.setFixedTime(browserNow);
    // Finance, not admin: the first test's admin login used this half-minute's code (a code works once).
    const staffToken = await signInStaffByApi(page, baseUrl(), 'finance');
    const funders = await createZulinClient({ baseUrl: baseUrl(), getToken: () => staffToken }).GET(
      '/v1/admin/installment-funders',
    );
    const funder = funders.data?.items[0];
    assert.ok(funder, 'no funder to ask a statement of');
    await page.goto(`${baseUrl()}/admin/installments/funders`);
    await page.getByTestId(`statement-${funder.id}`).click();
    const picker = page.getByRole('dialog').locator('.ant-picker input');
    await picker.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await picker.inputValue(), businessMonth);
    assert.deepEqual(errors, []);
  } finally {
    await desk.close();
  }
});
