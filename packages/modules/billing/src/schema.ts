// Tables owned by billing: the bills a customer owes (rent, installments, fees, penalties, damage),
// their lines, and the payments allocated to them. Money itself lives in the ledger: issuing a bill
// books a receivable, paying it moves money from the customer's wallet to that receivable.
import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { billLineKinds, billStatuses } from './kinds';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'number' });

export { type BillLineKind, type BillStatus, billLineKinds, billStatuses } from './kinds';

/** One bill: what a customer owes for one period of one source (a rental, an installment order, a manual charge). */
export const billingBills = pgTable(
  'billing_bills',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    period: integer('period').notNull(),
    title: text('title').notNull(),
    currency: text('currency').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    amountMinor: minor('amount_minor').notNull(),
    paidMinor: minor('paid_minor').notNull(),
    waivedMinor: minor('waived_minor').notNull(),
    status: text('status', { enum: billStatuses }).notNull(),
    issuedBy: text('issued_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    settledAt: instant('settled_at'),
    overdueAt: instant('overdue_at'),
    waiveReason: text('waive_reason'),
    /** Set when the bill's source withdrew it (withdrawBill): closed as waived, but cancelled, not forgiven. */
    withdrawnAt: instant('withdrawn_at'),
    /** Why the source withdrew it, as a stable code (withdraw-reasons.ts) worded by the apps; null: before the codes. */
    withdrawReasonCode: text('withdraw_reason_code'),
    withdrawReasonParams: jsonb('withdraw_reason_params').$type<Record<string, string>>(),
  },
  (t) => [
    // Issuing is idempotent per (source, period): a retried issue finds the first bill.
    uniqueIndex('billing_bills_source_period_uq').on(t.sourceType, t.sourceId, t.period),
    index('billing_bills_customer_idx').on(t.customerId, t.dueDate, t.id),
    index('billing_bills_open_due_idx').on(t.dueDate).where(sql`${t.status} = 'open'`),
  ],
);

/** A bill's lines; payments are allocated to them by kind (penalty → fees → interest → rent/principal). */
export const billingBillLines = pgTable(
  'billing_bill_lines',
  {
    billId: text('bill_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: billLineKinds }).notNull(),
    description: text('description').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    paidMinor: minor('paid_minor').notNull(),
    waivedMinor: minor('waived_minor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.billId, t.position] })],
);

/** A payment applied to a bill, with its allocation over the lines and the ledger transfer that moved the money. */
export const billingPayments = pgTable(
  'billing_payments',
  {
    id: text('id').primaryKey(),
    billId: text('bill_id').notNull(),
    customerId: text('customer_id').notNull(),
    method: text('method').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    allocations: jsonb('allocations').$type<{ position: number; amountMinor: number }[]>().notNull(),
    transferId: text('transfer_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('billing_payments_bill_idx').on(t.billId, t.createdAt)],
);

/**
 * A request to waive what is left of some lines of a bill (DOMAIN.md §10: waivers need maker–checker
 * approval). One staff member asks, another approves (then the waiver is booked) or rejects it; a
 * bill has at most one pending request.
 */
export const billingWaiverRequests = pgTable(
  'billing_waiver_requests',
  {
    id: text('id').primaryKey(),
    billId: text('bill_id').notNull(),
    /** The lines to waive; null = every line with something left. */
    positions: jsonb('positions').$type<number[] | null>(),
    /** What was left of those lines when asked (the approval waives what is left then). */
    requestedMinor: minor('requested_minor').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: instant('requested_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    decisionNote: text('decision_note'),
    waivedMinor: minor('waived_minor'),
  },
  (t) => [
    uniqueIndex('billing_waiver_requests_pending_uq').on(t.billId).where(sql`${t.status} = 'pending'`),
    index('billing_waiver_requests_status_idx').on(t.status, t.requestedAt),
  ],
);
