// A second staff member rejects a pending waiver request, with a reason; the bill is unchanged.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { eq } from 'drizzle-orm';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import { billingWaiverRequests } from './schema';
import { lockPending, type WaiverRequest } from './waiver-requests';

export async function rejectWaiver(
  tx: Executor,
  deps: BillingDeps,
  options: { requestId: string; staff: StaffPrincipal; note: string },
): Promise<WaiverRequest> {
  const pending = await lockPending(tx, options.requestId, options.staff);
  const now = deps.clock.now();
  const [request] = await tx
    .update(billingWaiverRequests)
    .set({ status: 'rejected', decidedBy: options.staff.staffId, decidedAt: now, decisionNote: options.note })
    .where(eq(billingWaiverRequests.id, pending.id))
    .returning();
  if (!request) throw BillingErrors.BILLING_WAIVER_NOT_FOUND();
  await recordAudit(tx, {
    actor: options.staff,
    action: 'billing.waiver_rejected',
    targetType: 'bill',
    targetId: pending.billId,
    at: now,
    detail: { requestId: pending.id, requestedBy: pending.requestedBy, note: options.note },
  });
  return request;
}
