import type { Database, Executor } from '@zulin/db';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import {
  type Agreement,
  type AgreementDeps,
  emitAgreementEnded,
  endUnsignRequest,
  getAgreement,
  liveAgreementOf,
  lockAgreement,
  setState,
} from './agreements';
import { PaymentsLimits } from './limits';
import { type AgreementState, type PaymentChannelName, paymentsAgreements } from './schema';

/** What the channel says of an agreement, asked outside any transaction; null when it did not answer. */
export type AgreementAnswer = { state: AgreementState | undefined; agreementNo: string | null } | null;

/** Asks the channel whether the payer signed (or since unsigned); an ended agreement is not asked. */
export async function askAgreementState(deps: AgreementDeps, agreement: Agreement): Promise<AgreementAnswer> {
  if (agreement.state === 'unsigned' || agreement.state === 'failed' || agreement.state === 'expired') return null;
  const answer = await deps.client.query(agreement.externalAgreementNo);
  if (answer.outcome !== 'ok') return null;
  const state: AgreementState | undefined =
    answer.value.state === 'active' ? 'active' : answer.value.state === 'unsigned' ? 'unsigned' : undefined;
  return { state, agreementNo: answer.value.agreementNo ?? null };
}

/**
 * Records the channel's answer in the caller's transaction, under the agreement's lock. An active
 * agreement the channel says is unsigned ended there (the payer ended it in their Alipay app):
 * `payments.agreement_ended` (`ended_at_channel`) — unless the customer had asked us to unsign it,
 * when the answer is the confirmation of their own act and clears the request.
 */
export async function recordAgreementAnswer(
  tx: Executor,
  deps: Pick<AgreementDeps, 'clock'>,
  agreementId: string,
  answer: AgreementAnswer,
): Promise<Agreement> {
  const locked = await lockAgreement(tx, agreementId);
  if (!answer?.state || answer.state === locked.state || locked.state === 'unsigned') return locked;
  // Signed on its page after it expired: in force, unless the customer has since asked for another.
  if (
    locked.state === 'expired' &&
    (answer.state !== 'active' || (await liveAgreementOf(tx, locked.customerId, locked.channel)))
  )
    return locked;
  const recorded = await setState(tx, deps.clock, locked, {
    state: answer.state,
    channelAgreementNo: answer.agreementNo ?? locked.channelAgreementNo,
    ...(answer.state === 'unsigned' ? await endUnsignRequest(tx, deps.clock, locked) : {}),
  });
  if (locked.state === 'active' && recorded.state === 'unsigned' && !locked.unsignRequestedAt) {
    await emitAgreementEnded(tx, deps.clock, recorded, 'ended_at_channel');
  }
  return recorded;
}

/** Asks the channel whether the payer signed (or since unsigned) and records it. */
export async function refreshAgreement(
  database: Database,
  deps: AgreementDeps,
  agreementId: string,
): Promise<Agreement> {
  const a = await getAgreement(database.db, agreementId);
  const answer = await askAgreementState(deps, a);
  if (answer === null) return a;
  return runCommand(database, (tx) => recordAgreementAnswer(tx, deps, a.id, answer));
}

/**
 * The `payments.agreements` sweep: agreements still being signed are asked about at the channel — the
 * payer may have signed without coming back and the dut_user_sign notification may be lost — first
 * `agreementFirstCheckSeconds` after they were asked for, then after doubling waits (2, 4, 8 … min);
 * one still unsigned `agreementSigningValidHours` after it was asked for is `expired` (the customer
 * may ask again; signing the old page later still brings it into force if they have no other), and
 * `payments.agreement_ended` (`signing_expired`) tells the customer.
 */
