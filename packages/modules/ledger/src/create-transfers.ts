// Records one transfer or one linked group of transfers, all or nothing, in the caller's transaction.
//
// The order of work is what makes it safe under concurrency (read committed):
//   1. validate every leg's shape (no database);
//   2. read the pending transfers and originals the legs name (immutable rows, no lock needed);
//   3. lock the balances rows of every account involved, in account-id order, so two commands that
//      share accounts run one after the other and never deadlock on each other;
//   4. only now look for transfers that already carry the legs' ids, and for earlier resolutions
//      and reversals: a command that waited for the lock sees what the winner committed;
//   5. apply the legs in order to the locked balances, checking each account's rule after each leg;
//   6. insert the transfers and write the new balances, then read nothing back that could differ.
//
// Round trips. A group of new transfers that resolve and reverse nothing (the common case: a
// payment, a top-up, a hold) takes three statements between BEGIN and COMMIT, where it took five:
// (a) the open halt and the locked balances in one read; the checks in memory; (b) the look-up of
// the ids and the balances update in one statement whose snapshot is taken after the locks are
// held, so a command that waited for the lock sees what the winner committed (step 4) — it writes
// nothing when an id is already recorded, and the recorded transfers are then read for the
// replay; (c) the insert. Groups that resolve or reverse a transfer take the steps as listed.

import { type Executor, openHalt, queryRows } from '@zulin/db';
import { AssertionError, assert, type Clock, InvariantBroken } from '@zulin/kernel';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { type ApplyState, applyLeg, type LockedAccount, type PlannedLeg } from './apply-leg';
import { LedgerErrors } from './errors';
import { LedgerLimits } from './limits';
import { ledgerAccounts, ledgerBalances, ledgerTransfers } from './schema';
import { canonicalJson, rowToTransfer } from './transfer-row';
import type { Currency, Transfer } from './types';

/** Moves money at once (`posted`, the default) or holds it (`pending`). */
export interface NewTransfer {
  id: string;
  kind?: 'posted' | 'pending';
  debitAccountId: string;
  creditAccountId: string;
  amountMinor: number;
  /** When given, must equal both accounts' currency; a cheap guard against wiring the wrong account. */
  currency?: Currency;
  code: string;
  reference?: string | null;
  metadata?: Record<string, unknown>;
  /** Pending only: after this many seconds the expiry tick voids the hold. */
  timeoutSeconds?: number;
  /** A reversal names the posted transfer it undoes; its accounts must be the original's, swapped. */
  reversesId?: string;
  effectiveAt?: Date;
}

/** Posts (in full, or `amountMinor` of it, releasing the rest) or voids a pending transfer. */
export interface ResolvePending {
  id: string;
  kind: 'post_pending' | 'void_pending';
  pendingId: string;
  /** Post only; defaults to the whole pending amount. */
  amountMinor?: number;
  code?: string;
  reference?: string | null;
  metadata?: Record<string, unknown>;
  effectiveAt?: Date;
}

/** Used by the expiry tick only. */
export interface ExpirePending {
  id: string;
  kind: 'expire_pending';
  pendingId: string;
}

export type TransferInput = NewTransfer | ResolvePending | ExpirePending;

export interface CreateTransfersResult {
  transfers: Transfer[];
  /** True when every leg already existed with the same fields: nothing was written. */
  replayed: boolean;
}

const transferIdPattern = /^txn_[A-Za-z0-9_-]+$/;
const codePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/**
 * Creates the transfers as one linked group: every leg is recorded, or none is and the error of the
 * first failing leg is thrown (the caller's transaction must then roll back). The same ids with the
 * same fields return the first result; the same ids with other fields are LEDGER_TRANSFER_ID_CONFLICT.
 */
