// Deposit authorisations (docs/payments.md "Deposit authorisation"): the three functions other
// modules call — `authoriseDeposit`, `captureFromAuthorisation`, `releaseAuthorisation` — each two
// transactions around one channel call (outside systems are never called inside a transaction),
// idempotent by the caller's request number: asking again with the same number and amount answers
// the same record, and retries a call whose answer was `unknown` (the channel is idempotent by our
// number too). A capture posts `channel clearing → the capture's account`; freezing and releasing move
// no money of ours and post nothing. A wallet hold (wallet-holds.ts) has no outside system to call:
// its capture or release is carried out, ledger and all, in the transaction that records it.
import { type Database, type Executor, emitEvent } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { channelClearingAccount, createTransfers } from '@zulin/ledger';
import { runCommand } from '@zulin/platform';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AuthorisationChannelClient } from './authorisation-clients';
import type { ChannelCall } from './channel-clients';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import {
  type AuthorisationInstrumentName,
  type AuthorisationState,
  paymentsAuthorisationOperations,
  paymentsAuthorisations,
} from './schema';
import { applyWalletOperation, type WalletInstrument } from './wallet-holds';

export type DepositAuthorisation = typeof paymentsAuthorisations.$inferSelect;
export type AuthorisationOperation = typeof paymentsAuthorisationOperations.$inferSelect;

export interface AuthorisationDeps {
  clock: Clock;
  /** The channel's client, or the wallet (whose holds are ledger holds of ours). */
  client: AuthorisationChannelClient | WalletInstrument;
}

export interface AuthoriseDepositRequest {
  customerId: string;
  /** The whole hold in 分 (credit and frozen funds together). */
  amountMinor: number;
  /** The caller's number for this hold, e.g. `rental_<id>_deposit`: the same number answers the same hold. */
  outRequestNo: string;
  description: string;
  /** The caller's object (a rental order id), told back in events. */
  reference: string;
  /** Who pays at the channel: the Alipay auth code the payer's app gave, or the WeChat openid. */
  payerToken: string;
}

export interface CaptureRequest {
  authorisationId: string;
  /** The caller's number for this capture (unique per authorisation). */
  outRequestNo: string;
  amountMinor: number;
  /** The ledger account the captured money credits (through the channel's clearing account). */
  creditAccountId: string;
  description: string;
}

export interface ReleaseRequest {
  authorisationId: string;
  outRequestNo: string;
  /** What to give back; left out: everything not captured. */
  amountMinor?: number;
}

export interface AuthorisationResult {
  authorisation: DepositAuthorisation;
  operation: AuthorisationOperation;
}

const openStates: readonly AuthorisationState[] = ['authorised', 'partially_captured'];
const requestNoPattern = /^[0-9A-Za-z_-]{1,64}$/;

export function checkRequestNo(outRequestNo: string): void {
  if (!requestNoPattern.test(outRequestNo)) {
    throw PaymentsErrors.PAYMENTS_REQUEST_NUMBER_INVALID({
      errors: [{ path: '/outRequestNo', message: 'letters, digits, _ and -, up to 64' }],
    });
  }
}

export function checkAmount(amountMinor: number, min: number): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < min || amountMinor > PaymentsLimits.paymentMaxMinor) {
    throw PaymentsErrors.PAYMENTS_AMOUNT_INVALID({
      detail: `An authorisation amount is from ${min} to ${PaymentsLimits.paymentMaxMinor} fen.`,
      errors: [{ path: '/amountMinor', message: 'out of range' }],
    });
  }
}

/**
 * The authorisation of a request number: the one already recorded (the same amount, customer and
 * instrument, else PAYMENTS_REQUEST_NUMBER_REUSED), or a new one `requested`, in the caller's
 * transaction. `created` says which.
 */
