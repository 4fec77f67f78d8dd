// How many statements one transfer sends to the database (issue #17: the fewest round trips), and
// that what the fewer statements rely on still holds under concurrency: a command that waited for
// the winner's locks sees the winner's transfer (a replay, not a conflict nor a second movement).
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { clearHalt, type Database, type Executor, recordHalt, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { AdjustableClock, newId } from '@zulin/kernel';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createTransfers, ledgerHaltScope, type TransferInput } from './create-transfers';
import { getAccount } from './read-accounts';
import { createTestAccount } from './testing';
import type { Account } from './types';
import { assertLedgerConsistent } from './verify-ledger';

const clock = new AdjustableClock('2026-03-02T02:00:00Z');

/**
 * Records the statements sent while it runs: on PostgreSQL every query of a pool client (BEGIN and
 * COMMIT included), on PGlite every query inside and outside its transactions (PGlite sends BEGIN and
 * COMMIT itself, so they are not in the list).
 */
function recordStatements(database: Database): { readonly texts: string[]; stop(): void } {
  const texts: string[] = [];
  const textOf = (q: unknown) =>
    (typeof q === 'string' ? q : ((q as { text?: string }).text ?? '')).replace(/\s+/g, ' ').trim();
  const pool = database.pool;
  if (pool) {
    const wrapped = new WeakSet<object>();
    const onAcquire = (client: { query: (...args: unknown[]) => unknown }) => {
      if (wrapped.has(client)) return;
      wrapped.add(client);
      const original = client.query;
      client.query = function (this: unknown, ...args: unknown[]) {
        if (recording) texts.push(textOf(args[0]));
        return original.apply(this, args);
      };
    };
    let recording = true;
    pool.on('acquire', onAcquire);
    return {
      texts,
      stop() {
        recording = false;
        pool.off('acquire', onAcquire);
      },
    };
  }
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const originals = { query: client.query, exec: client.exec, transaction: client.transaction };
  const count =
    (target: Record<string, unknown>, original: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      texts.push(textOf(args[0]));
      return original.apply(target, args);
    };
  const c = client as unknown as Record<string, unknown>;
  c.query = count(c, originals.query as never);
  c.exec = count(c, originals.exec as never);
  c.transaction = (callback: (tx: PGliteTransaction) => Promise<unknown>) =>
    (originals.transaction as (cb: (tx: PGliteTransaction) => Promise<unknown>) => Promise<unknown>).call(
      client,
      (tx) => {
        const t = tx as unknown as Record<string, unknown>;
        t.query = count(t, tx.query as never);
        t.exec = count(t, tx.exec as never);
        return callback(tx);
      },
    );
  return { texts, stop: () => Object.assign(client, originals) };
}

const isControl = (text: string) => /^(begin|commit|rollback)\b/i.test(text);