export async function refreshSigningAgreements(
  database: Database,
  deps: AgreementDeps,
): Promise<{ asked: number; changed: number; expired: number }> {
  const now = deps.clock.now();
  const firstMs = PaymentsLimits.agreementFirstCheckSeconds * 1000;
  // When each is next asked, in SQL so that the batch holds the due ones, the longest overdue first
  // (picking the least recently asked and dropping those not yet due starved a newer agreement
  // behind a batch of older ones waiting hours): never asked, `agreementFirstCheckSeconds` after it
  // was asked for; then after a wait as long as all the time since, and at the latest when it lapses.
  const nextAsk = sql`case when ${paymentsAgreements.checkedAt} is null
      then ${paymentsAgreements.createdAt} + ${PaymentsLimits.agreementFirstCheckSeconds}::integer * interval '1 second'
      else least(
        ${paymentsAgreements.checkedAt} + greatest(
          ${PaymentsLimits.agreementFirstCheckSeconds}::integer * interval '1 second',
          ${paymentsAgreements.checkedAt} - ${paymentsAgreements.createdAt}),
        ${paymentsAgreements.createdAt} + ${PaymentsLimits.agreementSigningValidHours}::integer * interval '1 hour')
      end`;
  const due = await database.db
    .select()
    .from(paymentsAgreements)
    .where(
      and(
        eq(paymentsAgreements.state, 'signing'),
        eq(paymentsAgreements.channel, deps.client.name),
        lte(paymentsAgreements.createdAt, new Date(now.getTime() - firstMs)),
        sql`${nextAsk} <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(nextAsk), asc(paymentsAgreements.id))
    .limit(PaymentsLimits.agreementCheckBatch);
  let changed = 0;
  let expired = 0;
  for (const a of due) {
    const answer = await askAgreementState(deps, a);
    const after = await runCommand(database, async (tx) => {
      const recorded = await recordAgreementAnswer(tx, deps, a.id, answer);
      if (recorded.state !== 'signing') return recorded;
      const lapsed = now.getTime() >= a.createdAt.getTime() + PaymentsLimits.agreementSigningValidHours * 3_600_000;
      if (lapsed && answer !== null) {
        const ended = await setState(tx, deps.clock, recorded, { state: 'expired', checkedAt: now });
        await emitAgreementEnded(tx, deps.clock, ended, 'signing_expired');
        return ended;
      }
      await tx.update(paymentsAgreements).set({ checkedAt: now }).where(eq(paymentsAgreements.id, a.id));
      return recorded;
    });
    if (after.state === 'expired') expired++;
    else if (after.state !== a.state) changed++;
  }
  return { asked: due.length, changed, expired };
}

/**
 * When a re-check the channel did not answer is asked again: `activeAgreementRecheckRetryFirstSeconds`
 * after the first failure, doubling with each failure in a row, at most
 * `activeAgreementRecheckRetryMaxSeconds` — the backoff of the module's other sweeps.
 */
export function recheckRetryAt(now: Date, failures: number): Date {
  const waitSeconds = Math.min(
    PaymentsLimits.activeAgreementRecheckRetryFirstSeconds * 2 ** Math.max(0, failures - 1),
    PaymentsLimits.activeAgreementRecheckRetryMaxSeconds,
  );
  return new Date(now.getTime() + waitSeconds * 1000);
}

/** Records, under the agreement's lock, a re-check the channel did not answer: one more failure, and the next ask after the backoff. */
async function recordRecheckFailed(tx: Executor, now: Date, agreementId: string): Promise<Agreement> {
  const locked = await lockAgreement(tx, agreementId);
  const failures = locked.recheckFailures + 1;
  await tx
    .update(paymentsAgreements)
    .set({ recheckFailures: failures, recheckAt: recheckRetryAt(now, failures) })
    .where(eq(paymentsAgreements.id, agreementId));
  return locked;
}

/** The active agreements due for their re-check at a channel, the longest overdue first. */
export function dueRechecksQuery(db: Executor, channel: PaymentChannelName, now: Date) {
  return db
    .select()
    .from(paymentsAgreements)
    .where(
      and(
        eq(paymentsAgreements.state, 'active'),
        isNull(paymentsAgreements.unsignRequestedAt),
        lte(paymentsAgreements.recheckAt, now),
        eq(paymentsAgreements.channel, channel),
      ),
    )
    .orderBy(asc(paymentsAgreements.recheckAt), asc(paymentsAgreements.id))
    .limit(PaymentsLimits.activeAgreementRecheckBatch);
}

/**
 * The `payments.agreements` sweep's re-check of agreements in force: an active agreement whose
 * `recheck_at` has come (`activeAgreementRecheckDays` after it became active or was last answered) is
 * asked at the channel — the payer may have ended it in their Alipay app and the dut_user_unsign
 * notification may be lost. The answer is recorded as the notification's would be
 * (`recordAgreementAnswer`: an `unsigned` answer ends it and emits `payments.agreement_ended`), with
 * `last_checked_at`, and the next re-check a week on. A query the channel does not answer is counted
 * (`recheck_failures`) and asked again after 2, 4, 8 … min, at most a day (`recheckRetryAt`) — it
 * used to be asked again at every run, every minute. One whose unsign the customer requested is left
 * to `retryRequestedUnsigns`; one that fails in any other way is skipped (`rechecksSkipped`).
 */
export async function recheckActiveAgreements(
  database: Database,
  deps: AgreementDeps,
): Promise<{ activeChecked: number; activeEnded: number; recheckFailed: number; rechecksSkipped: number }> {
  const now = deps.clock.now();
  const due = await dueRechecksQuery(database.db, deps.client.name, now);
  let activeChecked = 0;
  let activeEnded = 0;
  let recheckFailed = 0;
  let rechecksSkipped = 0;
  for (const a of due) {
    try {
      const answer = await askAgreementState(deps, a);
      const after = await runCommand(database, async (tx) => {
        if (answer === null) return recordRecheckFailed(tx, now, a.id);
        const recorded = await recordAgreementAnswer(tx, deps, a.id, answer);
        await tx
          .update(paymentsAgreements)
          .set({
            lastCheckedAt: now,
            recheckFailures: 0,
            recheckAt: new Date(now.getTime() + PaymentsLimits.activeAgreementRecheckDays * 86_400_000),
          })
          .where(eq(paymentsAgreements.id, a.id));
        return recorded;
      });
      if (answer === null) {
        recheckFailed++;
        continue;
      }
      activeChecked++;
      if (after.state === 'unsigned') activeEnded++;
    } catch {
      // Counted and, when it can be, recorded as a failure, so it waits its backoff like one.
      rechecksSkipped++;
      await runCommand(database, (tx) => recordRecheckFailed(tx, now, a.id)).catch(() => undefined);
    }
  }
  return { activeChecked, activeEnded, recheckFailed, rechecksSkipped };
}
