import type { Executor } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { lockOrder, type Refund, refundable } from './refunds';
import { paymentsRefunds } from './schema';

/** A staff member asks for a refund; above `approvalAboveMinor` it waits for another one's approval. */
export async function requestRefund(
  tx: Executor,
  deps: { clock: Clock; approvalAboveMinor?: number },
  request: { orderId: string; outRequestNo: string; amountMinor: number; reason: string; staffId: string },
): Promise<Refund> {
  const order = await lockOrder(tx, request.orderId);
  const [existing] = await tx
    .select()
    .from(paymentsRefunds)
    .where(and(eq(paymentsRefunds.orderId, order.id), eq(paymentsRefunds.outRequestNo, request.outRequestNo)));
  if (existing) {
    if (existing.amountMinor !== request.amountMinor) throw PaymentsErrors.PAYMENTS_REQUEST_NUMBER_REUSED();
    return existing;
  }
  if (order.state !== 'succeeded') throw PaymentsErrors.PAYMENTS_REFUND_NOT_PAID();
  if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor < 1) {
    throw PaymentsErrors.PAYMENTS_AMOUNT_INVALID({ errors: [{ path: '/amountMinor', message: 'at least 1 fen' }] });
  }
  const left = await refundable(tx, order);
  if (request.amountMinor > left) {
    throw PaymentsErrors.PAYMENTS_REFUND_EXCEEDS_PAID({ detail: `${left} fen of this payment may still be refunded.` });
  }
  const threshold = deps.approvalAboveMinor ?? PaymentsLimits.refundApprovalAboveMinor;
  const id = newId('prf', deps.clock);
  const now = deps.clock.now();
  const [created] = await tx
    .insert(paymentsRefunds)
    .values({
      id,
      orderId: order.id,
      outRequestNo: request.outRequestNo,
      outRefundNo: `ZR${id.slice(4)}`.slice(0, PaymentsLimits.outTradeNoLengthMax),
      amountMinor: request.amountMinor,
      reason: request.reason.slice(0, PaymentsLimits.descriptionLengthMax),
      state: request.amountMinor > threshold ? 'awaiting_approval' : 'approved',
      requestedBy: request.staffId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  assert(created, 'the refund was inserted');
  return created;
}
