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
import { ledgerTransfers } from './schema';
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

  describe('the look-ups before the lock (mutation run of create-transfers.ts lines 183–292)', () => {
    test('unknown accounts are named in account-id order, whichever side they are on; an unknown hold is named (kills the `{ detail }` → `{}` of both refusals and `.sort()` dropped)', async () => {
      const a = await account();
      // The debit account sorts after the credit account: the detail lists them sorted, as they are locked.
      await refused(
        post([
          {
            id: newId('txn'),
            debitAccountId: 'ldg_acc_zz_nope',
            creditAccountId: 'ldg_acc_aa_nope',
            amountMinor: 5,
            code: 'test.x',
          },
        ]),
        'LEDGER_ACCOUNT_NOT_FOUND',
        'No ledger account ldg_acc_aa_nope, ldg_acc_zz_nope.',
      );
      await refused(
        post([
          { id: newId('txn'), debitAccountId: a.id, creditAccountId: 'ldg_acc_nope', amountMinor: 5, code: 'test.x' },
        ]),
        'LEDGER_ACCOUNT_NOT_FOUND',
        'No ledger account ldg_acc_nope.',
      );
      const unknown = newId('txn');
      await refused(
        post([{ id: newId('txn'), kind: 'void_pending', pendingId: unknown }]),
        'LEDGER_PENDING_NOT_FOUND',
        `No pending transfer ${unknown}.`,
      );
      expect(await balances(a.id)).toEqual([0, 0, 0, 0]);
    });

    test('only the balances rows are locked, not the accounts rows (kills `.for("update", { of: ledgerBalances })` → `{}`)', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      // xmax of a row is the transaction that locked or changed it; 0 when none did. Read inside the
      // same transaction, before it commits.
      const lockers = await transaction(db, async (tx) => {
        await createTransfers(tx, clock, [
          { id: newId('txn'), debitAccountId: a.id, creditAccountId: b.id, amountMinor: 5, code: 'test.x' },
        ]);
        const xmax = (table: string) =>
          queryRows<{ locked: boolean }>(
            tx,
            sql`select xmax::text <> '0' as locked from ${sql.raw(table)} where ${sql.raw(table === 'ledger_accounts' ? 'id' : 'account_id')} in (${a.id}, ${b.id})`,
          );
        return { accounts: await xmax('ledger_accounts'), balances: await xmax('ledger_balances') };
      });
      expect(lockers.balances).toEqual([{ locked: true }, { locked: true }]);
      expect(lockers.accounts).toEqual([{ locked: false }, { locked: false }]);
    });
  });

  test('a group that renews a hold (a new hold and the void of the old one, same accounts and amount) leaves the balances as they were and is recorded, not a broken invariant (found by the mutation run of create-transfers.ts lines 350–407: `writeBalances` asserted that some balance changed, so this group halted the whole ledger)', async () => {
    const wallet = await account({ restricted: true });
    const merchant = await account();
    await fundTestAccount(db, clock, wallet.id, 1_000);
    const old = newId('txn');
    await post([
      {
        id: old,
        kind: 'pending',
        debitAccountId: wallet.id,
        creditAccountId: merchant.id,
        amountMinor: 300,
        code: 'test.hold',
      },
    ]);
    const renewed = newId('txn');
    /**
     * The group, and how many balances rows it updated: the difference in this backend's statistics
     * of the transaction (PGlite carries earlier transactions' counts in them, hence the difference).
     */
    const postCounting = (legs: TransferInput[]) =>
      transaction(db, async (tx) => {
        const updates = async () => {
          const [row] = await queryRows<{ updated: number }>(
            tx,
            sql`select n_tup_upd::int as updated from pg_stat_xact_user_tables where relname = 'ledger_balances'`,
          );
          return row?.updated ?? 0;
        };
        const before = await updates();
        const result = await createTransfers(tx, clock, legs);
        return { ...result, balancesRowsUpdated: (await updates()) - before };
      });
    const result = await postCounting([
      {
        id: renewed,
        kind: 'pending',
        debitAccountId: wallet.id,
        creditAccountId: merchant.id,
        amountMinor: 300,
        code: 'test.hold',
        timeoutSeconds: 3_600,
      },
      { id: newId('txn'), kind: 'void_pending', pendingId: old },
    ]);
    expect(result.replayed).toBe(false);
    // Only changed rows are written: none here (kills `before` → `{}`, the `filter` dropped and
    // `sameBalances` → false / `{}`, which rewrite every locked row with the values it had).
    expect(result.balancesRowsUpdated).toBe(0);
    expect(await balances(wallet.id)).toEqual([0, 1_000, 300, 0]);
    expect(await balances(merchant.id)).toEqual([0, 0, 0, 300]);
    const posted = await postCounting([{ id: newId('txn'), kind: 'post_pending', pendingId: renewed }]);
    expect(posted.balancesRowsUpdated).toBe(2);
    expect(await balances(merchant.id)).toEqual([0, 300, 0, 0]);
  });

  describe('what only a race reaches (mutation run of create-transfers.ts lines 350–407)', () => {
    /**
     * The executor as createTransfers sees it, except that just before its insert of the transfers
     * `meanwhile(tx, rows)` runs: what another command could commit between our look-up of the ids
     * (after the lock) and our insert. Everything else goes to the real transaction.
     */
    const racing = (tx: Executor, meanwhile: (tx: Executor, rows: Record<string, unknown>[]) => Promise<void>) =>
      new Proxy(tx, {
        get(target, prop) {
          if (prop === 'insert') {
            return (table: typeof ledgerTransfers) => ({
              values: (rows: Record<string, unknown>[]) => ({
                onConflictDoNothing: (options: { target: unknown }) => ({
                  returning: async () => {
                    await meanwhile(target, rows);
                    return target
                      .insert(table)
                      .values(rows as never)
                      .onConflictDoNothing(options as never)
                      .returning();
                  },
                }),
              }),
            });
          }
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as Executor;

    test('an id recorded by another command after our look-up is LEDGER_TRANSFER_ID_CONFLICT, not a halt, and moves nothing (kills `rows.length !== values.length` → false / `===` and its `{ detail }` → `{}`)', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      const id = newId('txn');
      await refused(
        transaction(db, (tx) =>
          createTransfers(
            racing(tx, async (real, rows) => {
              // The other command's transfer carries the same id (its own fields: a third account's would do).
              await real
                .insert(ledgerTransfers)
                .values({ ...(rows[0] as typeof ledgerTransfers.$inferInsert), amountMinor: 7 });
            }),
            clock,
            [{ id, debitAccountId: a.id, creditAccountId: b.id, amountMinor: 100, code: 'test.x' }],
          ),
        ),
        'LEDGER_TRANSFER_ID_CONFLICT',
        'A transfer with one of these ids was just recorded.',
      );
      expect(await balances(a.id)).toEqual([0, 0, 0, 0]);
      expect(await balances(b.id)).toEqual([0, 0, 0, 0]);
      // Not a halt: the next transfer on the same accounts goes through.
      await post([{ id, debitAccountId: a.id, creditAccountId: b.id, amountMinor: 100, code: 'test.x' }]);
      expect(await balances(b.id)).toEqual([0, 100, 0, 0]);
    });

    test("a second resolution of a hold slipping past the check under lock is refused by the database's once-only index (kills `onConflictDoNothing({ target })` → `{}`, which would swallow it)", async () => {
      const wallet = await account({ restricted: true });
      const merchant = await account();
      await fundTestAccount(db, clock, wallet.id, 1_000);
      const holdId = newId('txn');
      await post([
        {
          id: holdId,
          kind: 'pending',
          debitAccountId: wallet.id,
          creditAccountId: merchant.id,
          amountMinor: 300,
          code: 'test.hold',
        },
      ]);
      const error = await transaction(db, (tx) =>
        createTransfers(
          racing(tx, async (real, rows) => {
            // Another void of the same hold, under another id.
            await real
              .insert(ledgerTransfers)
              .values({ ...(rows[0] as typeof ledgerTransfers.$inferInsert), id: newId('txn') });
          }),
          clock,
          [{ id: newId('txn'), kind: 'void_pending', pendingId: holdId }],
        ),
      ).then(
        () => undefined,
        (e: unknown) => e,
      );
      const text = (e: unknown): string =>
        e instanceof Error ? `${e.message} ${text((e as Error & { cause?: unknown }).cause)}` : '';
      expect(error).toBeInstanceOf(Error);
      expect((error as { code?: string }).code).not.toBe('LEDGER_TRANSFER_ID_CONFLICT');
      expect(text(error)).toContain('ledger_transfers_pending_once_uq');
      expect(await balances(wallet.id)).toEqual([0, 1_000, 300, 0]);
    });
  });

  test('a halted ledger refuses a hold’s post as it refuses a new transfer (kills the general path’s `if (halt)` → false, mutation run of 7 December)', async () => {
    const [a, b] = [await account(), await account()];
    await post([
      { id: newId('txn'), debitAccountId: b.id, creditAccountId: a.id, amountMinor: 500, code: 'test.fund' },
    ]);
    const hold = newId('txn');
    await post([
      { id: hold, kind: 'pending', debitAccountId: a.id, creditAccountId: b.id, amountMinor: 400, code: 'test.hold' },
    ]);
    const before = [await balances(a.id), await balances(b.id)];
    await recordHalt(db, 'ledger', 'test: books checked by hand', clock.now());
    try {
      for (const leg of [
        { id: newId('txn'), kind: 'post_pending' as const, pendingId: hold },
        { id: newId('txn'), kind: 'void_pending' as const, pendingId: hold },
      ]) {
        await expect(post([leg])).rejects.toMatchObject({ status: 503, code: 'LEDGER_HALTED' });
      }
      expect([await balances(a.id), await balances(b.id)]).toEqual(before);
    } finally {
      await clearHalt(db, { scope: 'ledger', by: 'test', note: 'edge test done', now: clock.now() });
    }
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
