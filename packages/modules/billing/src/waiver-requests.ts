// Maker–checker for waivers (DOMAIN.md §10): one staff member asks to waive what is left of some lines
// of a bill, with a reason; another approves (the waiver is booked then, on what is left at that
// moment) or rejects it. Nobody approves their own request; a bill has at most one pending request.
import type { Executor } from '@zulin/db';
import { customerLabels, type StaffPrincipal, staffNames } from '@zulin/identity';
import { assert, decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { BillingErrors } from './errors';
import { billingBills, billingWaiverRequests } from './schema';

export type WaiverRequest = typeof billingWaiverRequests.$inferSelect;
/**
 * A request as the console shows it: the names of its maker and checker, and its bill's title and
 * customer (masked name and phone) — the queue names the bill and the person, never bare ids.
 */
export type WaiverView = WaiverRequest & {
  requestedByName: string | null;
  decidedByName: string | null;
  billTitle: string;
  customerId: string;
  customerLabel: string | null;
};

export async function nameWaivers(
  tx: Executor,
  masterKey: Buffer,
  requests: readonly WaiverRequest[],
): Promise<WaiverView[]> {
  const ids = requests.flatMap((r) => (r.decidedBy ? [r.requestedBy, r.decidedBy] : [r.requestedBy]));
  const names = await staffNames(tx, ids);
  const billIds = [...new Set(requests.map((r) => r.billId))];
  const bills =
    billIds.length === 0
      ? []
      : await tx
          .select({ id: billingBills.id, title: billingBills.title, customerId: billingBills.customerId })
          .from(billingBills)
          .where(inArray(billingBills.id, billIds));
  const billById = new Map(bills.map((b) => [b.id, b]));
  const labels = await customerLabels(
    tx,
    masterKey,
    bills.map((b) => b.customerId),
  );
  return requests.map((r) => {
    const bill = billById.get(r.billId);
    assert(bill, 'a waiver request belongs to a bill');
    return {
      ...r,
      requestedByName: names.get(r.requestedBy) ?? null,
      decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
      billTitle: bill.title,
      customerId: bill.customerId,
      customerLabel: labels.get(bill.customerId)?.label ?? null,
    };
  });
}

export async function lockPending(tx: Executor, requestId: string, staff: StaffPrincipal): Promise<WaiverRequest> {
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