export async function createTransfers(
  tx: Executor,
  clock: Clock,
  legs: readonly TransferInput[],
): Promise<CreateTransfersResult> {
  assert(legs.length >= 1, 'createTransfers needs at least one leg');
  assert(legs.length <= LedgerLimits.transferBatchMax, `at most ${LedgerLimits.transferBatchMax} legs per group`);
  legs.forEach(validateLeg);
  assertUniqueIds(legs);
  const now = clock.now();
  const linkedGroupId = legs.length > 1 ? (legs[0]?.id ?? null) : null;
  const plain = legs.every(isPlainNewTransfer);
  if (!plain) {
    const halt = await openHalt(tx, ledgerHaltScope);
    if (halt) throw halted(halt);
  }
  try {
    return plain
      ? await recordPlainGroup(tx, legs as readonly NewTransfer[], linkedGroupId, now)
      : await recordGroup(tx, legs, linkedGroupId, now);
  } catch (error) {
    // A balance rule broken after validation means the books no longer add up: stop all money
    // movement (the platform records the halt) rather than the process or just this request.
    if (error instanceof AssertionError && !(error instanceof InvariantBroken)) {
      throw new InvariantBroken(ledgerHaltScope, `ledger invariant broken: ${error.message}`);
    }
    throw error;
  }
}

/** The halt scope of the ledger: while it is open, no transfer is recorded. */
export const ledgerHaltScope = 'ledger';

function halted(halt: { reason: string; detectedAt: Date }) {
  return LedgerErrors.LEDGER_HALTED({
    detail: `Money movement is stopped since ${halt.detectedAt.toISOString()}: ${halt.reason}`,
    headers: { 'retry-after': '300' },
  });
}

/** A new transfer (posted or pending) that reverses nothing: it needs no row but its accounts' balances. */
function isPlainNewTransfer(leg: TransferInput): leg is NewTransfer {
  return !('pendingId' in leg) && leg.reversesId === undefined;
}

/**
 * The common case in three statements: halt and locks in one read; the look-up of the ids and the
 * balances in one write; the insert. The same order of precedence as the general path: an id that
 * already exists makes a replay or a conflict whatever the legs' checks would say, so a check that
 * fails looks for the ids before its error is thrown.
 */
async function recordPlainGroup(
  tx: Executor,
  legs: readonly NewTransfer[],
  linkedGroupId: string | null,
  now: Date,
): Promise<CreateTransfersResult> {
  const accountIds = involvedAccountIds(legs, new Map());
  const locked = await lockAccountsUnlessHalted(tx, accountIds);
  const state: ApplyState = {
    accounts: locked,
    referenced: new Map(),
    resolvedPendingIds: new Set(),
    reversedMinorByOriginal: new Map(),
  };
  let planned: PlannedLeg[];
  try {
    planned = legs.map((leg) => applyLeg(state, leg, now));
  } catch (error) {
    const existing = await findExisting(tx, legs);
    if (existing.length > 0) return replayOrConflict(legs, existing, new Map(), linkedGroupId);
    throw error;
  }
  if ((await writeBalancesUnlessRecorded(tx, legs, locked)) === 'recorded') {
    return replayOrConflict(legs, await findExisting(tx, legs), new Map(), linkedGroupId);
  }
  // The balances are written; an id recorded by another transaction since is a conflict (thrown by
  // the insert), and the caller's transaction rolls the balances back with everything else.
  const transfers = await insertTransfers(tx, planned, linkedGroupId, now);
  return { transfers, replayed: false };
}

async function recordGroup(
  tx: Executor,
  legs: readonly TransferInput[],
  linkedGroupId: string | null,
  now: Date,
): Promise<CreateTransfersResult> {
  const referenced = await loadReferenced(tx, legs);
  const accountIds = involvedAccountIds(legs, referenced);
  const locked = await lockAccounts(tx, accountIds);

  const existing = await findExisting(tx, legs);
  if (existing.length > 0) return replayOrConflict(legs, existing, referenced, linkedGroupId);

  const state: ApplyState = {
    accounts: locked,
    referenced,
    resolvedPendingIds: await findResolvedPending(tx, legs),
    reversedMinorByOriginal: await sumReversals(tx, legs),
  };
  const planned: PlannedLeg[] = legs.map((leg) => applyLeg(state, leg, now));
  const transfers = await insertTransfers(tx, planned, linkedGroupId, now);
  await writeBalances(tx, locked);
  return { transfers, replayed: false };
}

