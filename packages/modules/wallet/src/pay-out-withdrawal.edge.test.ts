// The payout and expiry steps at their edges (issue #19, mutation runs on 5 December:
// pay-out-withdrawal.ts 12 of 33 detected, fail-expired-withdrawal.ts 7 of 9). Each test names the
// mutant it kills. The bank is the sandbox's, except where a test needs it to stay silent so that a
// withdrawal is still `processing` when the step runs.
import { queryRows, recordHalt, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTransfers, getBalances, platformAccount } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { walletAccount } from './accounts';
import { type BankAdapter, sandboxBankAdapter } from './bank-verification';
import { failExpiredWithdrawal } from './fail-expired-withdrawal';
import { WalletLimits } from './limits';
import { bookLatePayout, latePayoutTransferIds, processWithdrawalPayout } from './pay-out-withdrawal';
import { useBankAdapter, walletTestKit } from './testing';

describeDb('the payout step: posts or voids the hold once, and fails a withdrawal whose hold is gone', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  const silentBank: BankAdapter = {
    verifyCard: sandboxBankAdapter.verifyCard,
    async payout() {
      throw new Error('ETIMEDOUT: the bank never answered');
    },
  };
  const payingBank: BankAdapter = {
    verifyCard: sandboxBankAdapter.verifyCard,
    payout: async () => ({ ok: true }),
  };
  const refusingBank: BankAdapter = {
    verifyCard: sandboxBankAdapter.verifyCard,
    payout: async () => ({ ok: false, refusal: 'account_frozen' as const, reason: '账户已冻结' }),
  };
  const deps = (bank: BankAdapter) => ({
    clock: s.clock,
    masterKey: s.ctx.config.masterKey,
    timeZone: s.ctx.config.timeZone,
    bank,
  });
  const payout = (bank: BankAdapter, id: string) =>
    transaction(s.ctx.database, (tx) => processWithdrawalPayout(tx, deps(bank), id));
  /** A customer with ¥100.00 and a card asks for ¥30.00 (or `amountMinor`); the bank stays silent, so it is `processing`. */
  const processingWithdrawal = async (amountMinor = 3_000) => {
    const phone = randomTestPhone();
    const who = await signInTestCustomer(s, phone);
    useBankAdapter(s, sandboxBankAdapter);
    await kit.topUp(who, 10_000);
    const card = (await kit.inject(who, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890128' })).json();
    useBankAdapter(s, silentBank);
    const requested = await kit.inject(who, 'POST', '/v1/wallet/withdrawals', {
      bankCardId: card.id,
      amountMinor,
    });
    expect(requested.statusCode).toBe(201);
    await kit.drain();
    const id: string = requested.json().id;
    const [row] = await queryRows<{ status: string; hold_transfer_id: string }>(
      s.ctx.database.db,
      sql`select status, hold_transfer_id from wallet_withdrawals where id = ${id}`,
    );
    expect(row?.status).toBe('processing');
    return { who, phone, id, holdId: row?.hold_transfer_id ?? '' };
  };
  const transfer = async (id: string) =>
    (
      await queryRows<{ id: string; kind: string; pending_id: string | null; metadata: Record<string, string> }>(
        s.ctx.database.db,
        sql`select id, kind, pending_id, metadata from ledger_transfers where id = ${id}`,
      )
    )[0];
  const resolutionOf = async (holdId: string) =>
    (
      await queryRows<{ kind: string }>(
        s.ctx.database.db,
        sql`select kind from ledger_transfers where pending_id = ${holdId}`,
      )
    )[0]?.kind;
  const status = async (id: string) =>
    (
      await queryRows<{ status: string; failure_reason: string | null }>(
        s.ctx.database.db,
        sql`select status, failure_reason from wallet_withdrawals where id = ${id}`,
      )
    )[0];

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a withdrawal nobody knows is skipped, not a crash (kills `w?.status` → `w.status`)', async () => {
    expect(await payout(payingBank, 'wdr_01JZZZZZZZZZZZZZZZZZZZZZZZ')).toBe('skipped');
  });

  test('the bank pays: the hold is posted under txn_wdr_<id>_post, once; a second delivery is skipped', async () => {
    const { who, id, holdId } = await processingWithdrawal();
    expect(await payout(payingBank, id)).toBe('succeeded');
    // The resolution's id is derived from the withdrawal's, so a replay can never post twice
    // (kills `.slice(4)` removed, `'post'` → `""` and the post transfer → `{}`).
    expect(await transfer(`txn_wdr_${id.slice(4)}_post`)).toMatchObject({ kind: 'post_pending', pending_id: holdId });
    expect(await status(id)).toEqual({ status: 'succeeded', failure_reason: null });
    expect(await kit.wallet(who)).toMatchObject({ availableMinor: 7_000, postedMinor: 7_000, pendingOutMinor: 0 });
    // Kills `return 'skipped'` → `return ""`.
    expect(await payout(payingBank, id)).toBe('skipped');
  });

  test('the bank refuses: the hold is voided under txn_wdr_<id>_void, described, and the money is back', async () => {
    const { who, id, holdId } = await processingWithdrawal();
    expect(await payout(refusingBank, id)).toBe('failed');
    // Kills `'void'` → `""` and the metadata → `{}`.
    expect(await transfer(`txn_wdr_${id.slice(4)}_void`)).toMatchObject({
      kind: 'void_pending',
      pending_id: holdId,
      metadata: { description: 'Withdrawal returned' },
    });
    expect(await status(id)).toEqual({ status: 'failed', failure_reason: 'account_frozen' });
    expect(await kit.wallet(who)).toMatchObject({ availableMinor: 10_000, postedMinor: 10_000, pendingOutMinor: 0 });
  });

  test("a refusal the bank adapter cannot name is stored as declined, never as the bank's free text", async () => {
    const { id } = await processingWithdrawal();
    const unnamed: BankAdapter = {
      ...refusingBank,
      payout: async () => ({ ok: false, reason: 'Error 96: system malfunction' }),
    };
    expect(await payout(unnamed, id)).toBe('failed');
    expect(await status(id)).toEqual({ status: 'failed', failure_reason: 'declined' });
  });

  test('the bank pays after the hold expired: the withdrawal fails as hold_expired and nothing is posted', async () => {
    const { phone, id } = await processingWithdrawal();
    // The ledger expires the hold; the wallet's own subscriber has not run yet (no drain).
    s.clock.advance(WalletLimits.withdrawalHoldSeconds * 1000 + 60_000);
    expect(await kit.runTick('ledger.expire_pending', { force: true })).toMatchObject({
      status: 'done',
      result: { expired: 1 },
    });
    // Kills the catch block's removal, `if (true)`, `||` for `&&`, the first `!` dropped, `false` → `true`
    // and the reason → `""`.
    expect(await payout(payingBank, id)).toBe('failed');
    expect(await status(id)).toEqual({ status: 'failed', failure_reason: 'hold_expired' });
    expect(await transfer(`txn_wdr_${id.slice(4)}_post`)).toBeUndefined();
    const who = await signInTestCustomer(s, phone);
    expect(await kit.wallet(who)).toMatchObject({ availableMinor: 10_000, pendingOutMinor: 0 });
  });

  test('the bank pays after the hold timed out, before the expiry tick voided it: failed as hold_expired', async () => {
    const { id } = await processingWithdrawal();
    s.clock.advance(WalletLimits.withdrawalHoldSeconds * 1000 + 60_000);
    // The ledger refuses to post a timed-out hold (LEDGER_PENDING_EXPIRED, not yet voided): kills the
    // first `!` dropped, which rethrows exactly this error.
    expect(await payout(payingBank, id)).toBe('failed');
    expect(await status(id)).toEqual({ status: 'failed', failure_reason: 'hold_expired' });
    expect(await transfer(`txn_wdr_${id.slice(4)}_post`)).toBeUndefined();
  });

  test('any other ledger error is not hidden as a failed withdrawal: it is thrown and nothing changes', async () => {
    const { id } = await processingWithdrawal();
    // A hold the ledger does not know: the look-up before the bank is asked throws (LEDGER_TRANSFER_NOT_FOUND).
    await s.ctx.database.db.execute(
      sql`update wallet_withdrawals set hold_transfer_id = 'txn_not_a_hold' where id = ${id}`,
    );
    await expect(payout(payingBank, id)).rejects.toMatchObject({ code: 'LEDGER_TRANSFER_NOT_FOUND' });
    expect(await status(id)).toEqual({ status: 'processing', failure_reason: null });
  });

  test('the hold was already resolved by someone else: the withdrawal fails, the error is not thrown', async () => {
    const { id, holdId } = await processingWithdrawal();
    await transaction(s.ctx.database, (tx) =>
      createTransfers(tx, s.clock, [{ id: `txn_test_void_${id.slice(4)}`, kind: 'void_pending', pendingId: holdId }]),
    );
    // Kills the second `!` dropped (LEDGER_PENDING_ALREADY_RESOLVED rethrown).
    expect(await payout(payingBank, id)).toBe('failed');
    expect(await status(id)).toEqual({ status: 'failed', failure_reason: 'hold_expired' });
  });
  test('the expiry step leaves a withdrawal it does not know, or one already paid, alone (fail-expired-withdrawal.ts)', async () => {
    // Kills `w?.status` → `w.status` (a crash on an unknown id).
    await transaction(s.ctx.database, (tx) =>
      failExpiredWithdrawal(tx, deps(payingBank), 'wdr_01JZZZZZZZZZZZZZZZZZZZZZZZ'),
    );
    const { who, id } = await processingWithdrawal();
    expect(await payout(payingBank, id)).toBe('succeeded');
    // Kills `if (w?.status !== 'processing') return` → `if (false) return`: a paid withdrawal stays paid.
    await transaction(s.ctx.database, (tx) => failExpiredWithdrawal(tx, deps(payingBank), id));
    expect(await status(id)).toEqual({ status: 'succeeded', failure_reason: null });
    expect(await kit.wallet(who)).toMatchObject({ availableMinor: 7_000, postedMinor: 7_000 });
  });

  test('a hold with less than the margin left: the bank is not asked, the withdrawal fails as hold_expired', async () => {
    const { phone, id, holdId } = await processingWithdrawal();
    let asked = 0;
    const countingBank: BankAdapter = {
      ...payingBank,
      async payout() {
        asked++;
        return { ok: true };
      },
    };
    // One second inside the margin (10 minutes before the hold's end).
    s.clock.advance((WalletLimits.withdrawalHoldSeconds - WalletLimits.payoutHoldMarginSeconds + 1) * 1000);
    expect(await payout(countingBank, id)).toBe('failed');
    expect(asked).toBe(0);
    expect(await status(id)).toEqual({ status: 'failed', failure_reason: 'hold_expired' });
    // The money is back once the hold ends (the ledger's expiry), never paid out.
    s.clock.advance(WalletLimits.payoutHoldMarginSeconds * 1000);
    await kit.runTick('ledger.expire_pending', { force: true });
    expect(await resolutionOf(holdId)).toBe('expire_pending');
    expect(await kit.wallet(await signInTestCustomer(s, phone))).toMatchObject({
      availableMinor: 10_000,
      postedMinor: 10_000,
      pendingOutMinor: 0,
    });
  });

  test('a hold with the margin and a second left: the bank is asked and the hold posted', async () => {
    const { phone, id } = await processingWithdrawal();
    s.clock.advance((WalletLimits.withdrawalHoldSeconds - WalletLimits.payoutHoldMarginSeconds - 1) * 1000);
    expect(await payout(payingBank, id)).toBe('succeeded');
    expect(await kit.wallet(await signInTestCustomer(s, phone))).toMatchObject({
      availableMinor: 7_000,
      postedMinor: 7_000,
      pendingOutMinor: 0,
    });
  });

  test('the bank pays while the hold times out (the call outlived it): booked late from the wallet, paid once', async () => {
    const { phone, id, holdId } = await processingWithdrawal();
    const slowBank: BankAdapter = {
      ...payingBank,
      async payout() {
        s.clock.advance(WalletLimits.withdrawalHoldSeconds * 1000 + 60_000);
        return { ok: true };
      },
    };
    expect(await payout(slowBank, id)).toBe('succeeded');
    expect(await status(id)).toEqual({ status: 'succeeded', failure_reason: null });
    // The hold is expired and the amount moved from the wallet as the post would have: ¥30.00 left the
    // wallet once (before this fix the wallet kept ¥100.00 and the card got ¥30.00 too).
    expect(await transfer(`txn_wdr_${id.slice(4)}_post`)).toBeUndefined();
    expect(await transfer(latePayoutTransferIds(id).fromWallet)).toMatchObject({ kind: 'posted' });
    expect(await transfer(latePayoutTransferIds(id).fromSuspense)).toBeUndefined();
    expect(await resolutionOf(holdId)).toBe('expire_pending');
    expect(await kit.wallet(await signInTestCustomer(s, phone))).toMatchObject({
      availableMinor: 7_000,
      postedMinor: 7_000,
      pendingOutMinor: 0,
    });
    const [late] = await queryRows<{ payload: Record<string, unknown> }>(
      s.ctx.database.db,
      sql`select payload from outbox where type = 'wallet.withdrawal_paid_late' and payload->>'withdrawalId' = ${id}`,
    );
    expect(late?.payload).toMatchObject({ amountMinor: 3_000, fromWalletMinor: 3_000, fromSuspenseMinor: 0 });
    // A second delivery is skipped.
    expect(await payout(payingBank, id)).toBe('skipped');
  });

  test('a late payout the wallet no longer covers: what it holds is taken, the rest parked in suspense', async () => {
    const { phone, id, holdId } = await processingWithdrawal();
    // The hold expired (¥100.00 back) and the customer spent ¥90.00 of it.
    s.clock.advance(WalletLimits.withdrawalHoldSeconds * 1000 + 60_000);
    await kit.runTick('ledger.expire_pending', { force: true });
    expect(await resolutionOf(holdId)).toBe('expire_pending');
    const [row] = await queryRows<{ customer_id: string; amount_minor: number; hold_transfer_id: string }>(
      s.ctx.database.db,
      sql`select customer_id, amount_minor, hold_transfer_id from wallet_withdrawals where id = ${id}`,
    );
    const w = {
      id,
      customerId: row?.customer_id ?? '',
      amountMinor: Number(row?.amount_minor),
      holdTransferId: row?.hold_transfer_id ?? '',
    };
    const suspenseBefore = await transaction(s.ctx.database, async (tx) => {
      const wallet = await walletAccount(tx, s.clock, w.customerId);
      const revenue = await platformAccount(tx, s.clock, 'fee_revenue');
      await createTransfers(tx, s.clock, [
        {
          id: `txn_test_spend_${id.slice(4)}`,
          debitAccountId: wallet.id,
          creditAccountId: revenue.id,
          amountMinor: 9_000,
          currency: 'CNY',
          code: 'test.spend',
        },
      ]);
      const suspense = await platformAccount(tx, s.clock, 'suspense');
      return { id: suspense.id, balances: (await getBalances(tx, [suspense.id])).get(suspense.id) };
    });
    await transaction(s.ctx.database, (tx) => bookLatePayout(tx, deps(payingBank), w));
    expect(await transfer(latePayoutTransferIds(id).fromWallet)).toMatchObject({ kind: 'posted' });
    expect(await transfer(latePayoutTransferIds(id).fromSuspense)).toMatchObject({ kind: 'posted' });
    const amounts = await queryRows<{ id: string; amount_minor: number | string }>(
      s.ctx.database.db,
      sql`select id, amount_minor from ledger_transfers where reference = ${id} and kind = 'posted' order by id`,
    );
    expect(amounts.map((a) => [a.id, Number(a.amount_minor)])).toEqual([
      [latePayoutTransferIds(id).fromWallet, 1_000],
      [latePayoutTransferIds(id).fromSuspense, 2_000],
    ]);
    expect(await kit.wallet(await signInTestCustomer(s, phone))).toMatchObject({ availableMinor: 0, postedMinor: 0 });
    const suspenseAfter = await getBalances(s.ctx.database.db, [suspenseBefore.id]);
    expect(
      (suspenseAfter.get(suspenseBefore.id)?.debitsPostedMinor ?? 0) -
        (suspenseBefore.balances?.debitsPostedMinor ?? 0),
    ).toBe(2_000);
  });
  // The mutation run of 7 December (after f0197bb's late payouts): 91 of 111 detected. The tests below
  // kill the survivors they name; a bank that pays or refuses while someone else resolves the hold is
  // played by a bank whose call voids it in the same transaction (the step reads the hold before the
  // call and only meets the resolution when it posts).

  test('a hold with exactly the margin left: the bank is still asked (kills `< margin` → `<= margin`)', async () => {
    const { id } = await processingWithdrawal();
    s.clock.advance((WalletLimits.withdrawalHoldSeconds - WalletLimits.payoutHoldMarginSeconds) * 1000);
    expect(await payout(payingBank, id)).toBe('succeeded');
    expect(await status(id)).toEqual({ status: 'succeeded', failure_reason: null });
  });

  /** The step in one transaction, with a bank whose call first voids the hold (someone else resolved it). */
  const payoutWhileVoided = (
    answer: { ok: true } | { ok: false; refusal: 'account_frozen'; reason: string },
    id: string,
    holdId: string,
  ) =>
    transaction(s.ctx.database, (tx) =>
      processWithdrawalPayout(
        tx,
        deps({
          verifyCard: sandboxBankAdapter.verifyCard,
          async payout() {
            await createTransfers(tx, s.clock, [
              { id: `txn_test_void_${id.slice(4)}`, kind: 'void_pending', pendingId: holdId },
            ]);
            return answer;
          },
        }),
        id,
      ),
    );

  test('the hold is resolved by someone else while the bank pays: the payment is booked late, not thrown (kills the second `!` dropped)', async () => {
    const { phone, id, holdId } = await processingWithdrawal();
    expect(await payoutWhileVoided({ ok: true }, id, holdId)).toBe('succeeded');
    expect(await status(id)).toEqual({ status: 'succeeded', failure_reason: null });
    // The void gave the ¥30.00 back; the late booking takes it from the wallet again, once.
    expect(await transfer(latePayoutTransferIds(id).fromWallet)).toMatchObject({ kind: 'posted' });
    expect(await transfer(latePayoutTransferIds(id).fromSuspense)).toBeUndefined();
    expect(await kit.wallet(await signInTestCustomer(s, phone))).toMatchObject({
      availableMinor: 7_000,
      postedMinor: 7_000,
      pendingOutMinor: 0,
    });
  });

  test('the hold is resolved by someone else while the bank refuses: failed as hold_expired, nothing booked (kills `if (result.ok)` → true, `false` → true, the reason and the answer emptied)', async () => {
    const { phone, id, holdId } = await processingWithdrawal();
    expect(await payoutWhileVoided({ ok: false, refusal: 'account_frozen', reason: '账户已冻结' }, id, holdId)).toBe(
      'failed',
    );
    expect(await status(id)).toEqual({ status: 'failed', failure_reason: 'hold_expired' });
    expect(await transfer(latePayoutTransferIds(id).fromWallet)).toBeUndefined();
    expect(await kit.wallet(await signInTestCustomer(s, phone))).toMatchObject({
      availableMinor: 10_000,
      postedMinor: 10_000,
      pendingOutMinor: 0,
    });
  });

  test('a halted ledger at the post is thrown, even when the bank refused: the withdrawal stays processing (kills the catch condition → false)', async () => {
    const { id } = await processingWithdrawal();
    await expect(
      transaction(s.ctx.database, async (tx) => {
        await recordHalt(tx, 'ledger', 'test: a broken balance', s.clock.now());
        return processWithdrawalPayout(tx, deps(refusingBank), id);
      }),
    ).rejects.toMatchObject({ code: 'LEDGER_HALTED' });
    expect(await status(id)).toEqual({ status: 'processing', failure_reason: null });
  });

  test('the late payout ids and descriptions are the ones the ledger and the console read (kills the ids, descriptions and metadata emptied)', async () => {
    expect(latePayoutTransferIds('wdr_01ABC')).toEqual({
      fromWallet: 'txn_wdr_01ABC_late',
      fromSuspense: 'txn_wdr_01ABC_late_sus',
    });
    const { id, holdId } = await processingWithdrawal();
    expect(await payoutWhileVoided({ ok: true }, id, holdId)).toBe('succeeded');
    expect((await transfer(`txn_wdr_${id.slice(4)}_late`))?.metadata).toEqual({
      description: 'Withdrawal paid by the bank after its hold had ended',
    });
    const [event] = await queryRows<{ aggregate_type: string; aggregate_id: string }>(
      s.ctx.database.db,
      sql`select aggregate_type, aggregate_id from outbox where type = 'wallet.withdrawal_paid_late' and payload->>'withdrawalId' = ${id}`,
    );
    expect(event?.aggregate_type).toBe('wallet');
  });

  test('the whole balance withdrawn, paid while the hold times out: all of it from the wallet, none from suspense (kills `+ held` → `- held`)', async () => {
    const { phone, id } = await processingWithdrawal(10_000);
    const slowBank: BankAdapter = {
      ...payingBank,
      async payout() {
        s.clock.advance(WalletLimits.withdrawalHoldSeconds * 1000 + 60_000);
        return { ok: true };
      },
    };
    expect(await payout(slowBank, id)).toBe('succeeded');
    expect(await transfer(latePayoutTransferIds(id).fromWallet)).toMatchObject({ kind: 'posted' });
    expect(await transfer(latePayoutTransferIds(id).fromSuspense)).toBeUndefined();
    expect(await kit.wallet(await signInTestCustomer(s, phone))).toMatchObject({ availableMinor: 0, postedMinor: 0 });
  });

  test('a late payout the wallet no longer holds any of: all of it from suspense, described with the customer (kills `> 0` → `>= 0` / true and the suspense metadata emptied)', async () => {
    const { id, holdId } = await processingWithdrawal();
    s.clock.advance(WalletLimits.withdrawalHoldSeconds * 1000 + 60_000);
    await kit.runTick('ledger.expire_pending', { force: true });
    expect(await resolutionOf(holdId)).toBe('expire_pending');
    const [row] = await queryRows<{ customer_id: string }>(
      s.ctx.database.db,
      sql`select customer_id from wallet_withdrawals where id = ${id}`,
    );
    const customerId = row?.customer_id ?? '';
    // The customer spent all ¥100.00 once the hold had ended.
    await transaction(s.ctx.database, async (tx) => {
      const wallet = await walletAccount(tx, s.clock, customerId);
      const revenue = await platformAccount(tx, s.clock, 'fee_revenue');
      await createTransfers(tx, s.clock, [
        {
          id: `txn_test_spendall_${id.slice(4)}`,
          debitAccountId: wallet.id,
          creditAccountId: revenue.id,
          amountMinor: 10_000,
          currency: 'CNY',
          code: 'test.spend',
        },
      ]);
    });
    await transaction(s.ctx.database, (tx) =>
      bookLatePayout(tx, deps(payingBank), { id, customerId, amountMinor: 3_000, holdTransferId: holdId }),
    );
    expect(await transfer(latePayoutTransferIds(id).fromWallet)).toBeUndefined();
    const fromSuspense = await transfer(latePayoutTransferIds(id).fromSuspense);
    expect(fromSuspense).toMatchObject({ kind: 'posted' });
    expect(fromSuspense?.metadata).toEqual({
      description: 'Withdrawal paid by the bank after its hold had ended; the wallet no longer held it',
      customerId,
    });
  });
});
