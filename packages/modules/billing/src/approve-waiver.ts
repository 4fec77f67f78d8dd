// A second staff member approves a pending waiver request: the waiver is booked on what is left of
// the lines at that moment. Nobody approves their own request.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { eq } from 'drizzle-orm';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import type { BillView } from './read-bills';
import { billingWaiverRequests } from './schema';
import { waiveBill } from './waive-bill';
import { lockPending, type WaiverRequest } from './waiver-requests';

export async function approveWaiver(
  tx: Executor,
  deps: BillingDeps,
  options: { requestId: string; staff: StaffPrincipal; note?: string },
): Promise<{ request: WaiverRequest; bill: BillView }> {
  const pending = await lockPending(tx, options.requestId, options.staff);
  const { bill, waivedMinor } = await waiveBill(tx, deps, {
    billId: pending.billId,
    staff: options.staff,
    reason: pending.reason,
    requestId: pending.id,
    ...(pending.positions ? { positions: pending.positions } : {}),
  });
  const now = deps.clock.now();
  const [request] = await tx
    .update(billingWaiverRequests)
    .set({
      status: 'approved',
      decidedBy: options.staff.staffId,
      decidedAt: now,
      decisionNote: options.note ?? null,
      waivedMinor,
    })
    .where(eq(billingWaiverRequests.id, pending.id))
    .returning();
  if (!request) throw BillingErrors.BILLING_WAIVER_NOT_FOUND();
  await recordAudit(tx, {
    actor: options.staff,
    action: 'billing.waiver_approved',
    targetType: 'bill',
    targetId: pending.billId,
    at: now,
    detail: { requestId: pending.id, requestedBy: pending.requestedBy, waivedMinor, note: options.note ?? null },
  });
  return { request, bill };
}