function validateLeg(leg: TransferInput, index: number): void {
  const at = `legs[${index}]`;
  const invalid = (detail: string) => LedgerErrors.LEDGER_TRANSFER_INVALID({ detail: `${at}: ${detail}` });
  if (!transferIdPattern.test(leg.id) || leg.id.length > LedgerLimits.transferIdLengthMax) {
    throw invalid(`id must be "txn_" and up to ${LedgerLimits.transferIdLengthMax} letters, digits, - or _`);
  }
  if (leg.kind === 'expire_pending') return;
  if ('code' in leg && leg.code !== undefined) {
    if (!codePattern.test(leg.code) || leg.code.length > LedgerLimits.codeLengthMax) {
      throw invalid('code must look like "module.kind"');
    }
  }
  if (leg.reference != null && (leg.reference.length < 1 || leg.reference.length > LedgerLimits.referenceLengthMax)) {
    throw invalid(`reference must have 1–${LedgerLimits.referenceLengthMax} characters`);
  }
  if (leg.metadata !== undefined && canonicalJson(leg.metadata).length > LedgerLimits.metadataBytesMax) {
    throw invalid(`metadata must serialize to at most ${LedgerLimits.metadataBytesMax} bytes`);
  }
  if (leg.amountMinor !== undefined && (!Number.isSafeInteger(leg.amountMinor) || leg.amountMinor <= 0)) {
    throw invalid('amountMinor must be a positive safe integer');
  }
  if (leg.kind === 'post_pending' || leg.kind === 'void_pending') {
    if (leg.kind === 'void_pending' && leg.amountMinor !== undefined) throw invalid('a void takes no amount');
    return;
  }
  if (!('debitAccountId' in leg)) throw invalid('a transfer names its debit and credit accounts');
  if (leg.amountMinor === undefined) throw invalid('amountMinor is required');
  if (leg.debitAccountId === leg.creditAccountId) {
    throw LedgerErrors.LEDGER_ACCOUNTS_SAME({ detail: `${at}: debit and credit are both ${leg.debitAccountId}` });
  }
  if (leg.timeoutSeconds !== undefined) {
    const ok =
      leg.kind === 'pending' &&
      Number.isInteger(leg.timeoutSeconds) &&
      leg.timeoutSeconds >= 1 &&
      leg.timeoutSeconds <= LedgerLimits.pendingTimeoutSecondsMax;
    if (!ok) throw invalid('timeoutSeconds is a positive integer of seconds, on a pending transfer only');
  }
  if (leg.reversesId !== undefined && leg.kind === 'pending') throw invalid('a reversal is a posted transfer');
}

function assertUniqueIds(legs: readonly TransferInput[]): void {
  const ids = new Set(legs.map((leg) => leg.id));
  if (ids.size !== legs.length) {
    throw LedgerErrors.LEDGER_TRANSFER_INVALID({ detail: 'two legs of one group share an id' });
  }
}

/** The pending transfers and reversal originals the legs name, by id. They never change once written. */
async function loadReferenced(tx: Executor, legs: readonly TransferInput[]): Promise<Map<string, Transfer>> {
  const ids = new Set<string>();
  for (const leg of legs) {
    if ('pendingId' in leg) ids.add(leg.pendingId);
    if ('reversesId' in leg && leg.reversesId !== undefined) ids.add(leg.reversesId);
  }
  if (ids.size === 0) return new Map();
  const rows = await tx
    .select()
    .from(ledgerTransfers)
    .where(inArray(ledgerTransfers.id, [...ids]));
  return new Map(rows.map((row) => [row.id, rowToTransfer(row)]));
}

