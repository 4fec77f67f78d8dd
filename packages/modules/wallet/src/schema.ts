// Tables owned by the wallet. Money itself lives in the ledger (customer wallet and points
// accounts); these tables hold the business objects around it: top-up orders, bank cards,
// withdrawals, transfers between customers, bill splits, points lots, second factors and disputes.
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

/** A top-up: a payment order at a channel whose confirmed payment credits the wallet once. */
export const walletTopUps = pgTable(
  'wallet_top_ups',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    channel: text('channel').notNull(),
    outTradeNo: text('out_trade_no').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    status: text('status', { enum: ['created', 'succeeded', 'failed'] }).notNull(),
    failureReason: text('failure_reason'),
    channelTradeNo: text('channel_trade_no'),
    transferId: text('transfer_id'),
    /** The payments module's payment order the customer pays (none for top-ups before it existed). */
    paymentId: text('payment_id'),
    createdAt: instant('created_at').notNull(),
    completedAt: instant('completed_at'),
  },
  (t) => [
    uniqueIndex('wallet_top_ups_out_trade_no_uq').on(t.outTradeNo),
    index('wallet_top_ups_customer_idx').on(t.customerId, t.id),
  ],
);

/** A bound bank card: the channel's token, the last four digits, and the number encrypted (PII). */
export const walletBankCards = pgTable(
  'wallet_bank_cards',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    token: text('token').notNull(),
    last4: text('last4').notNull(),
    bankName: text('bank_name').notNull(),
    cardNumberEnc: text('card_number_enc').notNull(),
    cardNumberIndex: text('card_number_index').notNull(),
    status: text('status', { enum: ['active', 'removed'] }).notNull(),
    createdAt: instant('created_at').notNull(),
    /** A removed card is kept (withdrawals name it); it no longer shows and cannot be paid out to. */
    removedAt: instant('removed_at'),
  },
  (t) => [
    uniqueIndex('wallet_bank_cards_customer_card_uq')
      .on(t.customerId, t.cardNumberIndex)
      .where(sql`${t.status} = 'active'`),
    index('wallet_bank_cards_customer_idx').on(t.customerId),
  ],
);

/** A withdrawal to a bound card: a ledger hold, posted when the payout succeeds, voided when it fails. */
export const walletWithdrawals = pgTable(
  'wallet_withdrawals',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    bankCardId: text('bank_card_id').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['processing', 'succeeded', 'failed'] }).notNull(),
    failureReason: text('failure_reason'),
    holdTransferId: text('hold_transfer_id').notNull(),
    createdAt: instant('created_at').notNull(),
    completedAt: instant('completed_at'),
  },
  (t) => [
    index('wallet_withdrawals_customer_day_idx').on(t.customerId, t.businessDate),
    index('wallet_withdrawals_processing_card_idx').on(t.bankCardId).where(sql`${t.status} = 'processing'`),
  ],
);

/** Money sent from one customer's wallet to another's. */
export const walletTransfers = pgTable(
  'wallet_transfers',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    toCustomerId: text('to_customer_id').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    note: text('note'),
    transferId: text('transfer_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('wallet_transfers_customer_idx').on(t.customerId, t.id),
    index('wallet_transfers_to_idx').on(t.toCustomerId),
  ],
);

/** An AA bill split: the requester asks friends to pay equal shares of a total into their wallet. */
export const walletBillSplits = pgTable(
  'wallet_bill_splits',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    title: text('title').notNull(),
    totalMinor: minor('total_minor').notNull(),
    status: text('status', { enum: ['open', 'settled', 'expired'] }).notNull(),
    expiresAt: instant('expires_at').notNull(),
    createdAt: instant('created_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    index('wallet_bill_splits_customer_idx').on(t.customerId, t.id),
    index('wallet_bill_splits_open_idx').on(t.expiresAt).where(sql`${t.status} = 'open'`),
  ],
);

