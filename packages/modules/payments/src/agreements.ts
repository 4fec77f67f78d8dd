// Auto-debit agreements (docs/payments.md "Auto-debit agreements"): request one (the payer signs on
// the channel's page), learn that it is signed by asking the channel, unsign it, and charge it.
// `chargeAgreement` runs in the caller's transaction and only records the charge — a payment order
// with the agreement — which the `payments.agreement_charges` sweep sends to the channel after
// commit (outside systems are never called inside a transaction); the outcome is told back with
// `payments.payment_succeeded` / `payments.payment_failed`, purpose and reference as given.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, type Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import type { AgreementChannelClient } from './agreement-clients';
import { PaymentsErrors } from './errors';
import { paymentsAgreements } from './schema';

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
  const [updated] = await tx
    .update(paymentsAgreements)
    .set({ ...changes, updatedAt: now })
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

export async function getAgreement(db: Executor, id: string): Promise<Agreement> {
  const [found] = await db.select().from(paymentsAgreements).where(eq(paymentsAgreements.id, id));
  if (!found) throw PaymentsErrors.PAYMENTS_AGREEMENT_NOT_FOUND();
  return found;
}
