// Auto-debit agreements (docs/payments.md "Auto-debit agreements"): request one (the payer signs on
// the channel's page), learn that it is signed by asking the channel, unsign it, and charge it.
// `chargeAgreement` runs in the caller's transaction and only records the charge — a payment order
// with the agreement — which the `payments.agreement_charges` sweep sends to the channel after
// commit (outside systems are never called inside a transaction); the outcome is told back with
// `payments.payment_succeeded` / `payments.payment_failed`, purpose and reference as given.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, type Clock } from '@zulin/kernel';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AgreementChannelClient } from './agreement-clients';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { type PaymentChannelName, paymentsAgreements } from './schema';

export type Agreement = typeof paymentsAgreements.$inferSelect;

export interface AgreementDeps {
  clock: Clock;
  client: AgreementChannelClient;
}

export async function setState(
  tx: Executor,
  clock: Clock,
  a: Agreement,
  changes: Partial<Agreement>,
): Promise<Agreement> {
  const now = clock.now();
  // Coming into force: the weekly re-check counts from now.
  const recheck =
    changes.state === 'active' && a.state !== 'active'
      ? {
          recheckAt: new Date(now.getTime() + PaymentsLimits.activeAgreementRecheckDays * 86_400_000),
          recheckFailures: 0,
        }
      : {};
  const [updated] = await tx
    .update(paymentsAgreements)
    .set({ ...changes, ...recheck, updatedAt: now })
    .where(eq(paymentsAgreements.id, a.id))
    .returning();
  assert(updated, 'the agreement was updated');
  if (updated.state !== a.state) {
    await emitEvent(tx, now, {
      type: 'payments.agreement_changed',
      aggregateType: 'payment_agreement',
      aggregateId: a.id,
      payload: { agreementId: a.id, customerId: a.customerId, reference: a.reference, state: updated.state },
    });
  }
  return updated;
}

/**
 * Tells that an agreement ended without the customer asking us (`payments.agreement_ended`), in the
 * transaction of the change: the channel ended an active one, or one being signed expired.
 */
export async function emitAgreementEnded(
  tx: Executor,
  clock: Clock,
  a: Agreement,
  reason: 'ended_at_channel' | 'signing_expired',
): Promise<void> {
  const now = clock.now();
  await emitEvent(tx, now, {
    type: 'payments.agreement_ended',
    aggregateType: 'payment_agreement',
    aggregateId: a.id,
    payload: {
      agreementId: a.id,
      customerId: a.customerId,
      channel: a.channel,
      reason,
      occurredAt: now.toISOString(),
    },
  });
}

/**
 * The columns that end a requested unsign (the channel confirmed it, or says the agreement is no
 * longer in force), for `setState`; when staff were alerted that it was stuck, the alert is resolved
 * (`payments.unsign_stuck_resolved`) in the same transaction.
 */
export async function endUnsignRequest(tx: Executor, clock: Clock, locked: Agreement): Promise<Partial<Agreement>> {
  if (locked.unsignAlertedAt) {
    await emitEvent(tx, clock.now(), {
      type: 'payments.unsign_stuck_resolved',
      aggregateType: 'payment_agreement',
      aggregateId: locked.id,
      payload: { agreementId: locked.id, customerId: locked.customerId, channel: locked.channel },
    });
  }
  return { unsignRequestedAt: null, unsignAttempts: 0, unsignLastError: null, unsignAlertedAt: null };
}

/** The agreement, locked for the rest of the caller's transaction. */
export async function lockAgreement(tx: Executor, id: string): Promise<Agreement> {
  const [locked] = await tx.select().from(paymentsAgreements).where(eq(paymentsAgreements.id, id)).for('update');
  if (!locked) throw PaymentsErrors.PAYMENTS_AGREEMENT_NOT_FOUND();
  return locked;
}

export async function getAgreement(db: Executor, id: string): Promise<Agreement> {
  const [found] = await db.select().from(paymentsAgreements).where(eq(paymentsAgreements.id, id));
  if (!found) throw PaymentsErrors.PAYMENTS_AGREEMENT_NOT_FOUND();
  return found;
}

/** A customer's agreements, newest first (at most `agreementsListMax`). */
export async function listCustomerAgreements(db: Executor, customerId: string): Promise<Agreement[]> {
  return db
    .select()
    .from(paymentsAgreements)
    .where(eq(paymentsAgreements.customerId, customerId))
    .orderBy(desc(paymentsAgreements.createdAt), desc(paymentsAgreements.id))
    .limit(PaymentsLimits.agreementsListMax);
}

/** The customer's agreement being signed or in force at a channel (at most one, by the live index). */
export async function liveAgreementOf(
  tx: Executor,
  customerId: string,
  channel: PaymentChannelName,
): Promise<Agreement | undefined> {
  const [live] = await tx
    .select()
    .from(paymentsAgreements)
    .where(
      and(
        eq(paymentsAgreements.customerId, customerId),
        eq(paymentsAgreements.channel, channel),
        inArray(paymentsAgreements.state, ['signing', 'active']),
      ),
    )
    .orderBy(desc(paymentsAgreements.createdAt))
    .limit(1);
  return live;
}
