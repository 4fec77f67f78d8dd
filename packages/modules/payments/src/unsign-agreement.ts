// Ending an auto-debit agreement at the customer's request: the request is recorded first
// (`recordUnsignRequested`, `unsign_requested_at`), the channel is asked to unsign it outside any
// transaction (`askUnsign`), then the end is recorded in the caller's transaction (`recordUnsigned`),
// so a route answers it as one command; `unsignAgreement` does all three for callers outside HTTP.
// When the channel times out or answers 5xx the request stays: nothing is charged under the
// agreement, and the `payments.agreements` sweep asks the channel again (`retryRequestedUnsigns`)
// after 2, 4, 8 … min, at most a day apart, until it confirms.
import type { Database, Executor } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { type Agreement, type AgreementDeps, getAgreement, lockAgreement, setState } from './agreements';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { paymentsAgreements } from './schema';

/** Whether unsigning it needs the channel (it was signed there and is not ended). */
export function unsignNeedsChannel(a: Agreement): boolean {
  return a.state !== 'unsigned' && a.channelAgreementNo !== null;
}

/**
 * Records, under the agreement's lock, that the customer asked to end it — before the channel is
 * asked, so that a timeout or a crash cannot lose the request. Kept until the channel confirms (an
 * earlier request keeps its time); the sweep's first retry is `unsignRetryFirstSeconds` after it.
 * The agreement's state and `updatedAt` (its "since") do not change: it is in force until the
 * channel confirms.
 */
export async function recordUnsignRequested(
  tx: Executor,
  deps: Pick<AgreementDeps, 'clock'>,
  agreementId: string,
): Promise<Agreement> {
  const locked = await lockAgreement(tx, agreementId);
  if (!unsignNeedsChannel(locked) || locked.unsignRequestedAt) return locked;
  const now = deps.clock.now();
  const [requested] = await tx
    .update(paymentsAgreements)
    .set({ unsignRequestedAt: now, checkedAt: now })
    .where(eq(paymentsAgreements.id, agreementId))
    .returning();
  assert(requested, 'the unsign request was recorded');
  return requested;
}

/**
 * Asks the channel to end the agreement (nothing to ask when it was never signed or is ended). A
 * timeout or 5xx is 503 `PAYMENTS_CHANNEL_UNAVAILABLE`; a refusal (the channel no longer has it in
 * force) ends it as a confirmation does.
 */
export async function askUnsign(deps: AgreementDeps, a: Agreement): Promise<void> {
  if (!unsignNeedsChannel(a) || !a.channelAgreementNo) return;
  const answer = await deps.client.unsign(a.channelAgreementNo);
  if (answer.outcome === 'unknown') {
    throw PaymentsErrors.PAYMENTS_CHANNEL_UNAVAILABLE({
      detail:
        'Your request to end auto-debit is recorded: nothing will be charged under this agreement, and we will ask the channel again until it confirms.',
    });
  }
}

/** Records the agreement ended (and the request, if any, done), under its lock; no charge is recorded under it afterwards. */
export async function recordUnsigned(
  tx: Executor,
  deps: Pick<AgreementDeps, 'clock'>,
  agreementId: string,
): Promise<Agreement> {
  const locked = await lockAgreement(tx, agreementId);
  if (locked.state === 'unsigned' && !locked.unsignRequestedAt) return locked;
  return setState(tx, deps.clock, locked, { state: 'unsigned', unsignRequestedAt: null });
}

/** Ends an agreement at the channel; no charge is sent under it afterwards (503 with the request kept when the channel does not answer). */
export async function unsignAgreement(
  database: Database,
  deps: AgreementDeps,
  agreementId: string,
): Promise<Agreement> {
  const a = await getAgreement(database.db, agreementId);
  if (a.state === 'unsigned') return a;
  if (unsignNeedsChannel(a)) {
    await runCommand(database, (tx) => recordUnsignRequested(tx, deps, a.id));
    await askUnsign(deps, a);
  }
  return runCommand(database, (tx) => recordUnsigned(tx, deps, a.id));
}

/**
 * When a requested unsign is next asked at the channel: `unsignRetryFirstSeconds` after the request,
 * then each wait as long as all the time since the request (2, 4, 8, 16 … min after it), at most
 * `unsignRetryMaxSeconds` (a day) between two attempts. `checkedAt` is the last attempt (the
 * request's own, at first).
 */
export function nextUnsignAttemptAt(requestedAt: Date, checkedAt: Date | null): Date {
  const last = (checkedAt ?? requestedAt).getTime();
  const wait = Math.min(
    Math.max(PaymentsLimits.unsignRetryFirstSeconds * 1000, last - requestedAt.getTime()),
    PaymentsLimits.unsignRetryMaxSeconds * 1000,
  );
  return new Date(last + wait);
}

/**
 * The `payments.agreements` sweep's second half: asks the channel again to unsign the agreements
 * whose unsign the customer requested and the channel did not confirm, once due
 * (`nextUnsignAttemptAt`); a confirmation (or a refusal: it is no longer in force there) ends the
 * agreement and clears the request, a timeout or 5xx waits for the next attempt.
 */
export async function retryRequestedUnsigns(
  database: Database,
  deps: AgreementDeps,
): Promise<{ unsignsAsked: number; unsigned: number }> {
  const now = deps.clock.now();
  const requested = await database.db
    .select()
    .from(paymentsAgreements)
    .where(and(isNotNull(paymentsAgreements.unsignRequestedAt), eq(paymentsAgreements.channel, deps.client.name)))
    .orderBy(asc(paymentsAgreements.checkedAt), asc(paymentsAgreements.id))
    .limit(PaymentsLimits.unsignRetryBatch);
  const due = requested.filter(
    (a) => a.unsignRequestedAt && nextUnsignAttemptAt(a.unsignRequestedAt, a.checkedAt).getTime() <= now.getTime(),
  );
  let unsigned = 0;
  for (const a of due) {
    const answer =
      unsignNeedsChannel(a) && a.channelAgreementNo
        ? await deps.client.unsign(a.channelAgreementNo)
        : ({ outcome: 'ok', value: { unsigned: true } } as const);
    const after = await runCommand(database, async (tx) => {
      if (answer.outcome !== 'unknown') return recordUnsigned(tx, deps, a.id);
      const locked = await lockAgreement(tx, a.id);
      if (!locked.unsignRequestedAt) return locked;
      await tx.update(paymentsAgreements).set({ checkedAt: now }).where(eq(paymentsAgreements.id, a.id));
      return locked;
    });
    if (after.state === 'unsigned') unsigned++;
  }
  return { unsignsAsked: due.length, unsigned };
}