export async function recordAuthorisation(
  tx: Executor,
  clock: Clock,
  channel: AuthorisationInstrumentName,
  request: Omit<AuthoriseDepositRequest, 'payerToken'>,
): Promise<{ authorisation: DepositAuthorisation; created: boolean }> {
  const [existing] = await tx
    .select()
    .from(paymentsAuthorisations)
    .where(eq(paymentsAuthorisations.outRequestNo, request.outRequestNo));
  if (existing) {
    if (
      existing.amountMinor !== request.amountMinor ||
      existing.customerId !== request.customerId ||
      existing.channel !== channel
    ) {
      throw PaymentsErrors.PAYMENTS_REQUEST_NUMBER_REUSED();
    }
    return { authorisation: existing, created: false };
  }
  const id = newId('pau', clock);
  const now = clock.now();
  const [created] = await tx
    .insert(paymentsAuthorisations)
    .values({
      id,
      channel,
      customerId: request.customerId,
      outRequestNo: request.outRequestNo,
      outOrderNo: `ZA${id.slice(4)}`.slice(0, PaymentsLimits.outTradeNoLengthMax),
      description: request.description.slice(0, PaymentsLimits.descriptionLengthMax),
      reference: request.reference,
      amountMinor: request.amountMinor,
      state: 'requested',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  assert(created, 'the authorisation was inserted');
  return { authorisation: created, created: true };
}

export async function lockAuthorisation(tx: Executor, id: string): Promise<DepositAuthorisation> {
  const [found] = await tx.select().from(paymentsAuthorisations).where(eq(paymentsAuthorisations.id, id)).for('update');
  if (!found) throw PaymentsErrors.PAYMENTS_AUTHORISATION_NOT_FOUND();
  return found;
}

export async function getAuthorisation(db: Executor, id: string): Promise<DepositAuthorisation> {
  const [found] = await db.select().from(paymentsAuthorisations).where(eq(paymentsAuthorisations.id, id));
  if (!found) throw PaymentsErrors.PAYMENTS_AUTHORISATION_NOT_FOUND();
  return found;
}

/** What may still be captured or released: the hold less what is done and what is in flight. */
async function available(tx: Executor, a: DepositAuthorisation): Promise<number> {
  const [row] = await tx
    .select({ inFlight: sql<string>`coalesce(sum(${paymentsAuthorisationOperations.amountMinor}), 0)` })
    .from(paymentsAuthorisationOperations)
    .where(
      and(
        eq(paymentsAuthorisationOperations.authorisationId, a.id),
        inArray(paymentsAuthorisationOperations.state, ['pending', 'unknown']),
      ),
    );
  return a.amountMinor - a.capturedMinor - a.releasedMinor - Number(row?.inFlight ?? 0);
}

export async function update(
  tx: Executor,
  clock: Clock,
  a: DepositAuthorisation,
  changes: Partial<DepositAuthorisation>,
): Promise<DepositAuthorisation> {
  const now = clock.now();
  const state = changes.state ?? a.state;
  const final = state === 'released' || state === 'settled' || state === 'failed';
  const [updated] = await tx
    .update(paymentsAuthorisations)
    .set({ ...changes, updatedAt: now, ...(final ? { completedAt: now } : {}) })
    .where(eq(paymentsAuthorisations.id, a.id))
    .returning();
  assert(updated, 'the authorisation was updated');
  assert(
    updated.capturedMinor + updated.releasedMinor <= updated.amountMinor,
    `authorisation ${a.id}: captures and releases exceed the hold`,
  );
  await emitEvent(tx, now, {
    type: 'payments.authorisation_changed',
    aggregateType: 'payment_authorisation',
    aggregateId: a.id,
    payload: {
      authorisationId: a.id,
      customerId: a.customerId,
      reference: a.reference,
      channel: a.channel,
      state: updated.state,
      amountMinor: updated.amountMinor,
      capturedMinor: updated.capturedMinor,
      releasedMinor: updated.releasedMinor,
    },
  });
  return updated;
}

/**
 * Records (or finds again) a capture or release operation, reserving its amount, in one transaction.
 * Returns undefined for the operation when it is already decided (nothing to call).
 */
export async function beginOperation(
  database: Database,
  deps: AuthorisationDeps,
  kind: 'capture' | 'release',
  request: { authorisationId: string; outRequestNo: string; amountMinor?: number; creditAccountId?: string },
): Promise<AuthorisationResult & { call: boolean }> {
  checkRequestNo(request.outRequestNo);
  return runCommand(database, async (tx) => {
    const a = await lockAuthorisation(tx, request.authorisationId);
    const [existing] = await tx
      .select()
      .from(paymentsAuthorisationOperations)
      .where(
        and(
          eq(paymentsAuthorisationOperations.authorisationId, a.id),
          eq(paymentsAuthorisationOperations.outRequestNo, request.outRequestNo),
        ),
      );
    if (existing) {
      if (existing.kind !== kind || (request.amountMinor !== undefined && existing.amountMinor !== request.amountMinor))
        throw PaymentsErrors.PAYMENTS_REQUEST_NUMBER_REUSED();
      return {
        authorisation: a,
        operation: existing,
        call: existing.state === 'pending' || existing.state === 'unknown',
      };
    }
    if (!openStates.includes(a.state)) throw PaymentsErrors.PAYMENTS_AUTHORISATION_NOT_OPEN();
    const left = await available(tx, a);
    const amountMinor = request.amountMinor ?? left;
    checkAmount(amountMinor, 1);
    if (amountMinor > left) {
      throw PaymentsErrors.PAYMENTS_AUTHORISATION_EXCEEDED({
        detail: `${left} fen of this authorisation may still be captured or released.`,
      });
    }
    if (!deps.client.partial) {
      // Pay Score completes once (the rest is released) and cancels whole, before any capture.
      const whole = left === a.amountMinor - a.capturedMinor - a.releasedMinor;
      if (!whole || (kind === 'release' && (amountMinor !== left || a.capturedMinor > 0))) {
        throw PaymentsErrors.PAYMENTS_AUTHORISATION_UNSUPPORTED();
      }
    }
    const id = newId('pao', deps.clock);
    const now = deps.clock.now();
    const [operation] = await tx
      .insert(paymentsAuthorisationOperations)
      .values({
        id,
        authorisationId: a.id,
        kind,
        outRequestNo: request.outRequestNo,
        channelRequestNo: `${kind === 'capture' ? 'ZC' : 'ZR'}${id.slice(4)}`.slice(
          0,
          PaymentsLimits.outTradeNoLengthMax,
        ),
        amountMinor,
        creditAccountId: request.creditAccountId ?? null,
        state: 'pending',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    assert(operation, 'the operation was inserted');
    if (a.channel === 'wallet') {
      // Nothing outside to ask: the ledger moves and the operation is decided in this transaction.
      const done = await applyWalletOperation(tx, deps.clock, a, operation);
      const [succeeded] = await tx
        .update(paymentsAuthorisationOperations)
        .set({ state: 'succeeded', transferId: done.transferId, updatedAt: now })
        .where(eq(paymentsAuthorisationOperations.id, operation.id))
        .returning();
      assert(succeeded, 'the operation was updated');
      return { authorisation: done.authorisation, operation: succeeded, call: false };
    }
    return { authorisation: a, operation, call: true };
  });
}

export async function finishOperation(
  database: Database,
  deps: AuthorisationDeps,
  operationId: string,
  answer: ChannelCall<{ channelTradeNo?: string }>,
): Promise<AuthorisationResult> {
  return runCommand(database, async (tx) => {
    const [op] = await tx
      .select()
      .from(paymentsAuthorisationOperations)
      .where(eq(paymentsAuthorisationOperations.id, operationId))
      .for('update');
    assert(op, 'the operation exists');
    const a = await lockAuthorisation(tx, op.authorisationId);
    if (op.state !== 'pending' && op.state !== 'unknown') return { authorisation: a, operation: op };
    const now = deps.clock.now();
    const setOp = async (changes: Partial<AuthorisationOperation>) => {
      const [updated] = await tx
        .update(paymentsAuthorisationOperations)
        .set({ ...changes, updatedAt: now })
        .where(eq(paymentsAuthorisationOperations.id, op.id))
        .returning();
      assert(updated, 'the operation was updated');
      return updated;
    };
    if (answer.outcome === 'unknown')
      return { authorisation: a, operation: await setOp({ state: 'unknown', failureReason: answer.reason }) };
    if (answer.outcome === 'refused') {
      return {
        authorisation: a,
        operation: await setOp({ state: 'failed', failureReason: `${answer.code} ${answer.message}`.trim() }),
      };
    }
    let captured = a.capturedMinor;
    let released = a.releasedMinor;
    let transferId: string | null = null;
    if (op.kind === 'capture') {
      assert(op.creditAccountId, 'a capture names its account');
      const clearing = await channelClearingAccount(tx, deps.clock, a.channel);
      transferId = `txn_authcap_${op.id}`;
      await createTransfers(tx, deps.clock, [
        {
          id: transferId,
          debitAccountId: clearing.id,
          creditAccountId: op.creditAccountId,
          amountMinor: op.amountMinor,
          code: 'payments.deposit_capture',
          reference: a.id,
          metadata: {
            outOrderNo: a.outOrderNo,
            channelTradeNo: answer.value.channelTradeNo ?? '',
            reference: a.reference,
          },
        },
      ]);
      captured += op.amountMinor;
      // Pay Score releases the rest with the completion.
      if (!deps.client.partial) released = a.amountMinor - captured;
    } else {
      released += op.amountMinor;
    }
    const operation = await setOp({
      state: 'succeeded',
      channelTradeNo: answer.value.channelTradeNo ?? null,
      transferId,
      failureReason: null,
    });
    const left = a.amountMinor - captured - released;
    const state: AuthorisationState =
      left > 0 ? (captured > 0 ? 'partially_captured' : 'authorised') : captured > 0 ? 'settled' : 'released';
    const authorisation = await update(tx, deps.clock, a, { capturedMinor: captured, releasedMinor: released, state });
    return { authorisation, operation };
  });
}
