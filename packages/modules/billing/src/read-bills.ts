// Reading bills: one bill with its lines and payments, and cursor pages of bills (a customer's own,
// or any for staff). Unpaid bills list soonest-due first; the rest newest-due first.
import type { Executor } from '@zulin/db';
import {
  type BusinessDate,
  type Clock,
  decodeCursor,
  diffDays,
  KernelErrors,
  type Page,
  pageLimit,
  today,
  toPage,
} from '@zulin/kernel';
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import { BillingErrors } from './errors';
import { type BillLineKind, type BillStatus, billingBillLines, billingBills, billingPayments } from './schema';

export type BillRow = typeof billingBills.$inferSelect;
export type BillLineRow = typeof billingBillLines.$inferSelect;
export type PaymentRow = typeof billingPayments.$inferSelect;

export interface BillLineView {
  position: number;
  kind: BillLineKind;
  description: string;
  amountMinor: number;
  paidMinor: number;
  waivedMinor: number;
  outstandingMinor: number;
}

export interface BillView extends Omit<BillRow, 'overdueAt'> {
  outstandingMinor: number;
  /** Days past the due date while unpaid (0 when not yet due or settled). */
  daysOverdue: number;
  lines: BillLineView[];
  payments: PaymentRow[];
}

export type BillFilter = BillStatus | 'unpaid';

export function presentLine(l: BillLineRow): BillLineView {
  return {
    position: l.position,
    kind: l.kind,
    description: l.description,
    amountMinor: l.amountMinor,
    paidMinor: l.paidMinor,
    waivedMinor: l.waivedMinor,
    outstandingMinor: l.amountMinor - l.paidMinor - l.waivedMinor,
  };
}

function toView(bill: BillRow, lines: BillLineRow[], payments: PaymentRow[], businessDate: BusinessDate): BillView {
  const { overdueAt: _overdueAt, ...rest } = bill;
  const unpaid = bill.status === 'open' || bill.status === 'overdue';
  return {
    ...rest,
    outstandingMinor: bill.amountMinor - bill.paidMinor - bill.waivedMinor,
    daysOverdue: unpaid ? Math.max(0, diffDays(bill.dueDate, businessDate)) : 0,
    lines: lines.sort((a, b) => a.position - b.position).map(presentLine),
    payments,
  };
}

export async function loadLines(tx: Executor, billIds: string[]): Promise<Map<string, BillLineRow[]>> {
  const out = new Map<string, BillLineRow[]>();
  if (billIds.length === 0) return out;
  const rows = await tx.select().from(billingBillLines).where(inArray(billingBillLines.billId, billIds));
  for (const row of rows) out.set(row.billId, [...(out.get(row.billId) ?? []), row]);
  return out;
}

/** One bill; `customerId` restricts it to its owner (another customer's bill is "not found"). */
export async function getBill(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  id: string,
  customerId?: string,
): Promise<BillView> {
  const bill = (await getBills(tx, deps, [id])).get(id);
  if (!bill || (customerId !== undefined && bill.customerId !== customerId))
    throw BillingErrors.BILLING_BILL_NOT_FOUND();
  return bill;
}

/**
 * Several bills at once, by id, in three queries (bills, lines, payments) whatever their number;
 * ids of no bill are absent from the map. For lists that show many bills (an installment order's
 * periods, a page of orders), where `getBill` per bill would cost three queries each.
 */
export async function getBills(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  ids: readonly string[],
): Promise<Map<string, BillView>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const bills = await tx.select().from(billingBills).where(inArray(billingBills.id, unique));
  const lines = await loadLines(
    tx,
    bills.map((b) => b.id),
  );
  const payments = await tx
    .select()
    .from(billingPayments)
    .where(
      inArray(
        billingPayments.billId,
        bills.map((b) => b.id),
      ),
    )
    .orderBy(asc(billingPayments.createdAt), asc(billingPayments.id));
  const paymentsOf = new Map<string, PaymentRow[]>();
  for (const payment of payments) {
    const list = paymentsOf.get(payment.billId) ?? [];
    list.push(payment);
    paymentsOf.set(payment.billId, list);
  }
  const businessDate = today(deps.clock, deps.timeZone);
  return new Map(
    bills.map((bill) => [bill.id, toView(bill, lines.get(bill.id) ?? [], paymentsOf.get(bill.id) ?? [], businessDate)]),
  );
}

