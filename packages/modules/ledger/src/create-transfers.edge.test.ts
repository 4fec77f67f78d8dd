// The ledger's rules at their edges (issue #19, mutation testing of apply-leg.ts): what a reversal
// may reverse and which way, the currency guard when the caller names the currency, the reference
// and effective date a transfer and a hold's resolution record, and the credits-must-not-exceed-debits
// rule at exactly equal — each case names the mutant of apply-leg.ts it kills.
import { clearHalt, type Executor, queryRows, recordHalt, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { AdjustableClock, newId } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTransfers, type TransferInput } from './create-transfers';
import { getAccount } from './read-accounts';
import { createTestAccount, fundTestAccount } from './testing';
import type { Account, Currency } from './types';

const clock = new AdjustableClock('2026-03-02T02:00:00Z');

describeDb('ledger transfers at the edges', (get) => {
  let db: Executor;
  const post = (legs: TransferInput[]) => transaction(db, (tx) => createTransfers(tx, clock, legs));
  const account = (options: Parameters<typeof createTestAccount>[2] = {}) =>
    transaction(db, (tx) => createTestAccount(tx, clock, options));
  const balances = async (id: string) => {
    const a = await getAccount(db, id);
    return [a.debitsPostedMinor, a.creditsPostedMinor, a.debitsPendingMinor, a.creditsPendingMinor];
  };
  /** The problem's code, and the words of its detail (the detail is what an operator reads). */
  const refused = (promise: Promise<unknown>, code: string, detail: string) =>
    expect(promise).rejects.toMatchObject({ code, detail: expect.stringContaining(detail) });
  const stored = async (id: string) => {
    const [row] = await queryRows<{
      reference: string | null;
      effective_at: Date | string;
      effective_at_given: boolean;
    }>(db, sql`select reference, effective_at, effective_at_given from ledger_transfers where id = ${id}`);
    if (row === undefined) throw new Error(`no transfer ${id}`);
    return { ...row, effective_at: new Date(row.effective_at).toISOString() };
  };

  beforeAll(() => {
    db = get().database.db;
  });

  describe('reversals', () => {
    /** a → b for ¥10.00, posted; answers the accounts and the transfer's id. */
    const charged = async () => {
      const [a, b, c] = [await account(), await account(), await account()] as [Account, Account, Account];
      const original = newId('txn');
      await post([
        { id: original, debitAccountId: a.id, creditAccountId: b.id, amountMinor: 1_000, code: 'test.charge' },
      ]);
      return { a, b, c, original };
    };
    const reversal = (reversesId: string, debit: Account, credit: Account, amountMinor = 1_000): TransferInput => ({
      id: newId('txn'),
      debitAccountId: debit.id,
      creditAccountId: credit.id,
      amountMinor,
      code: 'test.refund',
      reversesId,
    });

    test('only the swapped pair reverses: the debit side alone wrong, or the credit side alone wrong, is refused', async () => {
      const { a, b, c, original } = await charged();
      // Debits b (right) but credits c (wrong) — kills `original.debitAccountId !== leg.creditAccountId` → false.
      await refused(
        post([reversal(original, b, c)]),
        'LEDGER_REVERSAL_INVALID',
        `must debit ${b.id} and credit ${a.id}`,
      );
      // Debits c (wrong) but credits a (right) — kills `original.creditAccountId !== leg.debitAccountId` → false.
      await refused(post([reversal(original, c, a)]), 'LEDGER_REVERSAL_INVALID', 'of a posted transfer');
      expect(await balances(c.id)).toEqual([0, 0, 0, 0]);
      // The right pair, for the whole amount: accepted, and then nothing is left to reverse.
      await post([reversal(original, b, a)]);
      expect(await balances(a.id)).toEqual([1_000, 1_000, 0, 0]);
      await refused(
        post([reversal(original, b, a, 1)]),
        'LEDGER_REVERSAL_EXCEEDS_ORIGINAL',
        `${original} moved 1000; reversals would total 1001`,
      );
    });

    test('a hold is not reversed (it is voided); the transfer that posted it is', async () => {
      const wallet = await account({ restricted: true });
      const merchant = await account();
      await fundTestAccount(db, clock, wallet.id, 5_000);
      const holdId = newId('txn');
      await post([
        {
          id: holdId,
          kind: 'pending',
          debitAccountId: wallet.id,
          creditAccountId: merchant.id,
          amountMinor: 3_000,
          code: 'test.hold',
        },
      ]);
      // The hold itself, with the accounts swapped: refused — kills `postedKind` → true and `!postedKind` → false.
      await refused(
        post([reversal(holdId, merchant, wallet, 3_000)]),
        'LEDGER_REVERSAL_INVALID',
        'of a posted transfer',
      );
      const postId = newId('txn');
      await post([{ id: postId, kind: 'post_pending', pendingId: holdId, amountMinor: 2_500 }]);
      // The posting of the hold is a posted transfer: reversible, up to what it posted — kills the
      // `original.kind === 'post_pending'` mutants.
      await refused(
        post([reversal(postId, merchant, wallet, 2_501)]),
        'LEDGER_REVERSAL_EXCEEDS_ORIGINAL',
        'moved 2500',
      );
      await post([reversal(postId, merchant, wallet, 2_500)]);
      expect(await balances(wallet.id)).toEqual([2_500, 5_000 + 2_500, 0, 0]);
    });

    test('reversing a transfer that does not exist is LEDGER_TRANSFER_NOT_FOUND, not a crash', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      const ghost = newId('txn');
      await refused(post([reversal(ghost, b, a)]), 'LEDGER_TRANSFER_NOT_FOUND', `No transfer ${ghost} to reverse.`);
    });
  });

  test('a named currency equal to the accounts’ is accepted; another is refused with both accounts named', async () => {
    const [a, b] = [await account(), await account()] as [Account, Account];
    const leg = (currency: Currency): TransferInput => ({
      id: newId('txn'),
      debitAccountId: a.id,
      creditAccountId: b.id,
      amountMinor: 1,
      code: 'test.charge',
      currency,
    });
    // Kills `leg.currency !== debit.currency` → true (every named currency refused).
    await post([leg('CNY')]);
    await refused(post([leg('POINTS')]), 'LEDGER_CURRENCY_MISMATCH', `${a.id} holds CNY, ${b.id} holds CNY`);
    expect(await balances(b.id)).toEqual([0, 1, 0, 0]);
  });

  test('a transfer records its reference and whether its effective time was given', async () => {
    const [a, b] = [await account(), await account()] as [Account, Account];
    const withBoth = newId('txn');
    const yesterday = new Date(clock.now().getTime() - 86_400_000);
    const without = newId('txn');
    await post([
      {
        id: withBoth,
        debitAccountId: a.id,
        creditAccountId: b.id,
        amountMinor: 100,
        code: 'test.charge',
        reference: 'ord_edge_1',
        effectiveAt: yesterday,
      },
      { id: without, debitAccountId: a.id, creditAccountId: b.id, amountMinor: 200, code: 'test.charge' },
    ]);
    // Kills `leg.reference ?? null` → `&&` and the three `effectiveAtGiven` mutants.
    expect(await stored(withBoth)).toEqual({
      reference: 'ord_edge_1',
      effective_at: yesterday.toISOString(),
      effective_at_given: true,
    });
    expect(await stored(without)).toEqual({
      reference: null,
      effective_at: clock.now().toISOString(),
      effective_at_given: false,
    });
  });

  test("a hold's resolution keeps the hold's reference unless it names its own, and records a given effective time", async () => {
    const wallet = await account({ restricted: true });
    const merchant = await account();
    await fundTestAccount(db, clock, wallet.id, 1_000);
    const hold = async () => {
      const id = newId('txn');
      await post([
        {
          id,
          kind: 'pending',
          debitAccountId: wallet.id,
          creditAccountId: merchant.id,
          amountMinor: 300,
          code: 'test.hold',
          reference: 'ord_hold',
        },
      ]);
      return id;
    };
    const kept = newId('txn');
    await post([{ id: kept, kind: 'post_pending', pendingId: await hold() }]);
    const named = newId('txn');
    const earlier = new Date(clock.now().getTime() - 3_600_000);
    await post([
      { id: named, kind: 'void_pending', pendingId: await hold(), reference: 'void_edge', effectiveAt: earlier },
    ]);
    // Kills the three `given.reference === undefined` mutants and the three `given.effectiveAt` ones.
    expect(await stored(kept)).toEqual({
      reference: 'ord_hold',
      effective_at: clock.now().toISOString(),
      effective_at_given: false,
    });
    expect(await stored(named)).toEqual({
      reference: 'void_edge',
      effective_at: earlier.toISOString(),
      effective_at_given: true,
    });
  });

  test('credits may reach the debits exactly, not one 分 past them', async () => {
    // A credits-restricted account (a receivable): what it is credited never passes what it was debited.
    const receivable = await account({ creditsRestricted: true });
    const other = await account();
    await post([
      {
        id: newId('txn'),
        debitAccountId: receivable.id,
        creditAccountId: other.id,
        amountMinor: 700,
        code: 'test.bill',
      },
    ]);
    const settle = (amountMinor: number): TransferInput => ({
      id: newId('txn'),
      debitAccountId: other.id,
      creditAccountId: receivable.id,
      amountMinor,
      code: 'test.settle',
    });
    // Kills `>` → `>=` and `> … → true` in the credits rule.
    await refused(post([settle(701)]), 'LEDGER_CREDITS_EXCEED_DEBITS', `account ${receivable.id}`);
    await post([settle(700)]);
    expect(await balances(receivable.id)).toEqual([700, 700, 0, 0]);
    await refused(post([settle(1)]), 'LEDGER_CREDITS_EXCEED_DEBITS', `account ${receivable.id}`);
  });

  test('a halted ledger refuses with retry-after "300" and moves nothing (kills the header → {} and "300" → "", mutation run of create-transfers.ts)', async () => {
    const [a, b] = [await account(), await account()];
    await recordHalt(db, 'ledger', 'test: books checked by hand', clock.now());
    try {
      await expect(
        post([{ id: newId('txn'), debitAccountId: a.id, creditAccountId: b.id, amountMinor: 1, code: 'test.x' }]),
      ).rejects.toMatchObject({ status: 503, code: 'LEDGER_HALTED', headers: { 'retry-after': '300' } });
      expect(await balances(b.id)).toEqual([0, 0, 0, 0]);
    } finally {
      await clearHalt(db, { scope: 'ledger', by: 'test', note: 'edge test done', now: clock.now() });
    }
  });
});
