import type { Executor } from '@zulin/db';
import { assert, type Clock } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { lockAgreement } from './agreements';
import { PaymentsErrors } from './errors';
import { type PaymentOrder, recordPaymentOrder } from './payment-orders';
import { paymentsOrders } from './schema';

/**
 * Records a charge under an active agreement, in the caller's transaction: a payment order the
 * `payments.agreement_charges` sweep sends. Idempotent per agreement, purpose and reference (the
 * caller names the attempt in the reference, e.g. `bill_…#2`). Refused while the customer's unsign is
 * requested (`PAYMENTS_AGREEMENT_UNSIGN_REQUESTED`).
 */
export async function chargeAgreement(
  tx: Executor,
  deps: { clock: Clock },
  request: {
    agreementId: string;
    amountMinor: number;
    reference: string;
    purpose: string;
    creditAccountId: string;
    description: string;
  },
): Promise<PaymentOrder> {
  const a = await lockAgreement(tx, request.agreementId);
  const [existing] = await tx
    .select()
    .from(paymentsOrders)
    .where(
      and(
        eq(paymentsOrders.agreementId, a.id),
        eq(paymentsOrders.purpose, request.purpose),
        eq(paymentsOrders.reference, request.reference),
      ),
    );
  if (existing) {
    if (existing.amountMinor !== request.amountMinor) throw PaymentsErrors.PAYMENTS_REQUEST_NUMBER_REUSED();
    return existing;
  }
  if (a.state !== 'active' || !a.channelAgreementNo) throw PaymentsErrors.PAYMENTS_AGREEMENT_NOT_ACTIVE();
  // The customer asked to end it; the channel has not confirmed yet (the agreement sweep asks again).
  if (a.unsignRequestedAt) throw PaymentsErrors.PAYMENTS_AGREEMENT_UNSIGN_REQUESTED();
  if (request.amountMinor > a.perChargeMaxMinor) {
    throw PaymentsErrors.PAYMENTS_AGREEMENT_CAP_EXCEEDED({
      detail: `One charge under this agreement is at most ${a.perChargeMaxMinor} fen.`,
    });
  }
  const order = await recordPaymentOrder(tx, deps.clock, {
    channel: a.channel,
    customerId: a.customerId,
    amountMinor: request.amountMinor,
    description: request.description,
    purpose: request.purpose,
    reference: request.reference,
    creditAccountId: request.creditAccountId,
  });
  const [withAgreement] = await tx
    .update(paymentsOrders)
    .set({ agreementId: a.id })
    .where(eq(paymentsOrders.id, order.id))
    .returning();
  assert(withAgreement, 'the charge was recorded');
  return withAgreement;
}
