// Tables owned by the ledger. Accounts and transfers are append-only: no row of either is ever
// updated or deleted. The one mutable table is ledger_balances, a cache of the sums of the
// transfers kept in the same transaction as every insert and checked equal by verifyLedger.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'number' });

/** An account of the chart: who owns it, what it is for, its currency or asset and its balance rule. */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    ownerType: text('owner_type', { enum: ['platform', 'channel', 'customer', 'partner'] }).notNull(),
    ownerId: text('owner_id').notNull(),
    /** Set when the owner is a customer, so customer-owned rows can be found and distributed by customer. */
    customerId: text('customer_id'),
    purpose: text('purpose').notNull(),
    /** The chart-of-accounts code (1xxx assets, 2xxx liabilities, 4xxx revenue, 5xxx expenses). */
    code: integer('code').notNull(),
    currency: text('currency', { enum: ['CNY', 'POINTS'] }).notNull(),
    debitsMustNotExceedCredits: boolean('debits_must_not_exceed_credits').notNull(),
    creditsMustNotExceedDebits: boolean('credits_must_not_exceed_debits').notNull(),
    name: text('name').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_owner_purpose_uq').on(t.ownerType, t.ownerId, t.purpose, t.currency),
    index('ledger_accounts_customer_idx').on(t.customerId),
    index('ledger_accounts_code_idx').on(t.code, t.id),
    check('ledger_accounts_one_rule', sql`not (${t.debitsMustNotExceedCredits} and ${t.creditsMustNotExceedDebits})`),
  ],
);

/**
 * Every transfer ever made — the postings. A row never changes. Kinds (TigerBeetle's model):
 * `posted` moves money at once; `pending` holds it; `post_pending`, `void_pending` and
 * `expire_pending` resolve one pending transfer, name it in pending_id and release its whole
 * amount from pending (released_pending_minor), posting amount_minor (≤ the hold) when posting.
 */
export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: text('id').primaryKey(),
    /** Recording order: the ledger's own sequence, used for ordering and cursors. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    kind: text('kind', { enum: ['posted', 'pending', 'post_pending', 'void_pending', 'expire_pending'] }).notNull(),
    debitAccountId: text('debit_account_id').notNull(),
    creditAccountId: text('credit_account_id').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency', { enum: ['CNY', 'POINTS'] }).notNull(),
    /** What kind of business movement this is, e.g. `wallet.top_up`. */
    code: text('code').notNull(),
    /** The business object it belongs to (a payment order, a bill), searchable. */
    reference: text('reference'),
    metadata: jsonb('metadata').notNull(),
    pendingId: text('pending_id'),
    releasedPendingMinor: minor('released_pending_minor').notNull(),
    /** For a pending transfer: seconds until it may be expired (as asked), and the instant that gives. */
    timeoutSeconds: integer('timeout_seconds'),
    timeoutAt: instant('timeout_at'),
    reversesId: text('reverses_id'),
    /** The first leg's id when the transfer was one leg of a linked group. */
    linkedGroupId: text('linked_group_id'),
    effectiveAt: instant('effective_at').notNull(),
    /** Whether effectiveAt was given by the caller (compared on replay) or defaulted to recordedAt. */
    effectiveAtGiven: boolean('effective_at_given').notNull(),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_transfers_seq_uq').on(t.seq),
    // A pending transfer is resolved at most once: the database refuses a second resolution even if
    // the state check under lock were ever wrong.
    uniqueIndex('ledger_transfers_pending_once_uq').on(t.pendingId).where(sql`${t.pendingId} is not null`),
    index('ledger_transfers_debit_idx').on(t.debitAccountId, t.seq),
    index('ledger_transfers_credit_idx').on(t.creditAccountId, t.seq),
    index('ledger_transfers_reference_idx').on(t.reference),
    index('ledger_transfers_code_idx').on(t.code, t.seq),
    // The trial balance as of a moment reads the transfers recorded after it (trial-balance.ts).
    index('ledger_transfers_recorded_idx').on(t.recordedAt),
    index('ledger_transfers_reverses_idx').on(t.reversesId).where(sql`${t.reversesId} is not null`),
    index('ledger_transfers_open_pending_idx')
      .on(t.timeoutAt)
      .where(sql`${t.kind} = 'pending' and ${t.timeoutAt} is not null`),
    check(
      'ledger_transfers_amount_positive',
      sql`${t.amountMinor} > 0 or ${t.kind} in ('void_pending', 'expire_pending')`,
    ),
    check('ledger_transfers_two_accounts', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    check('ledger_transfers_released', sql`${t.releasedPendingMinor} >= 0`),
  ],
);

/** Per account, the four sums of its transfers. Updated only under a row lock, in the transfer's transaction. */
export const ledgerBalances = pgTable(
  'ledger_balances',
  {
    accountId: text('account_id').primaryKey(),
    debitsPostedMinor: minor('debits_posted_minor').notNull(),
    creditsPostedMinor: minor('credits_posted_minor').notNull(),
    debitsPendingMinor: minor('debits_pending_minor').notNull(),
    creditsPendingMinor: minor('credits_pending_minor').notNull(),
  },
  (t) => [
    check(
      'ledger_balances_non_negative',
      sql`${t.debitsPostedMinor} >= 0 and ${t.creditsPostedMinor} >= 0 and ${t.debitsPendingMinor} >= 0 and ${t.creditsPendingMinor} >= 0`,
    ),
  ],
);
