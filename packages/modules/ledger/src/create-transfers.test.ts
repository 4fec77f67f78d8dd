import {
  clearHalt,
  defineEvents,
  type EventPayloads,
  type Executor,
  emitEvent,
  queryRows,
  recordHalt,
  transaction,
} from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { AdjustableClock, InvariantBroken, newId } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTransfers, type TransferInput } from './create-transfers';
import { LedgerErrors } from './errors';
import { expirePendingTransfers, expiryTransferId } from './expire-pending';
import { getTransfer } from './list-transfers';
import { getAccount } from './read-accounts';
import { createTestAccount, fundTestAccount } from './testing';
import { trialBalance } from './trial-balance';
import type { Account } from './types';
import { assertLedgerConsistent, verifyLedger } from './verify-ledger';

// The test's own event (it only needs a write that rolls back), declared like a module's.
const TestEvents = defineEvents({ 'test.rollback': (p: Record<string, never>) => p });
declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof TestEvents> {}
}

const clock = new AdjustableClock('2026-03-02T02:00:00Z');

async function expectError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toMatchObject({ code });
}

describeDb('ledger transfers', (get) => {
  let db: Executor;
  const post = (legs: TransferInput[]) => transaction(db, (tx) => createTransfers(tx, clock, legs));
  const balances = async (id: string) => {
    const a = await getAccount(db, id);
    return [a.debitsPostedMinor, a.creditsPostedMinor, a.debitsPendingMinor, a.creditsPendingMinor];
  };
  const account = (options: Parameters<typeof createTestAccount>[2] = {}) =>
    transaction(db, (tx) => createTestAccount(tx, clock, options));

  beforeAll(() => {
    db = get().database.db;
  });

  describe('posted transfers', () => {
    test('a transfer debits one account and credits the other by the same amount', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      await post([
        { id: newId('txn'), debitAccountId: a.id, creditAccountId: b.id, amountMinor: 12_345, code: 'test.move' },
      ]);
      expect(await balances(a.id)).toEqual([12_345, 0, 0, 0]);
      expect(await balances(b.id)).toEqual([0, 12_345, 0, 0]);
      await assertLedgerConsistent(db);
    });

    test('a wallet (debits ≤ credits) cannot spend one fen more than it holds, and nothing is recorded', async () => {
      const wallet = await account({ restricted: true });
      const shop = await account();
      await fundTestAccount(db, clock, wallet.id, 10_000);
      const id = newId('txn');
      await expectError(
        post([{ id, debitAccountId: wallet.id, creditAccountId: shop.id, amountMinor: 10_001, code: 'test.spend' }]),
        'LEDGER_INSUFFICIENT_FUNDS',
      );
      expect(await balances(wallet.id)).toEqual([0, 10_000, 0, 0]);
      await expectError(getTransfer(db, id), 'LEDGER_TRANSFER_NOT_FOUND');
      await post([
        { id, debitAccountId: wallet.id, creditAccountId: shop.id, amountMinor: 10_000, code: 'test.spend' },
      ]);
      expect(await balances(wallet.id)).toEqual([10_000, 10_000, 0, 0]);
    });

    test('an account with creditsMustNotExceedDebits refuses credits beyond its debits', async () => {
      const receivable = await account({ creditsRestricted: true });
      const other = await account();
      await expectError(
        post([
          {
            id: newId('txn'),
            debitAccountId: other.id,
            creditAccountId: receivable.id,
            amountMinor: 1,
            code: 'test.x',
          },
        ]),
        'LEDGER_CREDITS_EXCEED_DEBITS',
      );
    });

    test('invalid shapes are refused with stable codes', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      const points = await account({ currency: 'POINTS' });
      const base = { debitAccountId: a.id, creditAccountId: b.id, code: 'test.x' };
      await expectError(post([{ id: newId('txn'), ...base, amountMinor: 0 }]), 'LEDGER_TRANSFER_INVALID');
      await expectError(post([{ id: newId('txn'), ...base, amountMinor: 1.5 }]), 'LEDGER_TRANSFER_INVALID');
      await expectError(post([{ id: newId('txn'), ...base, amountMinor: -5 }]), 'LEDGER_TRANSFER_INVALID');
      await expectError(post([{ id: 'bad id', ...base, amountMinor: 5 }]), 'LEDGER_TRANSFER_INVALID');
      await expectError(
        post([{ id: newId('txn'), ...base, creditAccountId: a.id, amountMinor: 5 }]),
        'LEDGER_ACCOUNTS_SAME',
      );
      await expectError(
        post([{ id: newId('txn'), ...base, creditAccountId: points.id, amountMinor: 5 }]),
        'LEDGER_CURRENCY_MISMATCH',
      );
      await expectError(
        post([{ id: newId('txn'), ...base, currency: 'POINTS', amountMinor: 5 }]),
        'LEDGER_CURRENCY_MISMATCH',
      );
      await expectError(
        post([{ id: newId('txn'), ...base, creditAccountId: 'ldg_acc_nope', amountMinor: 5 }]),
        'LEDGER_ACCOUNT_NOT_FOUND',
      );
    });
  });

  describe('idempotent ids', () => {
    test('the same id with the same fields returns the first transfer and moves nothing again', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      const leg = {
        id: newId('txn'),
        debitAccountId: a.id,
        creditAccountId: b.id,
        amountMinor: 500,
        code: 'test.x',
        metadata: { x: 1, y: [1, 2] },
      };
      const first = await post([leg]);
      clock.advance(60_000);
      const again = await post([{ ...leg, metadata: { y: [1, 2], x: 1 } }]);
      expect(again.replayed).toBe(true);
      expect(again.transfers[0]).toEqual(first.transfers[0]);
      expect(await balances(b.id)).toEqual([0, 500, 0, 0]);
    });

    test('the same id with a different field is LEDGER_TRANSFER_ID_CONFLICT', async () => {
      const [a, b, c] = [await account(), await account(), await account()] as [Account, Account, Account];
      const leg = { id: newId('txn'), debitAccountId: a.id, creditAccountId: b.id, amountMinor: 500, code: 'test.x' };
      await post([leg]);
      for (const changed of [
        { amountMinor: 501 },
        { creditAccountId: c.id },
        { code: 'test.y' },
        { reference: 'ref_1' },
        { metadata: { note: 'other' } },
        { kind: 'pending' as const },
      ]) {
        await expectError(post([{ ...leg, ...changed }]), 'LEDGER_TRANSFER_ID_CONFLICT');
      }
      expect(await balances(b.id)).toEqual([0, 500, 0, 0]);
    });

    test('a group whose ids were recorded in another grouping is a conflict', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      const one = { id: newId('txn'), debitAccountId: a.id, creditAccountId: b.id, amountMinor: 1, code: 'test.x' };
      const two = { id: newId('txn'), debitAccountId: a.id, creditAccountId: b.id, amountMinor: 2, code: 'test.x' };
      await post([one]);
      await expectError(post([one, two]), 'LEDGER_TRANSFER_ID_CONFLICT');
      await expectError(post([two, one]), 'LEDGER_TRANSFER_ID_CONFLICT');
      expect(await balances(b.id)).toEqual([0, 1, 0, 0]);
    });
  });

  describe('pending transfers (holds)', () => {
    test('a hold reserves the money; posting part of it releases the rest', async () => {
      const wallet = await account({ restricted: true });
      const merchant = await account();
      await fundTestAccount(db, clock, wallet.id, 10_000);
      const holdId = newId('txn');
      await post([
        {
          id: holdId,
          kind: 'pending',
          debitAccountId: wallet.id,
          creditAccountId: merchant.id,
          amountMinor: 8_000,
          code: 'test.hold',
        },
      ]);
      expect(await balances(wallet.id)).toEqual([0, 10_000, 8_000, 0]);
      // The held money is not available to spend.
      await expectError(
        post([
          {
            id: newId('txn'),
            debitAccountId: wallet.id,
            creditAccountId: merchant.id,
            amountMinor: 2_001,
            code: 'test.spend',
          },
        ]),
        'LEDGER_INSUFFICIENT_FUNDS',
      );
      const postId = newId('txn');
      await post([{ id: postId, kind: 'post_pending', pendingId: holdId, amountMinor: 3_000 }]);
      expect(await balances(wallet.id)).toEqual([3_000, 10_000, 0, 0]);
      expect(await balances(merchant.id)).toEqual([0, 3_000, 0, 0]);
      expect(await getTransfer(db, holdId)).toMatchObject({ pendingStatus: 'posted', resolvedById: postId });
      // Posting again (another id) or voiding now: the hold is resolved once only.
      await expectError(
        post([{ id: newId('txn'), kind: 'post_pending', pendingId: holdId }]),
        'LEDGER_PENDING_ALREADY_RESOLVED',
      );
      await expectError(
        post([{ id: newId('txn'), kind: 'void_pending', pendingId: holdId }]),
        'LEDGER_PENDING_ALREADY_RESOLVED',
      );
      // The same post again is a replay.
      expect((await post([{ id: postId, kind: 'post_pending', pendingId: holdId, amountMinor: 3_000 }])).replayed).toBe(
        true,
      );
      await expectError(
        post([{ id: postId, kind: 'post_pending', pendingId: holdId, amountMinor: 2_000 }]),
        'LEDGER_TRANSFER_ID_CONFLICT',
      );
      await assertLedgerConsistent(db);
    });

    test('a void returns the whole hold; a post cannot exceed the hold', async () => {
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
          amountMinor: 1_000,
          code: 'test.hold',
        },
      ]);
      await expectError(
        post([{ id: newId('txn'), kind: 'post_pending', pendingId: holdId, amountMinor: 1_001 }]),
        'LEDGER_POST_EXCEEDS_PENDING',
      );
      await post([{ id: newId('txn'), kind: 'void_pending', pendingId: holdId }]);
      expect(await balances(wallet.id)).toEqual([0, 1_000, 0, 0]);
      expect(await balances(merchant.id)).toEqual([0, 0, 0, 0]);
      expect(await getTransfer(db, holdId)).toMatchObject({ pendingStatus: 'voided' });
      await expectError(
        post([{ id: newId('txn'), kind: 'post_pending', pendingId: newId('txn') }]),
        'LEDGER_PENDING_NOT_FOUND',
      );
    });

    test('a hold past its timeout can no longer be posted; the expiry tick releases it once', async () => {
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
          amountMinor: 700,
          code: 'test.hold',
          reference: 'ord_1',
          timeoutSeconds: 3600,
        },
      ]);
      expect((await expirePendingTransfers(db, clock)).expired).toBe(0);
      await expectError(
        post([{ id: newId('txn'), kind: 'expire_pending', pendingId: holdId }]),
        'LEDGER_PENDING_NOT_EXPIRED',
      );
      clock.advance(3600 * 1000);
      await expectError(
        post([{ id: newId('txn'), kind: 'post_pending', pendingId: holdId }]),
        'LEDGER_PENDING_EXPIRED',
      );
      const first = await expirePendingTransfers(db, clock);
      expect(first.expired).toBeGreaterThanOrEqual(1);
      expect(await expirePendingTransfers(db, clock)).toEqual({ expired: 0, skipped: 0 });
      expect(await getTransfer(db, holdId)).toMatchObject({
        pendingStatus: 'expired',
        resolvedById: expiryTransferId(holdId),
      });
      expect(await balances(wallet.id)).toEqual([0, 1_000, 0, 0]);
      const events = await queryRows<{ type: string }>(db, sql`select type from outbox where aggregate_id = ${holdId}`);
      expect(events.map((e) => e.type)).toEqual(['ledger.pending_expired']);
      await assertLedgerConsistent(db);
    });
  });

  describe('linked groups and reversals', () => {
    test('a linked group with one failing leg records nothing at all', async () => {
      const wallet = await account({ restricted: true });
      const [x, y] = [await account(), await account()] as [Account, Account];
      await fundTestAccount(db, clock, wallet.id, 1_000);
      const legs: TransferInput[] = [
        { id: newId('txn'), debitAccountId: wallet.id, creditAccountId: x.id, amountMinor: 600, code: 'test.split' },
        { id: newId('txn'), debitAccountId: x.id, creditAccountId: y.id, amountMinor: 100, code: 'test.split' },
        { id: newId('txn'), debitAccountId: wallet.id, creditAccountId: y.id, amountMinor: 401, code: 'test.split' },
      ];
      await expectError(post(legs), 'LEDGER_INSUFFICIENT_FUNDS');
      expect(await balances(wallet.id)).toEqual([0, 1_000, 0, 0]);
      expect(await balances(x.id)).toEqual([0, 0, 0, 0]);
      const ok = await post(legs.map((leg, i) => (i === 2 ? { ...leg, amountMinor: 400 } : leg)));
      expect(ok.transfers.map((t) => t.linkedGroupId)).toEqual([legs[0]?.id, legs[0]?.id, legs[0]?.id]);
      expect(await balances(wallet.id)).toEqual([1_000, 1_000, 0, 0]);
    });

    test('a reversal is a new transfer with the accounts swapped, never more than the original', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      const original = newId('txn');
      await post([
        { id: original, debitAccountId: a.id, creditAccountId: b.id, amountMinor: 1_000, code: 'test.charge' },
      ]);
      const back = (amountMinor: number, swap = true) => ({
        id: newId('txn'),
        debitAccountId: swap ? b.id : a.id,
        creditAccountId: swap ? a.id : b.id,
        amountMinor,
        code: 'test.refund',
        reversesId: original,
      });
      await expectError(post([back(100, false)]), 'LEDGER_REVERSAL_INVALID');
      await post([back(600)]);
      await expectError(post([back(401)]), 'LEDGER_REVERSAL_EXCEEDS_ORIGINAL');
      await post([back(400)]);
      expect(await balances(a.id)).toEqual([1_000, 1_000, 0, 0]);
      const rows = await queryRows(db, sql`select id from ledger_transfers where id = ${original}`);
      expect(rows).toHaveLength(1);
    });
  });

  describe('append-only and verification', () => {
    test('the database refuses to change or delete a transfer or an account', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      const id = newId('txn');
      await post([{ id, debitAccountId: a.id, creditAccountId: b.id, amountMinor: 5, code: 'test.x' }]);
      await expect(db.execute(sql`update ledger_transfers set amount_minor = 6 where id = ${id}`)).rejects.toThrow();
      await expect(db.execute(sql`delete from ledger_transfers where id = ${id}`)).rejects.toThrow();
      await expect(
        db.execute(sql`update ledger_accounts set currency = 'POINTS' where id = ${a.id}`),
      ).rejects.toThrow();
      await expect(db.execute(sql`delete from ledger_balances where account_id = ${a.id}`)).rejects.toThrow();
    });

    test('verifyLedger notices a balances row that no longer matches its transfers', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      await post([{ id: newId('txn'), debitAccountId: a.id, creditAccountId: b.id, amountMinor: 5, code: 'test.x' }]);
      expect((await verifyLedger(db)).ok).toBe(true);
      await transaction(db, async (tx) => {
        await tx.execute(
          sql`update ledger_balances set credits_posted_minor = credits_posted_minor + 1 where account_id = ${b.id}`,
        );
        const verification = await verifyLedger(tx);
        expect(verification.ok).toBe(false);
        expect(verification.problems.join('\n')).toContain(
          `account ${b.id}: creditsPostedMinor is 6 but its transfers sum to 5`,
        );
        // Roll the tampering back.
        await emitEvent(tx, clock.now(), { type: 'test.rollback', aggregateType: 't', aggregateId: 't', payload: {} });
        throw new Error('rollback');
      }).catch((e: Error) => expect(e.message).toBe('rollback'));
      expect((await verifyLedger(db)).ok).toBe(true);
    });

    test('a broken balance found while moving money halts the ledger until a person clears it', async () => {
      const [a, b] = [await account(), await account()] as [Account, Account];
      await fundTestAccount(db, clock, a.id, 1_000);
      const hold = newId('txn');
      await post([
        { id: hold, kind: 'pending', debitAccountId: a.id, creditAccountId: b.id, amountMinor: 400, code: 'test.hold' },
      ]);
      // The cache forgets the hold: voiding it would take the pending sum below zero.
      await db.execute(sql`update ledger_balances set debits_pending_minor = 0 where account_id = ${a.id}`);
      const broken = post([{ id: newId('txn'), kind: 'void_pending', pendingId: hold }]);
      await expect(broken).rejects.toBeInstanceOf(InvariantBroken);
      await expect(broken).rejects.toMatchObject({ scope: 'ledger' });
      // The platform records the halt (here by hand: no HTTP layer in this test); every transfer is refused.
      await recordHalt(db, 'ledger', 'test: pending sum below zero', clock.now());
      const refused = post([
        { id: newId('txn'), debitAccountId: a.id, creditAccountId: b.id, amountMinor: 1, code: 'test.x' },
      ]);
      await expect(refused).rejects.toMatchObject({ status: 503, code: 'LEDGER_HALTED' });
      // A person repairs the books and clears the halt: money moves again.
      await db.execute(sql`update ledger_balances set debits_pending_minor = 400 where account_id = ${a.id}`);
      expect((await verifyLedger(db)).ok).toBe(true);
      expect(await clearHalt(db, { scope: 'ledger', by: 'test', note: 'cache repaired', now: clock.now() })).toBe(true);
      await post([{ id: newId('txn'), kind: 'void_pending', pendingId: hold }]);
      expect((await balances(a.id))[2]).toBe(0);
    });

    test('the trial balance balances, posted and pending', async () => {
      const tb = await trialBalance(db, 'CNY');
      expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
      expect(tb.pendingDebitsMinor).toBe(tb.pendingCreditsMinor);
      expect(tb.postedDebitsMinor).toBeGreaterThan(0);
      expect(tb.balanced).toBe(true);
    });
  });

  test('error catalog codes are what the tests expect', () => {
    expect(LedgerErrors.LEDGER_TRANSFER_ID_CONFLICT.status).toBe(409);
  });
});
