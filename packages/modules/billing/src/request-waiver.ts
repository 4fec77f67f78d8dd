// A staff member asks to waive what is left of some lines of a bill, with a reason (maker–checker,
// waiver-requests.ts); a bill has at most one pending request.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { newId, sumMinor } from '@zulin/kernel';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import { lockBill } from './pay-bill';
import { loadLines } from './read-bills';
import { billingWaiverRequests } from './schema';
import { waivableLines } from './waive-bill';
import type { WaiverRequest } from './waiver-requests';

export async function requestWaiver(
  tx: Executor,
  deps: BillingDeps,
  options: { billId: string; staff: StaffPrincipal; reason: string; positions?: number[] },
): Promise<WaiverRequest> {
  const bill = await lockBill(tx, options.billId);
  if (bill.status === 'paid' || bill.status === 'waived') throw BillingErrors.BILLING_BILL_SETTLED();
  const lines = (await loadLines(tx, [bill.id])).get(bill.id) ?? [];
  const waived = waivableLines(lines, options.positions);
  const now = deps.clock.now();
  const [request] = await tx
    .insert(billingWaiverRequests)
    .values({
      id: newId('bwr', deps.clock),
      billId: bill.id,
      positions: options.positions ?? null,
      requestedMinor: sumMinor(waived.map((w) => w.amountMinor)),
      reason: options.reason,
      status: 'pending',
      requestedBy: options.staff.staffId,
      requestedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!request) throw BillingErrors.BILLING_WAIVER_PENDING();
  await recordAudit(tx, {
    actor: options.staff,
    action: 'billing.waiver_requested',
    targetType: 'bill',
    targetId: bill.id,
    at: now,
    detail: { requestId: request.id, reason: options.reason, requestedMinor: request.requestedMinor },
  });
  return request;
}