export interface ListBillsOptions {
  customerId?: string;
  status?: BillFilter;
  /** One source type, or several (a rental's rent bills and its exit bills, listed together). */
  sourceType?: string | readonly string[];
  sourceId?: string;
  dueFrom?: BusinessDate;
  dueTo?: BusinessDate;
  limit?: number;
  cursor?: string;
}

export async function listBills(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  options: ListBillsOptions,
): Promise<Page<BillView>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.customerId !== undefined) conditions.push(eq(billingBills.customerId, options.customerId));
  if (options.status === 'unpaid') conditions.push(inArray(billingBills.status, ['open', 'overdue']));
  else if (options.status) conditions.push(eq(billingBills.status, options.status));
  if (typeof options.sourceType === 'string' && options.sourceType !== '') {
    conditions.push(eq(billingBills.sourceType, options.sourceType));
  } else if (Array.isArray(options.sourceType) && options.sourceType.length > 0) {
    conditions.push(inArray(billingBills.sourceType, [...options.sourceType]));
  }
  if (options.sourceId) conditions.push(eq(billingBills.sourceId, options.sourceId));
  if (options.dueFrom) conditions.push(gte(billingBills.dueDate, options.dueFrom));
  if (options.dueTo) conditions.push(lte(billingBills.dueDate, options.dueTo));
  const ascending = options.status === 'unpaid' || options.status === 'open' || options.status === 'overdue';
  if (options.cursor) {
    const [due, id] = decodeCursor(options.cursor);
    if (typeof due !== 'string' || typeof id !== 'string') {
      throw KernelErrors.VALIDATION_FAILED({ errors: [{ path: '/query/cursor', message: 'Invalid cursor' }] });
    }
    const after = ascending ? gt : lt;
    conditions.push(
      or(after(billingBills.dueDate, due), and(eq(billingBills.dueDate, due), after(billingBills.id, id))),
    );
  }
  const order = ascending
    ? [asc(billingBills.dueDate), asc(billingBills.id)]
    : [desc(billingBills.dueDate), desc(billingBills.id)];
  const rows = await tx
    .select()
    .from(billingBills)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(limit + 1);
  const lines = await loadLines(
    tx,
    rows.map((r) => r.id),
  );
  const businessDate = today(deps.clock, deps.timeZone);
  return toPage(
    rows.map((r) => toView(r, lines.get(r.id) ?? [], [], businessDate)),
    limit,
    (b) => [b.dueDate, b.id],
  );
}

/** What a customer owes now: the unpaid total and how much of it is overdue. */
export async function outstandingSummary(
  tx: Executor,
  customerId: string,
): Promise<{ unpaidMinor: number; overdueMinor: number; unpaidBills: number }> {
  const rows = await tx
    .select({
      status: billingBills.status,
      amount: billingBills.amountMinor,
      paid: billingBills.paidMinor,
      waived: billingBills.waivedMinor,
    })
    .from(billingBills)
    .where(and(eq(billingBills.customerId, customerId), inArray(billingBills.status, ['open', 'overdue'])));
  let unpaidMinor = 0;
  let overdueMinor = 0;
  for (const r of rows) {
    const owed = r.amount - r.paid - r.waived;
    unpaidMinor += owed;
    if (r.status === 'overdue') overdueMinor += owed;
  }
  return { unpaidMinor, overdueMinor, unpaidBills: rows.length };
}
