import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { PaymentsErrors } from './errors';
import { type Refund, setRefund } from './refunds';
import { paymentsRefunds } from './schema';

/** A second staff member approves (or rejects) a refund waiting for approval; never the requester. */
export async function decideRefund(
  tx: Executor,
  deps: { clock: Clock },
  request: { refundId: string; staffId: string; approve: boolean },
): Promise<Refund> {
  const [refund] = await tx
    .select()
    .from(paymentsRefunds)
    .where(eq(paymentsRefunds.id, request.refundId))
    .for('update');
  if (!refund) throw PaymentsErrors.PAYMENTS_REFUND_NOT_FOUND();
  if (refund.state !== 'awaiting_approval') throw PaymentsErrors.PAYMENTS_REFUND_NOT_AWAITING_APPROVAL();
  if (refund.requestedBy === request.staffId) throw PaymentsErrors.PAYMENTS_REFUND_SAME_STAFF();
  return setRefund(tx, deps.clock, refund, {
    state: request.approve ? 'approved' : 'rejected',
    approvedBy: request.staffId,
  });
}
