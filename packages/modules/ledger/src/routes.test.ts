import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { newId } from '@zulin/kernel';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { channelClearingAccount, customerAccount, platformAccount } from './chart';
import { createTransfers } from './create-transfers';
import { ensureChartOfAccounts } from './ensure-chart-of-accounts';

describeDb('ledger admin API', (get) => {
  let s: TestServer;
  let finance: { authorization: string };
  let walletId: string;
  let holdId: string;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    finance = bearer((await signInTestStaff(s, 'finance')).token);
    const { clock } = s;
    await transaction(s.ctx.database, async (tx) => {
      await ensureChartOfAccounts(tx, clock);
      const clearing = await channelClearingAccount(tx, clock, 'sandbox');
      const wallet = await customerAccount(tx, clock, 'cus_test1', 'wallet');
      const fees = await platformAccount(tx, clock, 'fee_revenue');
      walletId = wallet.id;
      holdId = newId('txn');
      await createTransfers(tx, clock, [
        {
          id: newId('txn'),
          debitAccountId: clearing.id,
          creditAccountId: wallet.id,
          amountMinor: 10_000,
          code: 'wallet.top_up',
          reference: 'pay_1',
        },
      ]);
      await createTransfers(tx, clock, [
        {
          id: holdId,
          kind: 'pending',
          debitAccountId: wallet.id,
          creditAccountId: fees.id,
          amountMinor: 300,
          code: 'wallet.fee_hold',
          reference: 'pay_1',
        },
      ]);
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the trial balance balances, posted and pending, and lists customers as one line per code', async () => {
    const res = await s.app.inject({ url: '/v1/admin/ledger/trial-balance', headers: finance });
    expect(res.statusCode).toBe(200);
    const tb = res.json();
    expect(tb).toMatchObject({
      currency: 'CNY',
      postedDebitsMinor: 10_000,
      postedCreditsMinor: 10_000,
      pendingDebitsMinor: 300,
      pendingCreditsMinor: 300,
      balanced: true,
    });
    const wallets = tb.accounts.find((l: { code: number }) => l.code === 2500);
    expect(wallets).toMatchObject({
      accountId: null,
      accountCount: 1,
      creditsPostedMinor: 10_000,
      debitsPendingMinor: 300,
    });
    expect(tb.accounts.map((l: { code: number }) => l.code)).toEqual(
      expect.arrayContaining([1100, 1200, 1300, 1900, 2100, 2200, 2300, 4100, 4200, 4300, 4400, 5100]),
    );
  });

  test('accounts: filter, page, and one account with its postings', async () => {
    const list = await s.app.inject({ url: '/v1/admin/ledger/accounts?ownerType=customer', headers: finance });
    expect(list.json().data).toHaveLength(1);
    const page = await s.app.inject({ url: '/v1/admin/ledger/accounts?limit=2', headers: finance });
    expect(page.json().data).toHaveLength(2);
    const next = await s.app.inject({
      url: `/v1/admin/ledger/accounts?limit=2&cursor=${page.json().nextCursor}`,
      headers: finance,
    });
    expect(next.json().data[0].id < page.json().data[1].id).toBe(true);
    const one = await s.app.inject({ url: `/v1/admin/ledger/accounts/${walletId}`, headers: finance });
    expect(one.statusCode).toBe(200);
    expect(one.json().account).toMatchObject({
      id: walletId,
      code: 2500,
      creditsPostedMinor: 10_000,
      debitsPendingMinor: 300,
      debitsMustNotExceedCredits: true,
    });
    expect(one.json().postings.data.map((t: { kind: string }) => t.kind)).toEqual(['pending', 'posted']);
    const missing = await s.app.inject({ url: '/v1/admin/ledger/accounts/ldg_acc_nope', headers: finance });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('LEDGER_ACCOUNT_NOT_FOUND');
  });

  test('transfers: search by reference, code and account; a hold shows its status', async () => {
    const byRef = await s.app.inject({ url: '/v1/admin/ledger/transfers?reference=pay_1', headers: finance });
    expect(byRef.json().data).toHaveLength(2);
    const byCode = await s.app.inject({ url: '/v1/admin/ledger/transfers?code=wallet.top_up', headers: finance });
    expect(byCode.json().data).toHaveLength(1);
    const later = await s.app.inject({ url: '/v1/admin/ledger/transfers?from=2030-01-01T00:00:00Z', headers: finance });
    expect(later.json().data).toHaveLength(0);
    const hold = await s.app.inject({ url: `/v1/admin/ledger/transfers/${holdId}`, headers: finance });
    expect(hold.json()).toMatchObject({ kind: 'pending', pendingStatus: 'pending', amountMinor: 300 });
  });

  test('verification recomputes the balances', async () => {
    const res = await s.app.inject({ url: '/v1/admin/ledger/verification', headers: finance });
    expect(res.json()).toMatchObject({ ok: true, problems: [] });
  });

  test('customers and staff without ledger.read are refused', async () => {
    const customer = bearer((await signInTestCustomer(s)).token);
    expect([401, 403]).toContain(
      (await s.app.inject({ url: '/v1/admin/ledger/trial-balance', headers: customer })).statusCode,
    );
    const warehouse = bearer((await signInTestStaff(s, 'warehouse')).token);
    expect((await s.app.inject({ url: '/v1/admin/ledger/trial-balance', headers: warehouse })).statusCode).toBe(403);
    expect((await s.app.inject({ url: '/v1/admin/ledger/trial-balance' })).statusCode).toBe(401);
  });

  test('the trial balance as of a date (end of that business day in Shanghai) or an instant, never later than now', async () => {
    const read = (query: string) => s.app.inject({ url: `/v1/admin/ledger/trial-balance?${query}`, headers: staff });
    const clearing = await transaction(s.ctx.database, (tx) => channelClearingAccount(tx, s.clock, 'sandbox'));
    // A day later (2026-03-03 10:00 in Shanghai) the wallet gets ¥50.00 more and the hold is posted.
    s.clock.advanceDays(1);
    const staff = bearer((await signInTestStaff(s, 'finance')).token);
    await transaction(s.ctx.database, async (tx) => {
      await createTransfers(tx, s.clock, [
        {
          id: newId('txn'),
          debitAccountId: clearing.id,
          creditAccountId: walletId,
          amountMinor: 5_000,
          code: 'wallet.top_up',
        },
      ]);
      await createTransfers(tx, s.clock, [{ id: newId('txn'), kind: 'post_pending', pendingId: holdId }]);
    });
    const now = await read('currency=CNY');
    expect(now.json()).toMatchObject({
      asOf: '2026-03-03T02:00:00.000Z',
      postedDebitsMinor: 15_300,
      pendingDebitsMinor: 0,
    });
    const today = await read('currency=CNY&asOf=2026-03-03');
    expect(today.json()).toEqual(now.json());

    const yesterday = await read('currency=CNY&asOf=2026-03-02');
    expect(yesterday.statusCode).toBe(200);
    expect(yesterday.json()).toMatchObject({
      asOf: '2026-03-02T15:59:59.999Z',
      postedDebitsMinor: 10_000,
      postedCreditsMinor: 10_000,
      pendingDebitsMinor: 300,
      pendingCreditsMinor: 300,
      balanced: true,
    });
    expect(yesterday.json().accounts.find((l: { code: number }) => l.code === 2500)).toMatchObject({
      accountCount: 1,
      creditsPostedMinor: 10_000,
      debitsPendingMinor: 300,
    });
    const instant = await read('asOf=2026-03-02T10:00:00%2B08:00');
    expect(instant.json()).toEqual({ ...yesterday.json(), asOf: '2026-03-02T02:00:00.000Z' });
    const before = await read('asOf=2026-03-01');
    expect(before.json()).toMatchObject({ asOf: '2026-03-01T15:59:59.999Z', postedDebitsMinor: 0, accounts: [] });

    for (const future of ['2026-03-04', '2026-03-03T02:00:00.001Z']) {
      const refused = await read(`asOf=${future}`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'LEDGER_AS_OF_IN_FUTURE' });
    }
    for (const malformed of ['2026-02-30', 'yesterday', '2026-3-2', '2026-03-02T25:00:00Z']) {
      const refused = await read(`asOf=${malformed}`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });
});
