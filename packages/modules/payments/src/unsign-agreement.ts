// Ending an auto-debit agreement at the customer's request: the request is recorded first
// (`recordUnsignRequested`, `unsign_requested_at`), the channel is asked to unsign it outside any
// transaction (`askUnsign`), then the end is recorded in the caller's transaction (`recordUnsigned`),
// so a route answers it as one command; `unsignAgreement` does all three for callers outside HTTP.
// When the channel times out or answers 5xx the request stays: nothing is charged under the
// agreement, and the `payments.agreements` sweep asks the channel again (`retryRequestedUnsigns`)
// after 2, 4, 8 … min, at most a day apart, until it confirms; each failed attempt is counted with
// its reason, and a request still not confirmed after `unsignStuckAlertHours` alerts staff once
// (`raiseStuckUnsignAlerts`), resolved when the channel confirms.
import { type Database, type Executor, emitEvent, queryRows } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import {
  type Agreement,
  type AgreementDeps,
  endUnsignRequest,
  getAgreement,
  lockAgreement,
  setState,
} from './agreements';
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
    .set({ unsignRequestedAt: now, checkedAt: now, unsignAttempts: 0, unsignLastError: null, unsignAlertedAt: null })
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
export async function askUnsign(
  deps: AgreementDeps,
  a: Agreement,
  onUnknown?: (reason: string) => Promise<unknown>,
): Promise<void> {
  if (!unsignNeedsChannel(a) || !a.channelAgreementNo) return;
  const answer = await deps.client.unsign(a.channelAgreementNo);
  if (answer.outcome === 'unknown') {
    await onUnknown?.(answer.reason);
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
  return setState(tx, deps.clock, locked, { state: 'unsigned', ...(await endUnsignRequest(tx, deps.clock, locked)) });
}

/**
 * Records, under the agreement's lock, that the channel was asked to unsign it and did not answer (a
 * timeout or 5xx): one more attempt, its reason, and when (the next attempt waits from it). Nothing
 * when the request was meanwhile confirmed.
 */
export async function recordUnsignAttemptFailed(
  tx: Executor,
  deps: Pick<AgreementDeps, 'clock'>,
  agreementId: string,
  reason: string,
): Promise<Agreement> {
  const locked = await lockAgreement(tx, agreementId);
  if (!locked.unsignRequestedAt) return locked;
  const [failed] = await tx
    .update(paymentsAgreements)
    .set({
      checkedAt: deps.clock.now(),
      unsignAttempts: sql`${paymentsAgreements.unsignAttempts} + 1`,
      unsignLastError: reason.slice(0, PaymentsLimits.unsignLastErrorLengthMax),
    })
    .where(eq(paymentsAgreements.id, agreementId))
    .returning();
  assert(failed, 'the failed attempt was recorded');
  return failed;
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
    await askUnsign(deps, a, (reason) =>
      runCommand(database, (tx) => recordUnsignAttemptFailed(tx, deps, a.id, reason)),
    );
  }
  return runCommand(database, (tx) => recordUnsigned(tx, deps, a.id));
}

/**
 * When a requested unsign is next asked at the channel — the one definition of the schedule, used by
 * the sweep to pick the attempts that are due (the longest overdue first) and by
 * `nextUnsignAttemptAt`: `unsignRetryFirstSeconds` after the request, then each wait as long as all
 * the time since the request (2, 4, 8, 16 … min after it), at most `unsignRetryMaxSeconds` (a day)
 * between two attempts. `checked` is the last attempt (the request's own, at first). The waits are
 * counted in seconds, so the session's time zone cannot stretch one: `+ interval '1 day'` is 23 or
 * 25 hours across a daylight-saving change. The sweep used to recompute the schedule in JS and assert
 * that each picked row was due; at a wait of exactly a day across such a change the two disagreed and
 * the assertion stopped the whole sweep run (agreement-sweep.test.ts).
 */
function unsignSchedule(requested: SQL, checked: SQL): SQL<Date> {
  const last = sql`coalesce(${checked}, ${requested})`;
  return sql<Date>`(${last} + least(
      greatest(${PaymentsLimits.unsignRetryFirstSeconds}::float8, extract(epoch from ${last} - ${requested})::float8),
      ${PaymentsLimits.unsignRetryMaxSeconds}::float8) * interval '1 second')`;
}

/** Ordering by the last attempt instead starved new requests (a batch of day-apart old ones came first). */
const nextUnsignAttempt = unsignSchedule(
  sql`${paymentsAgreements.unsignRequestedAt}`,
  sql`${paymentsAgreements.checkedAt}`,
);

