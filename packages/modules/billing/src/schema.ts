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

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'number' });

export const billStatuses = ['open', 'overdue', 'paid', 'waived'] as const;
export type BillStatus = (typeof billStatuses)[number];

export const billLineKinds = [
  'penalty',
  'fee',
  'damage',
  'shipping',
  'interest',
  'rent',
  'principal',
  'other',
] as const;
export type BillLineKind = (typeof billLineKinds)[number];

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
