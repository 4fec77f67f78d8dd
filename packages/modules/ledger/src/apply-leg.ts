// Applies one leg to the locked balances in memory and returns the row to insert. Pure: no I/O.
// Every check that can fail for business reasons is an AppError; what must hold by construction is
// asserted, before the change and after it.
import { assert, assertNever } from '@zulin/kernel';
import type { ResolvePending, TransferInput } from './create-transfers';
import { LedgerErrors } from './errors';
import type { Balances, Currency, Transfer, TransferKind } from './types';

export interface LockedAccount {
  id: string;
  currency: Currency;
  debitsMustNotExceedCredits: boolean;
  creditsMustNotExceedDebits: boolean;
  /** As read under the lock. */
  before: Balances;
  /** As changed by the legs applied so far. */
  balances: Balances;
}

export interface ApplyState {
  accounts: Map<string, LockedAccount>;
  /** Pending transfers and reversal originals named by the legs. */
  referenced: Map<string, Transfer>;
  /** Pending transfers already resolved, including by earlier legs of this group. */
  resolvedPendingIds: Set<string>;
  /** Amount already reversed per original, including by earlier legs of this group. */
  reversedMinorByOriginal: Map<string, number>;
}

/** A transfer row as inserted (the database adds seq; the caller adds the group and recorded time). */
export interface PlannedLeg {
  id: string;
  kind: TransferKind;
  debitAccountId: string;
  creditAccountId: string;
  amountMinor: number;
  currency: Currency;
  code: string;
  reference: string | null;
  metadata: Record<string, unknown>;
  pendingId: string | null;
  releasedPendingMinor: number;
  timeoutSeconds: number | null;
  timeoutAt: Date | null;
  reversesId: string | null;
  effectiveAt: Date;
  effectiveAtGiven: boolean;
}

export function applyLeg(state: ApplyState, leg: TransferInput, now: Date): PlannedLeg {
  const kind = leg.kind ?? 'posted';
  switch (kind) {
    case 'posted':
    case 'pending':
      return applyNew(state, leg as Extract<TransferInput, { debitAccountId: string }>, now);
    case 'post_pending':
    case 'void_pending':
    case 'expire_pending':
      return applyResolution(state, leg as Extract<TransferInput, { pendingId: string }>, now);
    default:
      return assertNever(kind);
  }
}

function applyNew(state: ApplyState, leg: Extract<TransferInput, { debitAccountId: string }>, now: Date): PlannedLeg {
  const debit = account(state, leg.debitAccountId);
  const credit = account(state, leg.creditAccountId);
  if (debit.currency !== credit.currency || (leg.currency !== undefined && leg.currency !== debit.currency)) {
    throw LedgerErrors.LEDGER_CURRENCY_MISMATCH({
      detail: `${leg.id}: ${debit.id} holds ${debit.currency}, ${credit.id} holds ${credit.currency}.`,
    });
  }
  const kind = leg.kind ?? 'posted';
  const amountMinor = leg.amountMinor;
  assert(Number.isSafeInteger(amountMinor) && amountMinor > 0, 'the amount was validated');
  if (leg.reversesId !== undefined) checkReversal(state, leg, amountMinor);
  if (kind === 'posted') {
    debit.balances.debitsPostedMinor = add(debit.balances.debitsPostedMinor, amountMinor);
    credit.balances.creditsPostedMinor = add(credit.balances.creditsPostedMinor, amountMinor);
  } else {
    debit.balances.debitsPendingMinor = add(debit.balances.debitsPendingMinor, amountMinor);
    credit.balances.creditsPendingMinor = add(credit.balances.creditsPendingMinor, amountMinor);
  }
  checkRules(debit, leg.id);
  checkRules(credit, leg.id);
  const timeoutSeconds = leg.timeoutSeconds ?? null;
  return {
    id: leg.id,
    kind,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amountMinor,
    currency: debit.currency,
    code: leg.code,
    reference: leg.reference ?? null,
    metadata: leg.metadata ?? {},
    pendingId: null,
    releasedPendingMinor: 0,
    timeoutSeconds,
    timeoutAt: timeoutSeconds === null ? null : new Date(now.getTime() + timeoutSeconds * 1000),
    reversesId: leg.reversesId ?? null,
    effectiveAt: leg.effectiveAt ?? now,
    effectiveAtGiven: leg.effectiveAt !== undefined,
  };
}