function involvedAccountIds(legs: readonly TransferInput[], referenced: Map<string, Transfer>): string[] {
  const ids = new Set<string>();
  for (const leg of legs) {
    if ('pendingId' in leg) {
      const pending = referenced.get(leg.pendingId);
      if (pending?.kind !== 'pending') {
        throw LedgerErrors.LEDGER_PENDING_NOT_FOUND({ detail: `No pending transfer ${leg.pendingId}.` });
      }
      ids.add(pending.debitAccountId).add(pending.creditAccountId);
    } else {
      ids.add(leg.debitAccountId).add(leg.creditAccountId);
    }
  }
  return [...ids].sort();
}

/**
 * Locks the balances rows in account-id order (the lock is taken row by row above the sort) and
 * reads each account's currency and rule with them.
 */
async function lockAccounts(tx: Executor, accountIds: readonly string[]): Promise<Map<string, LockedAccount>> {
  const rows = await tx
    .select({
      accountId: ledgerBalances.accountId,
      debitsPostedMinor: ledgerBalances.debitsPostedMinor,
      creditsPostedMinor: ledgerBalances.creditsPostedMinor,
      debitsPendingMinor: ledgerBalances.debitsPendingMinor,
      creditsPendingMinor: ledgerBalances.creditsPendingMinor,
      currency: ledgerAccounts.currency,
      debitsMustNotExceedCredits: ledgerAccounts.debitsMustNotExceedCredits,
      creditsMustNotExceedDebits: ledgerAccounts.creditsMustNotExceedDebits,
    })
    .from(ledgerBalances)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerBalances.accountId))
    .where(inArray(ledgerBalances.accountId, [...accountIds]))
    .orderBy(asc(ledgerBalances.accountId))
    .for('update', { of: ledgerBalances });
  const locked = new Map<string, LockedAccount>();
  for (const row of rows) {
    const balances = {
      debitsPostedMinor: Number(row.debitsPostedMinor),
      creditsPostedMinor: Number(row.creditsPostedMinor),
      debitsPendingMinor: Number(row.debitsPendingMinor),
      creditsPendingMinor: Number(row.creditsPendingMinor),
    };
    locked.set(row.accountId, {
      id: row.accountId,
      currency: row.currency,
      debitsMustNotExceedCredits: row.debitsMustNotExceedCredits,
      creditsMustNotExceedDebits: row.creditsMustNotExceedDebits,
      before: { ...balances },
      balances,
    });
  }
  return assertAllLocked(accountIds, locked);
}

function assertAllLocked(accountIds: readonly string[], locked: Map<string, LockedAccount>) {
  const missing = accountIds.filter((id) => !locked.has(id));
  if (missing.length > 0) {
    throw LedgerErrors.LEDGER_ACCOUNT_NOT_FOUND({ detail: `No ledger account ${missing.join(', ')}.` });
  }
  return locked;
}

interface HaltAndLockRow {
  halt_reason: string | null;
  halt_detected_ms: number | string | null;
  account_id: string | null;
  debits_posted_minor: number | string | null;
  credits_posted_minor: number | string | null;
  debits_pending_minor: number | string | null;
  credits_pending_minor: number | string | null;
  currency: Currency | null;
  debits_must_not_exceed_credits: boolean | null;
  credits_must_not_exceed_debits: boolean | null;
}

/**
 * One statement: the ledger's open halt (as openHalt reads it) and the balances rows locked in
 * account-id order with each account's currency and rule (as lockAccounts). A halt is reported
 * before a missing account, as when they were two statements; the transaction rolls back on it.
 */