export const walletBillSplitShares = pgTable(
  'wallet_bill_split_shares',
  {
    splitId: text('split_id').notNull(),
    position: integer('position').notNull(),
    customerId: text('customer_id').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    status: text('status', { enum: ['unpaid', 'paid'] }).notNull(),
    transferId: text('transfer_id'),
    paidAt: instant('paid_at'),
  },
  (t) => [
    primaryKey({ columns: [t.splitId, t.position] }),
    index('wallet_bill_split_shares_customer_idx').on(t.customerId),
  ],
);

/** Points earned together, spent first-in first-out, expiring 12 months after they were earned. */
export const walletPointsLots = pgTable(
  'wallet_points_lots',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    points: integer('points').notNull(),
    remaining: integer('remaining').notNull(),
    reason: text('reason').notNull(),
    sourceRef: text('source_ref').notNull(),
    earnedAt: instant('earned_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [
    uniqueIndex('wallet_points_lots_source_uq').on(t.sourceRef),
    index('wallet_points_lots_customer_idx').on(t.customerId, t.expiresAt),
    index('wallet_points_lots_expiring_idx').on(t.expiresAt).where(sql`${t.remaining} > 0`),
  ],
);

/** Cashback granted, one per source, so a campaign that runs twice pays once. */
export const walletCashbacks = pgTable(
  'wallet_cashbacks',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    reason: text('reason').notNull(),
    sourceRef: text('source_ref').notNull(),
    transferId: text('transfer_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('wallet_cashbacks_source_uq').on(t.sourceRef),
    index('wallet_cashbacks_customer_idx').on(t.customerId),
  ],
);

/** A customer's TOTP second factor for large withdrawals and transfers. */
export const walletSecondFactors = pgTable('wallet_second_factors', {
  customerId: text('customer_id').primaryKey(),
  secretEnc: text('secret_enc').notNull(),
  status: text('status', { enum: ['pending', 'active'] }).notNull(),
  /** The last 30-second step accepted: a code is good once. */
  lastStep: bigint('last_step', { mode: 'number' }),
  createdAt: instant('created_at').notNull(),
  activatedAt: instant('activated_at'),
});

/** A dispute on a wallet transaction, with an SLA, evidence and a resolution by ledger transfer. */
export const walletDisputes = pgTable(
  'wallet_disputes',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    transferId: text('transfer_id').notNull(),
    type: text('type', { enum: ['charged_but_failed', 'charged_twice', 'refund_not_received'] }).notNull(),
    description: text('description').notNull(),
    evidence: jsonb('evidence').notNull(),
    status: text('status', { enum: ['open', 'resolved', 'rejected'] }).notNull(),
    slaDueAt: instant('sla_due_at').notNull(),
    /** Set once, by the SLA tick, when an open dispute passed its due time. */
    slaBreachedAt: instant('sla_breached_at'),
    resolution: text('resolution', { enum: ['refund', 'reversal', 'rejected'] }),
    resolutionAmountMinor: minor('resolution_amount_minor'),
    resolutionNote: text('resolution_note'),
    resolutionTransferId: text('resolution_transfer_id'),
    resolvedBy: text('resolved_by'),
    createdAt: instant('created_at').notNull(),
    resolvedAt: instant('resolved_at'),
    /**
     * A refund or reversal above the approval amount waits for a second staff member: what the
     * first one proposed, by whom and when. Cleared when declined; kept when approved (the
     * approver is then `resolvedBy`).
     */
    proposedOutcome: text('proposed_outcome', { enum: ['refund', 'reversal'] }),
    proposedAmountMinor: minor('proposed_amount_minor'),
    proposedNote: text('proposed_note'),
    proposedBy: text('proposed_by'),
    proposedAt: instant('proposed_at'),
  },
  (t) => [
    index('wallet_disputes_customer_idx').on(t.customerId, t.id),
    index('wallet_disputes_queue_idx').on(t.status, t.slaDueAt),
    uniqueIndex('wallet_disputes_open_per_transfer_uq').on(t.transferId).where(sql`${t.status} = 'open'`),
    index('wallet_disputes_sla_watch_idx')
      .on(t.slaDueAt)
      .where(sql`${t.status} = 'open' and ${t.slaBreachedAt} is null`),
  ],
);
