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
import { type AgreementState, paymentsAgreements } from './schema';

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
 * The `payments.agreements` sweep's re-check of agreements in force: an active agreement not asked
 * about for `activeAgreementRecheckDays` (since it became active, or since its last check) is asked at
 * the channel — the payer may have ended it in their Alipay app and the dut_user_unsign notification
 * may be lost. The answer is recorded as the notification's would be (`recordAgreementAnswer`: an
 * `unsigned` answer ends it and emits `payments.agreement_ended`), with `last_checked_at`. A query
 * that fails changes nothing (the agreement is asked again at the next run). One whose unsign the
 * customer requested is left to `retryRequestedUnsigns`.
 */
export async function recheckActiveAgreements(
  database: Database,
  deps: AgreementDeps,
): Promise<{ activeChecked: number; activeEnded: number }> {
  const now = deps.clock.now();
  const checkedBefore = new Date(now.getTime() - PaymentsLimits.activeAgreementRecheckDays * 86_400_000);
  const lastChecked = sql`coalesce(${paymentsAgreements.lastCheckedAt}, ${paymentsAgreements.updatedAt})`;
  const stale = await database.db
    .select()
    .from(paymentsAgreements)
    .where(
      and(
        eq(paymentsAgreements.state, 'active'),
        eq(paymentsAgreements.channel, deps.client.name),
        isNull(paymentsAgreements.unsignRequestedAt),
        sql`${lastChecked} <= ${checkedBefore.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(lastChecked), asc(paymentsAgreements.id))
    .limit(PaymentsLimits.activeAgreementRecheckBatch);
  let activeChecked = 0;
  let activeEnded = 0;
  for (const a of stale) {
    const answer = await askAgreementState(deps, a);
    if (answer === null) continue;
    activeChecked++;
    const after = await runCommand(database, async (tx) => {
      const recorded = await recordAgreementAnswer(tx, deps, a.id, answer);
      await tx.update(paymentsAgreements).set({ lastCheckedAt: now }).where(eq(paymentsAgreements.id, a.id));
      return recorded;
    });
    if (after.state === 'unsigned') activeEnded++;
  }
  return { activeChecked, activeEnded };
}