describeDb('ledger transfer round trips', (get, kind) => {
  let db: Executor;
  let a: Account;
  let b: Account;
  let c: Account;
  let recorder: ReturnType<typeof recordStatements> | undefined;
  const account = () => transaction(db, (tx) => createTestAccount(tx, clock));
  const balances = async (id: string) => {
    const x = await getAccount(db, id);
    return [x.debitsPostedMinor, x.creditsPostedMinor, x.debitsPendingMinor, x.creditsPendingMinor];
  };
  const move = (debit: Account, credit: Account, amountMinor: number, id = newId('txn')): TransferInput => ({
    id,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amountMinor,
    code: 'test.move',
  });
  const record = async (legs: TransferInput[]) => {
    recorder = recordStatements(get().database);
    try {
      const result = await transaction(db, (tx) => createTransfers(tx, clock, legs));
      return { result, statements: recorder.texts.filter((t) => !isControl(t)), all: [...recorder.texts] };
    } finally {
      recorder.stop();
      recorder = undefined;
    }
  };

  beforeAll(async () => {
    db = get().database.db;
    [a, b, c] = [await account(), await account(), await account()] as [Account, Account, Account];
  });
  afterEach(() => recorder?.stop());

  test('one transfer is three statements between BEGIN and COMMIT (was five): halt and locks, look-up and balances, insert', async () => {
    const { result, statements, all } = await record([move(a, b, 1_234)]);
    expect(result.replayed).toBe(false);
    expect(result.transfers[0]).toMatchObject({ amountMinor: 1_234, debitAccountId: a.id, creditAccountId: b.id });
    expect(statements).toHaveLength(3);
    expect(statements[0]).toMatch(/for update of b/);
    expect(statements[0]).toMatch(/from halts/);
    expect(statements[1]).toMatch(/^with recorded as .*update "ledger_balances"/);
    expect(statements[2]).toMatch(/^insert into "ledger_transfers"/);
    // PostgreSQL: five round trips in all (BEGIN, the three statements, COMMIT); were seven.
    if (kind === 'postgres') expect(all).toHaveLength(5);
    expect(await balances(a.id)).toEqual([1_234, 0, 0, 0]);
    expect(await balances(b.id)).toEqual([0, 1_234, 0, 0]);
  });

  test('a linked group of three legs with a hold takes the same three statements', async () => {
    const hold: TransferInput = { ...move(c, a, 25), kind: 'pending' } as TransferInput;
    const group = await record([move(a, b, 100), move(b, c, 50), hold]);
    expect(group.result.transfers.map((t) => t.kind)).toEqual(['posted', 'posted', 'pending']);
    expect(group.statements).toHaveLength(3);
  });

  test('a replay finds the ids in the write, writes nothing and reads the recorded transfers: three statements', async () => {
    const leg = move(a, c, 777);
    const first = await record([leg]);
    const before = [await balances(a.id), await balances(c.id)];
    const again = await record([leg]);
    expect(again.result).toEqual({ transfers: first.result.transfers, replayed: true });
    expect(again.statements).toHaveLength(3);
    expect(again.statements[2]).toMatch(/^select .* from "ledger_transfers"/);
    expect([await balances(a.id), await balances(c.id)]).toEqual(before);
    await assertLedgerConsistent(db);
  });

  test('what a new transfer returns is what its replay reads back (seq, metadata in stored form, times)', async () => {
    const leg = {
      ...move(b, a, 4_321),
      reference: 'order_1',
      metadata: { z: 1, a: { y: [1, 'x'], b: null } },
      effectiveAt: new Date('2026-03-01T00:00:00.123Z'),
    } as TransferInput;
    const { result } = await record([leg]);
    // Recorded now, not replayed (kills the fast path's `replayed: false` → true, mutation run of 7 December).
    expect(result.replayed).toBe(false);
    const replay = await transaction(db, (tx) => createTransfers(tx, clock, [leg]));
    expect(replay.replayed).toBe(true);
    expect(result.transfers).toEqual(replay.transfers);
    expect(Object.keys(result.transfers[0]?.metadata ?? {})).toEqual(Object.keys(replay.transfers[0]?.metadata ?? {}));
  });

  test('while the ledger is halted the one read refuses before any write', async () => {
    await recordHalt(db, ledgerHaltScope, 'test halt', clock.now());
    try {
      const recorder = recordStatements(get().database);
      try {
        await expect(transaction(db, (tx) => createTransfers(tx, clock, [move(a, b, 1)]))).rejects.toMatchObject({
          code: 'LEDGER_HALTED',
          detail: `Money movement is stopped since ${clock.now().toISOString()}: test halt`,
        });
        expect(recorder.texts.filter((t) => !isControl(t))).toHaveLength(1);
      } finally {
        recorder.stop();
      }
    } finally {
      await clearHalt(db, { scope: ledgerHaltScope, by: 'test', note: 'done', now: clock.now() });
    }
  });

  describe.skipIf(kind !== 'postgres')('under concurrency (PostgreSQL)', () => {
    test('eight callers sending the same transfer at once: one records it, seven replay it, the money moves once', async () => {
      const [x, y] = [await account(), await account()] as [Account, Account];
      const leg = move(x, y, 1_000);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => transaction(db, (tx) => createTransfers(tx, clock, [leg]))),
      );
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      for (const r of results) expect(r.transfers).toEqual(results[0]?.transfers);
      expect((await getAccount(db, y.id)).creditsPostedMinor).toBe(1_000);
      expect((await getAccount(db, x.id)).debitsPostedMinor).toBe(1_000);
      await assertLedgerConsistent(db);
    });

    test('the same id on other accounts at the same time: one is recorded, the others are conflicts, nothing half-written', async () => {
      const accounts = (await Promise.all(Array.from({ length: 8 }, () => account()))) as Account[];
      const id = newId('txn');
      const settled = await Promise.allSettled(
        Array.from({ length: 4 }, (_, i) =>
          transaction(db, (tx) =>
            createTransfers(tx, clock, [move(accounts[2 * i] as Account, accounts[2 * i + 1] as Account, 10 + i, id)]),
          ),
        ),
      );
      const fulfilled = settled.filter((s) => s.status === 'fulfilled');
      const rejected = settled.filter((s) => s.status === 'rejected') as PromiseRejectedResult[];
      expect(fulfilled).toHaveLength(1);
      for (const r of rejected) expect(r.reason).toMatchObject({ code: 'LEDGER_TRANSFER_ID_CONFLICT' });
      let moved = 0;
      for (const acc of accounts) moved += (await getAccount(db, acc.id)).creditsPostedMinor;
      expect(moved).toBeGreaterThanOrEqual(10);
      expect(moved).toBeLessThanOrEqual(13);
      await assertLedgerConsistent(db);
    });
  });
});
