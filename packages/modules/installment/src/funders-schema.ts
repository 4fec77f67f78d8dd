// Funder partners (资金方) of installment orders: who they are and their shares, which order each
// funds (one funder per order, with the disbursement booked), and every collection split between the
// funder and the platform (docs/installment.md, "Funders"). Re-exported by schema.ts.
import { bigint, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'number' });

export const installmentFunders = pgTable(
  'installment_funders',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** The funder's share of each order's financed principal (it pays this part at disbursement), in bps. */
    principalShareBps: integer('principal_share_bps').notNull(),
    /** The funder's share of the interest collected, in bps. */
    interestShareBps: integer('interest_share_bps').notNull(),
    /** The ledger's 2210 funder payable of this funder (owner partner/<id>). */
    payableAccountId: text('payable_account_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('installment_funders_name_uq').on(t.name)],
);

export const installmentOrderFunders = pgTable(
  'installment_order_funders',
  {
    orderId: text('order_id').primaryKey(),
    funderId: text('funder_id').notNull(),
    /** Copied at assignment: a later change of the funder's terms never reprices a funded order. */
    principalShareBps: integer('principal_share_bps').notNull(),
    interestShareBps: integer('interest_share_bps').notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: instant('assigned_at').notNull(),
    /** What the funder paid for its share of the principal: floor(principal × share); null until disbursed. */
    disbursedMinor: minor('disbursed_minor'),
    disbursedOn: date('disbursed_on', { mode: 'string' }),
    /** The business date the disbursement was reversed (the order cancelled before shipment); null otherwise. */
    disbursementReversedOn: date('disbursement_reversed_on', { mode: 'string' }),
  },
  (t) => [index('installment_order_funders_funder_idx').on(t.funderId)],
);

export const installmentFunderCollections = pgTable(
  'installment_funder_collections',
  {
    /** One per billing payment: the billing payment's id. */
    paymentId: text('payment_id').primaryKey(),
    orderId: text('order_id').notNull(),
    funderId: text('funder_id').notNull(),
    billId: text('bill_id').notNull(),
    /** period, prepayment or payoff, with its sequence. */
    billKind: text('bill_kind').notNull(),
    sequence: integer('sequence').notNull(),
    collectedMinor: minor('collected_minor').notNull(),
    principalMinor: minor('principal_minor').notNull(),
    interestMinor: minor('interest_minor').notNull(),
    /** Fees and penalty: the platform's whole. */
    otherMinor: minor('other_minor').notNull(),
    funderPrincipalMinor: minor('funder_principal_minor').notNull(),
    funderInterestMinor: minor('funder_interest_minor').notNull(),
    funderShareMinor: minor('funder_share_minor').notNull(),
    platformShareMinor: minor('platform_share_minor').notNull(),
    /** The business date of the collection (the operator's time zone). */
    collectedOn: date('collected_on', { mode: 'string' }).notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('installment_funder_collections_funder_idx').on(t.funderId, t.collectedOn),
    index('installment_funder_collections_order_idx').on(t.orderId),
  ],
);

/**
 * A settlement (payout) to a funder: what its payable 2210 held when the run was made, paid to its bank
 * account (2210 → the bank channel's clearing account). Above the approval threshold it waits, held as a
 * pending transfer, for a second staff member; `paid` once posted, `rejected` when the hold is voided.
 */
export const installmentFunderSettlements = pgTable(
  'installment_funder_settlements',
  {
    id: text('id').primaryKey(),
    funderId: text('funder_id').notNull(),
    /** The period the payout covers: the day after the previous paid settlement (or the first collection) to the run's date. */
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    amountMinor: minor('amount_minor').notNull(),
    /** The bank transfer's reference, as the maker typed it. */
    bankReference: text('bank_reference').notNull(),
    /** pending_approval, paid or rejected. */
    status: text('status').notNull(),
    transferId: text('transfer_id').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: instant('requested_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    /** The business date the money left (posted); null until paid. */
    paidOn: date('paid_on', { mode: 'string' }),
    rejectReason: text('reject_reason'),
  },
  (t) => [index('installment_funder_settlements_funder_idx').on(t.funderId, t.requestedAt)],
);