function checkReversal(
  state: ApplyState,
  leg: Extract<TransferInput, { debitAccountId: string }>,
  amountMinor: number,
) {
  const reversesId = leg.reversesId as string;
  const original = state.referenced.get(reversesId);
  if (!original) throw LedgerErrors.LEDGER_TRANSFER_NOT_FOUND({ detail: `No transfer ${reversesId} to reverse.` });
  const postedKind = original.kind === 'posted' || original.kind === 'post_pending';
  if (
    !postedKind ||
    original.debitAccountId !== leg.creditAccountId ||
    original.creditAccountId !== leg.debitAccountId
  ) {
    throw LedgerErrors.LEDGER_REVERSAL_INVALID({
      detail: `${leg.id} must debit ${original.creditAccountId} and credit ${original.debitAccountId} of a posted transfer.`,
    });
  }
  const reversedMinor = add(state.reversedMinorByOriginal.get(reversesId) ?? 0, amountMinor);
  if (reversedMinor > original.amountMinor) {
    throw LedgerErrors.LEDGER_REVERSAL_EXCEEDS_ORIGINAL({
      detail: `${reversesId} moved ${original.amountMinor}; reversals would total ${reversedMinor}.`,
    });
  }
  state.reversedMinorByOriginal.set(reversesId, reversedMinor);
}

function applyResolution(state: ApplyState, leg: Extract<TransferInput, { pendingId: string }>, now: Date): PlannedLeg {
  const pending = state.referenced.get(leg.pendingId);
  assert(pending && pending.kind === 'pending', 'pending transfers were checked before locking');
  if (state.resolvedPendingIds.has(pending.id)) {
    throw LedgerErrors.LEDGER_PENDING_ALREADY_RESOLVED({ detail: `${pending.id} was already resolved.` });
  }
  const timedOut = pending.timeoutAt !== null && pending.timeoutAt.getTime() <= now.getTime();
  if (leg.kind === 'expire_pending' && !timedOut) {
    throw LedgerErrors.LEDGER_PENDING_NOT_EXPIRED({
      detail: `${pending.id} times out at ${pending.timeoutAt?.toISOString()}.`,
    });
  }
  if (leg.kind !== 'expire_pending' && timedOut) {
    throw LedgerErrors.LEDGER_PENDING_EXPIRED({
      detail: `${pending.id} timed out at ${pending.timeoutAt?.toISOString()}.`,
    });
  }
  const postedMinor = leg.kind === 'post_pending' ? (leg.amountMinor ?? pending.amountMinor) : 0;
  if (postedMinor > pending.amountMinor) {
    throw LedgerErrors.LEDGER_POST_EXCEEDS_PENDING({
      detail: `${leg.id} posts ${postedMinor} of a hold of ${pending.amountMinor}.`,
    });
  }
  const debit = account(state, pending.debitAccountId);
  const credit = account(state, pending.creditAccountId);
  // The whole hold leaves pending; what is posted (≤ the hold) enters posted, the rest is released.
  debit.balances.debitsPendingMinor = subtract(debit.balances.debitsPendingMinor, pending.amountMinor);
  credit.balances.creditsPendingMinor = subtract(credit.balances.creditsPendingMinor, pending.amountMinor);
  debit.balances.debitsPostedMinor = add(debit.balances.debitsPostedMinor, postedMinor);
  credit.balances.creditsPostedMinor = add(credit.balances.creditsPostedMinor, postedMinor);
  checkRules(debit, leg.id);
  checkRules(credit, leg.id);
  state.resolvedPendingIds.add(pending.id);
  const given: Partial<ResolvePending> = leg.kind === 'expire_pending' ? {} : leg;
  return {
    id: leg.id,
    kind: leg.kind,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amountMinor: postedMinor,
    currency: pending.currency,
    code: given.code ?? pending.code,
    reference: given.reference === undefined ? pending.reference : given.reference,
    metadata: given.metadata ?? {},
    pendingId: pending.id,
    releasedPendingMinor: pending.amountMinor,
    timeoutSeconds: null,
    timeoutAt: null,
    reversesId: null,
    effectiveAt: given.effectiveAt ?? now,
    effectiveAtGiven: given.effectiveAt !== undefined,
  };
}

function account(state: ApplyState, id: string): LockedAccount {
  const found = state.accounts.get(id);
  assert(found, `account ${id} was locked`);
  return found;
}

/** TigerBeetle's balance rules, on the balances after the leg. */
function checkRules(a: LockedAccount, transferId: string): void {
  const b = a.balances;
  if (a.debitsMustNotExceedCredits && add(b.debitsPostedMinor, b.debitsPendingMinor) > b.creditsPostedMinor) {
    throw LedgerErrors.LEDGER_INSUFFICIENT_FUNDS({
      detail: `${transferId} would leave account ${a.id} with ${b.creditsPostedMinor - b.debitsPostedMinor - b.debitsPendingMinor} available.`,
    });
  }
  if (a.creditsMustNotExceedDebits && add(b.creditsPostedMinor, b.creditsPendingMinor) > b.debitsPostedMinor) {
    throw LedgerErrors.LEDGER_CREDITS_EXCEED_DEBITS({ detail: `${transferId}: account ${a.id}.` });
  }
}

function add(a: number, b: number): number {
  const sum = a + b;
  assert(Number.isSafeInteger(sum), 'a balance stays a safe integer');
  return sum;
}

function subtract(a: number, b: number): number {
  const difference = a - b;
  assert(Number.isSafeInteger(difference), 'a balance stays a safe integer');
  assert(difference >= 0, 'a pending sum never goes below zero: the hold was counted when it was made');
  return difference;
}