async function lockAccountsUnlessHalted(
  tx: Executor,
  accountIds: readonly string[],
): Promise<Map<string, LockedAccount>> {
  const ids = sql.join(
    accountIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await queryRows<HaltAndLockRow>(
    tx,
    sql`with l as (
          select b.account_id, b.debits_posted_minor, b.credits_posted_minor, b.debits_pending_minor,
                 b.credits_pending_minor, a.currency, a.debits_must_not_exceed_credits, a.credits_must_not_exceed_debits
            from ${ledgerBalances} as b
            join ${ledgerAccounts} as a on a.id = b.account_id
           where b.account_id in (${ids})
           order by b.account_id
             for update of b
        ), h as (
          select reason, floor(extract(epoch from detected_at) * 1000)::float8 as detected_ms
            from halts
           where scope = ${ledgerHaltScope} and cleared_at is null
           limit 1
        )
        select h.reason as halt_reason, h.detected_ms as halt_detected_ms, l.*
          from (select 1) as one
          left join h on true
          left join l on true
         order by l.account_id`,
  );
  const halt = rows[0];
  if (halt?.halt_reason != null) {
    throw halted({ reason: halt.halt_reason, detectedAt: new Date(Number(halt.halt_detected_ms)) });
  }
  const locked = new Map<string, LockedAccount>();
  for (const row of rows) {
    if (row.account_id === null) continue;
    const balances = {
      debitsPostedMinor: Number(row.debits_posted_minor),
      creditsPostedMinor: Number(row.credits_posted_minor),
      debitsPendingMinor: Number(row.debits_pending_minor),
      creditsPendingMinor: Number(row.credits_pending_minor),
    };
    locked.set(row.account_id, {
      id: row.account_id,
      currency: row.currency as Currency,
      debitsMustNotExceedCredits: row.debits_must_not_exceed_credits === true,
      creditsMustNotExceedDebits: row.credits_must_not_exceed_debits === true,
      before: { ...balances },
      balances,
    });
  }
  return assertAllLocked(accountIds, locked);
}

async function findExisting(tx: Executor, legs: readonly TransferInput[]): Promise<Transfer[]> {
  const rows = await tx
    .select()
    .from(ledgerTransfers)
    .where(
      inArray(
        ledgerTransfers.id,
        legs.map((leg) => leg.id),
      ),
    );
  return rows.map(rowToTransfer);
}

function replayOrConflict(
  legs: readonly TransferInput[],
  existing: readonly Transfer[],
  referenced: Map<string, Transfer>,
  linkedGroupId: string | null,
): CreateTransfersResult {
  const byId = new Map(existing.map((t) => [t.id, t]));
  const ordered: Transfer[] = [];
  for (const leg of legs) {
    const found = byId.get(leg.id);
    const difference = found ? differenceFrom(leg, found, referenced, linkedGroupId) : 'missing from the first group';
    if (difference !== null) {
      throw LedgerErrors.LEDGER_TRANSFER_ID_CONFLICT({
        detail: `Transfer ${leg.id} was recorded with a different ${difference}.`,
      });
    }
    ordered.push(found as Transfer);
  }
  return { transfers: ordered, replayed: true };
}

/** The first field in which a repeated leg differs from the recorded transfer, or null when identical. */
function differenceFrom(
  leg: TransferInput,
  t: Transfer,
  referenced: Map<string, Transfer>,
  linkedGroupId: string | null,
): string | null {
  const kind = leg.kind ?? 'posted';
  if (kind !== t.kind) return 'kind';
  if (linkedGroupId !== t.linkedGroupId) return 'linked group';
  if (leg.kind === 'expire_pending') return leg.pendingId === t.pendingId ? null : 'pending transfer';
  if ('pendingId' in leg) {
    const pending = referenced.get(leg.pendingId);
    assert(pending, 'a resolved pending transfer was loaded');
    if (leg.pendingId !== t.pendingId) return 'pending transfer';
    const amountMinor = leg.kind === 'void_pending' ? 0 : (leg.amountMinor ?? pending.amountMinor);
    if (amountMinor !== t.amountMinor) return 'amount';
    if ((leg.code ?? pending.code) !== t.code) return 'code';
    if ((leg.reference === undefined ? pending.reference : leg.reference) !== t.reference) return 'reference';
  } else {
    if (leg.debitAccountId !== t.debitAccountId) return 'debit account';
    if (leg.creditAccountId !== t.creditAccountId) return 'credit account';
    if (leg.amountMinor !== t.amountMinor) return 'amount';
    if (leg.currency !== undefined && leg.currency !== t.currency) return 'currency';
    if (leg.code !== t.code) return 'code';
    if ((leg.reference ?? null) !== t.reference) return 'reference';
    if ((leg.timeoutSeconds ?? null) !== t.timeoutSeconds) return 'timeout';
    if ((leg.reversesId ?? null) !== t.reversesId) return 'reversed transfer';
  }
  if (canonicalJson(leg.metadata ?? {}) !== canonicalJson(t.metadata)) return 'metadata';
  if (leg.effectiveAt !== undefined && leg.effectiveAt.getTime() !== t.effectiveAt.getTime()) return 'effective time';
  return null;
}

/** Pending transfers named by the legs that some earlier transfer already resolved. Read after the lock. */
async function findResolvedPending(tx: Executor, legs: readonly TransferInput[]): Promise<Set<string>> {
  const pendingIds = legs.flatMap((leg) => ('pendingId' in leg ? [leg.pendingId] : []));
  if (pendingIds.length === 0) return new Set();
  const rows = await tx
    .select({ pendingId: ledgerTransfers.pendingId })
    .from(ledgerTransfers)
    .where(and(isNotNull(ledgerTransfers.pendingId), inArray(ledgerTransfers.pendingId, pendingIds)));
  return new Set(rows.map((row) => row.pendingId as string));
}

/** How much of each reversed original earlier reversals already undid. Read after the lock. */
async function sumReversals(tx: Executor, legs: readonly TransferInput[]): Promise<Map<string, number>> {
  const originals = legs.flatMap((leg) => ('reversesId' in leg && leg.reversesId ? [leg.reversesId] : []));
  if (originals.length === 0) return new Map();
  const rows = await tx
    .select({ reversesId: ledgerTransfers.reversesId, totalMinor: sql<string>`sum(${ledgerTransfers.amountMinor})` })
    .from(ledgerTransfers)
    .where(inArray(ledgerTransfers.reversesId, originals))
    .groupBy(ledgerTransfers.reversesId);
  return new Map(rows.map((row) => [row.reversesId as string, Number(row.totalMinor)]));
}

function justRecorded() {
  return LedgerErrors.LEDGER_TRANSFER_ID_CONFLICT({ detail: 'A transfer with one of these ids was just recorded.' });
}

/**
 * One statement, run while the balances rows are locked: when none of the legs' ids is recorded yet,
 * writes the changed balances and answers 'written'; when one is, writes nothing and answers
 * 'recorded'. Its snapshot is taken after the locks are held, so it sees what a transaction that held
 * them before us committed — the look-up of step 4 and the balances of step 6 in one round trip.
 */
async function writeBalancesUnlessRecorded(
  tx: Executor,
  legs: readonly TransferInput[],
  locked: Map<string, LockedAccount>,
): Promise<'written' | 'recorded'> {
  const ids = sql.join(
    legs.map((leg) => sql`${leg.id}`),
    sql`, `,
  );
  const changed = [...locked.values()].filter((a) => !sameBalances(a));
  const update =
    changed.length === 0
      ? sql`select null::text as account_id where false`
      : sql`update ${ledgerBalances} as b
               set debits_posted_minor = v.dp, credits_posted_minor = v.cp,
                   debits_pending_minor = v.dpe, credits_pending_minor = v.cpe
              from (values ${balanceValues(changed)}) as v(id, dp, cp, dpe, cpe)
             where b.account_id = v.id and not exists (select 1 from recorded)
            returning b.account_id`;
  const [row] = await queryRows<{ recorded: number | string; updated: number | string }>(
    tx,
    sql`with recorded as (
          select id from ${ledgerTransfers} where id in (${ids})
        ), upd as (${update})
        select (select count(*) from recorded)::int as recorded, (select count(*) from upd)::int as updated`,
  );
  if (Number(row?.recorded) > 0) return 'recorded';
  assert(Number(row?.updated) === changed.length, 'every changed balances row was written');
  return 'written';
}

function balanceValues(changed: readonly LockedAccount[]) {
  return sql.join(
    changed.map(
      (a) =>
        sql`(${a.id}, ${a.balances.debitsPostedMinor}::bigint, ${a.balances.creditsPostedMinor}::bigint, ${a.balances.debitsPendingMinor}::bigint, ${a.balances.creditsPendingMinor}::bigint)`,
    ),
    sql`, `,
  );
}

async function insertTransfers(
  tx: Executor,
  planned: readonly PlannedLeg[],
  linkedGroupId: string | null,
  now: Date,
): Promise<Transfer[]> {
  const values = planned.map((leg) => ({ ...leg, linkedGroupId, recordedAt: now }));
  const rows = await tx
    .insert(ledgerTransfers)
    .values(values)
    .onConflictDoNothing({ target: ledgerTransfers.id })
    .returning();
  // Another transaction recorded one of these ids between our check and our insert. That can only
  // be a transfer on other accounts (same accounts would have waited for our locks), so the fields
  // differ: a conflict. Throwing rolls back the balances (written just before on the plain path,
  // about to be written on the general one) with the caller's transaction.
  if (rows.length !== values.length) throw justRecorded();
  const byId = new Map(rows.map((row) => [row.id, rowToTransfer(row)]));
  return planned.map((leg) => {
    const transfer = byId.get(leg.id);
    assert(transfer, 'every inserted leg is returned');
    return transfer;
  });
}

/** Writes the changed balances rows in one statement. Only rows this transaction holds locked. */
async function writeBalances(tx: Executor, locked: Map<string, LockedAccount>): Promise<void> {
  const changed = [...locked.values()].filter((a) => !sameBalances(a));
  // A group may leave every balance as it was — a new hold and the void of an older one of the same
  // amount on the same accounts (a renewal): its transfers are recorded, no row needs writing.
  if (changed.length === 0) return;
  const values = sql.join(
    changed.map(
      (a) =>
        sql`(${a.id}, ${a.balances.debitsPostedMinor}::bigint, ${a.balances.creditsPostedMinor}::bigint, ${a.balances.debitsPendingMinor}::bigint, ${a.balances.creditsPendingMinor}::bigint)`,
    ),
    sql`, `,
  );
  const result = await tx.execute(sql`
    update ${ledgerBalances} as b
       set debits_posted_minor = v.dp, credits_posted_minor = v.cp,
           debits_pending_minor = v.dpe, credits_pending_minor = v.cpe
      from (values ${values}) as v(id, dp, cp, dpe, cpe)
     where b.account_id = v.id`);
  const updated =
    (result as unknown as { rowCount?: number; affectedRows?: number }).rowCount ??
    (result as unknown as { affectedRows?: number }).affectedRows;
  assert(updated === undefined || updated === changed.length, 'every changed balances row was written');
}

function sameBalances(a: LockedAccount): boolean {
  return (
    a.before.debitsPostedMinor === a.balances.debitsPostedMinor &&
    a.before.creditsPostedMinor === a.balances.creditsPostedMinor &&
    a.before.debitsPendingMinor === a.balances.debitsPendingMinor &&
    a.before.creditsPendingMinor === a.balances.creditsPendingMinor
  );
}