/** When a requested unsign with these times is next asked at the channel (the sweep's own schedule, asked of the database). */
export async function nextUnsignAttemptAt(db: Executor, requestedAt: Date, checkedAt: Date | null): Promise<Date> {
  const at = (d: Date | null) => (d ? sql`${d.toISOString()}::timestamptz` : sql`null::timestamptz`);
  const [row] = await queryRows<{ next: string | Date }>(
    db,
    sql`select ${unsignSchedule(at(requestedAt), at(checkedAt))} as next`,
  );
  assert(row, 'one row');
  return new Date(row.next);
}

/**
 * The `payments.agreements` sweep's second half: asks the channel again to unsign the agreements
 * whose unsign the customer requested and the channel did not confirm, once due (`unsignSchedule`),
 * the longest overdue first; a confirmation (or a refusal: it is no longer in force there) ends the
 * agreement and clears the request, a timeout or 5xx is counted with its reason and waits for the
 * next attempt. One agreement that fails in any other way (an error recording it) is skipped —
 * counted in `unsignsSkipped`, its error recorded as a failed attempt when it can be — and never stops
 * the others.
 */
export async function retryRequestedUnsigns(
  database: Database,
  deps: AgreementDeps,
): Promise<{ unsignsAsked: number; unsigned: number; unsignsSkipped: number }> {
  const now = deps.clock.now();
  const due = await database.db
    .select()
    .from(paymentsAgreements)
    .where(
      and(
        isNotNull(paymentsAgreements.unsignRequestedAt),
        eq(paymentsAgreements.channel, deps.client.name),
        sql`${nextUnsignAttempt} <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(nextUnsignAttempt), asc(paymentsAgreements.id))
    .limit(PaymentsLimits.unsignRetryBatch);
  let unsigned = 0;
  let unsignsSkipped = 0;
  for (const a of due) {
    try {
      const answer =
        unsignNeedsChannel(a) && a.channelAgreementNo
          ? await deps.client.unsign(a.channelAgreementNo)
          : ({ outcome: 'ok', value: { unsigned: true } } as const);
      const after = await runCommand(database, (tx) =>
        answer.outcome === 'unknown'
          ? recordUnsignAttemptFailed(tx, deps, a.id, answer.reason)
          : recordUnsigned(tx, deps, a.id),
      );
      if (after.state === 'unsigned') unsigned++;
    } catch (error) {
      unsignsSkipped++;
      const reason = `skipped by the sweep: ${error instanceof Error ? error.message : String(error)}`;
      await runCommand(database, (tx) => recordUnsignAttemptFailed(tx, deps, a.id, reason)).catch(() => undefined);
    }
  }
  return { unsignsAsked: due.length, unsigned, unsignsSkipped };
}

/**
 * The `payments.agreements` sweep's alert: a requested unsign the channel has not confirmed
 * `unsignStuckAlertHours` after the customer asked raises one operator alert
 * (`payments.unsign_stuck`, the agreement's `unsign_alerted_at`; counted on the console's overview
 * as `payments.unsigns_stuck`). The sweep keeps asking; the alert resolves itself when the channel
 * confirms (`endUnsignRequest`).
 */
export async function raiseStuckUnsignAlerts(
  database: Database,
  deps: Pick<AgreementDeps, 'clock'>,
): Promise<{ unsignAlerts: number }> {
  const now = deps.clock.now();
  const stuckBefore = new Date(now.getTime() - PaymentsLimits.unsignStuckAlertHours * 3_600_000);
  const stuck = await database.db
    .select({ id: paymentsAgreements.id })
    .from(paymentsAgreements)
    .where(
      and(
        isNotNull(paymentsAgreements.unsignRequestedAt),
        lte(paymentsAgreements.unsignRequestedAt, stuckBefore),
        isNull(paymentsAgreements.unsignAlertedAt),
      ),
    )
    .orderBy(asc(paymentsAgreements.unsignRequestedAt), asc(paymentsAgreements.id))
    .limit(PaymentsLimits.unsignStuckAlertBatch);
  let unsignAlerts = 0;
  for (const { id } of stuck) {
    const raised = await runCommand(database, async (tx) => {
      const locked = await lockAgreement(tx, id);
      // Confirmed or alerted meanwhile (another worker, the channel's answer): nothing to raise.
      if (!locked.unsignRequestedAt || locked.unsignAlertedAt || locked.unsignRequestedAt > stuckBefore) return false;
      await tx.update(paymentsAgreements).set({ unsignAlertedAt: now }).where(eq(paymentsAgreements.id, id));
      await emitEvent(tx, now, {
        type: 'payments.unsign_stuck',
        aggregateType: 'payment_agreement',
        aggregateId: id,
        payload: {
          agreementId: id,
          customerId: locked.customerId,
          channel: locked.channel,
          unsignRequestedAt: locked.unsignRequestedAt.toISOString(),
          unsignAttempts: locked.unsignAttempts,
          unsignLastError: locked.unsignLastError,
        },
      });
      return true;
    });
    if (raised) unsignAlerts++;
  }
  return { unsignAlerts };
}
