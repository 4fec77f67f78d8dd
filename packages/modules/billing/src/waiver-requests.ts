// Maker–checker for waivers (DOMAIN.md §10): one staff member asks to waive what is left of some lines
// of a bill, with a reason; another approves (the waiver is booked then, on what is left at that
// moment) or rejects it. Nobody approves their own request; a bill has at most one pending request.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal, staffNames } from '@zulin/identity';
import { decodeCursor, KernelErrors, newId, type Page, pageLimit, sumMinor, toPage } from '@zulin/kernel';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import { lockBill } from './pay-bill';
import { type BillView, loadLines } from './read-bills';
import { billingWaiverRequests } from './schema';
import { waivableLines, waiveBill } from './waive-bill';

export type WaiverRequest = typeof billingWaiverRequests.$inferSelect;
/** A request with the names of its maker and checker, as the console shows it. */
export type WaiverView = WaiverRequest & { requestedByName: string | null; decidedByName: string | null };

export async function nameWaivers(tx: Executor, requests: readonly WaiverRequest[]): Promise<WaiverView[]> {
  const ids = requests.flatMap((r) => (r.decidedBy ? [r.requestedBy, r.decidedBy] : [r.requestedBy]));
  const names = await staffNames(tx, ids);
  return requests.map((r) => ({
    ...r,
    requestedByName: names.get(r.requestedBy) ?? null,
    decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
  }));
}

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

async function lockPending(tx: Executor, requestId: string, staff: StaffPrincipal): Promise<WaiverRequest> {
  const [request] = await tx
    .select()
    .from(billingWaiverRequests)
    .where(eq(billingWaiverRequests.id, requestId))
    .for('update');
  if (!request) throw BillingErrors.BILLING_WAIVER_NOT_FOUND();
  if (request.status !== 'pending') throw BillingErrors.BILLING_WAIVER_DECIDED();
  if (request.requestedBy === staff.staffId) throw BillingErrors.BILLING_WAIVER_SELF_APPROVAL();
  return request;
}

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

export async function listWaiverRequests(
  tx: Executor,
  options: { status?: WaiverRequest['status']; billId?: string; limit?: number; cursor?: string },
): Promise<Page<WaiverRequest>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.status) conditions.push(eq(billingWaiverRequests.status, options.status));
  if (options.billId !== undefined) conditions.push(eq(billingWaiverRequests.billId, options.billId));
  if (options.cursor) {
    const [id] = decodeCursor(options.cursor);
    if (typeof id !== 'string') {
      throw KernelErrors.VALIDATION_FAILED({ errors: [{ path: '/query/cursor', message: 'Invalid cursor' }] });
    }
    conditions.push(lt(billingWaiverRequests.id, id));
  }
  const rows = await tx
    .select()
    .from(billingWaiverRequests)
    .where(and(...conditions))
    .orderBy(desc(billingWaiverRequests.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.id]);
}
