// Tables owned by payments. The `payments_sandbox_*` tables are the sandbox channel's own state (what
// WeChat Pay and Alipay would keep on their side); they are written only in sandbox mode, and kept in
// the database so that every process of the product sees the same sandbox.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'number' });

export const sandboxChannels = ['wechatpay', 'alipay'] as const;
export type SandboxChannel = (typeof sandboxChannels)[number];

/** The sandbox's keys, generated once at first use (PEM text; see docs/payments.md "Sandbox keys"). */
export const paymentsSandboxKeys = pgTable('payments_sandbox_keys', {
  id: text('id').primaryKey(),
  keys: jsonb('keys').notNull(),
  createdAt: instant('created_at').notNull(),
});

/**
 * A trade at the sandbox channel. `state` is the channel's neutral state; each channel's own words
 * are written by its endpoint (WeChat NOTPAY/SUCCESS/CLOSED/PAYERROR, Alipay WAIT_BUYER_PAY/…).
 */
export const sandboxTradeStates = ['open', 'paid', 'failed', 'closed'] as const;
export type SandboxTradeState = (typeof sandboxTradeStates)[number];

export const paymentsSandboxTrades = pgTable(
  'payments_sandbox_trades',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: sandboxChannels }).notNull(),
    /** WeChat mchid or Alipay app_id of the merchant that created the trade. */
    merchantId: text('merchant_id').notNull(),
    outTradeNo: text('out_trade_no').notNull(),
    /** The channel's own number (WeChat transaction_id, Alipay trade_no). */
    channelTradeNo: text('channel_trade_no').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    description: text('description').notNull(),
    notifyUrl: text('notify_url').notNull(),
    state: text('state', { enum: sandboxTradeStates }).notNull(),
    refundedMinor: minor('refunded_minor').notNull().default(0),
    /** Paid although the merchant had closed it (the "late payment after close" knob). */
    paidAfterClose: boolean('paid_after_close').notNull().default(false),
    createdAt: instant('created_at').notNull(),
    paidAt: instant('paid_at'),
    closedAt: instant('closed_at'),
  },
  (t) => [
    uniqueIndex('payments_sandbox_trades_out_trade_no_uq').on(t.channel, t.merchantId, t.outTradeNo),
    uniqueIndex('payments_sandbox_trades_channel_trade_no_uq').on(t.channel, t.channelTradeNo),
  ],
);

export const paymentsSandboxRefunds = pgTable(
  'payments_sandbox_refunds',
  {
    id: text('id').primaryKey(),
    tradeId: text('trade_id').notNull(),
    outRefundNo: text('out_refund_no').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    /** WeChat words: SUCCESS / CLOSED / PROCESSING / ABNORMAL. */
    status: text('status', { enum: ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] }).notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('payments_sandbox_refunds_out_refund_no_uq').on(t.tradeId, t.outRefundNo)],
);

/** A callback the sandbox owes the merchant; the sandbox's delivery sweep posts the due ones. */
export const paymentsSandboxNotifications = pgTable(
  'payments_sandbox_notifications',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: sandboxChannels }).notNull(),
    /** What the callback is about: the sandbox trade (`sbt_…`), or the agreement (`sbg_…`) for Alipay's dut_user_sign / dut_user_unsign. */
    tradeId: text('trade_id').notNull(),
    url: text('url').notNull(),
    /** The exact body and headers to post (already signed; WeChat signatures are re-made at sending). */
    body: text('body').notNull(),
    contentType: text('content_type').notNull(),
    dueAt: instant('due_at').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'lost', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastStatus: integer('last_status'),
    deliveredAt: instant('delivered_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('payments_sandbox_notifications_due_idx').on(t.status, t.dueAt)],
);

/** The sandbox's test knobs (one row, id 'knobs'); see docs/payments.md "Sandbox knobs". */
export const paymentsSandboxKnobs = pgTable('payments_sandbox_knobs', {
  id: text('id').primaryKey(),
  knobs: jsonb('knobs').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const paymentChannels = ['wechatpay', 'alipay'] as const;
export type PaymentChannelName = (typeof paymentChannels)[number];

/**
 * A payment order: one per attempt at a channel, with its own unique out_trade_no. `unknown` (the
 * channel timed out or answered 5xx) is never final: the janitor asks the channel again.
 */
export const paymentStates = ['created', 'pending', 'succeeded', 'failed', 'closed', 'unknown'] as const;
export type PaymentState = (typeof paymentStates)[number];

export const paymentsOrders = pgTable(
  'payments_orders',
  {
    id: text('id').primaryKey(),
    outTradeNo: text('out_trade_no').notNull(),
    channel: text('channel', { enum: paymentChannels }).notNull(),
    customerId: text('customer_id').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    description: text('description').notNull(),
    /** What the money is for (`wallet.top_up`, `billing.bill`) and which object: told back in events. */
    purpose: text('purpose').notNull(),
    reference: text('reference').notNull(),
    /** The ledger account a confirmed payment credits (through the channel's clearing account). */
    creditAccountId: text('credit_account_id').notNull(),
    /** The ledger code of the confirmed payment's posting, chosen by the creator (`wallet.top_up`). */
    postingCode: text('posting_code').notNull().default('payments.payment'),
    state: text('state', { enum: paymentStates }).notNull(),
    channelTradeNo: text('channel_trade_no'),
    cashierUrl: text('cashier_url'),
    failureReason: text('failure_reason'),
    refundedMinor: minor('refunded_minor').notNull().default(0),
    /** Set for an auto-debit charge: the agreement it is charged under (sent by the agreement sweep). */
    agreementId: text('agreement_id'),
    /** The janitor asks the channel again at this time (unknown and pending orders only). */
    nextQueryAt: instant('next_query_at'),
    queryAttempts: integer('query_attempts').notNull().default(0),
    /**
     * Set when what the payment was for went away (the order expired or was cancelled, the bill was
     * withdrawn): the janitor closes its trade at the channel at its next run (`abandonOpenPayments`).
     */
    abandonedAt: instant('abandoned_at'),
    /**
     * WeChat entrusted debit: when the pre-debit notice (预扣费通知) for this charge was accepted by the
     * channel; the charge sweep then applies the deduction and never notifies this charge again.
     */
    papayNotifiedAt: instant('papay_notified_at'),
    /**
     * The deduct_duration (days) of that notice: the deduction is allowed from 24 h after the notice
     * (扣款等待期) for this many days; past that the sweep notices the charge again (null: noticed before
     * migration 0077 — judged as one day).
     */
    papayNoticeDays: integer('papay_notice_days'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    completedAt: instant('completed_at'),
  },
  (t) => [
    uniqueIndex('payments_orders_out_trade_no_uq').on(t.outTradeNo),
    index('payments_orders_reference_idx').on(t.purpose, t.reference),
    index('payments_orders_next_query_idx').on(t.state, t.nextQueryAt),
    // Channel health: a channel's payments of the last 24 hours, and its newest success.
    index('payments_orders_channel_created_idx').on(t.channel, t.createdAt),
  ],
);

/** Every state change of an order, with where it came from (callback, query, our own close). */
export const paymentsOrderChanges = pgTable(
  'payments_order_changes',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    fromState: text('from_state', { enum: paymentStates }).notNull(),
    toState: text('to_state', { enum: paymentStates }).notNull(),
    source: text('source').notNull(),
    transferId: text('transfer_id'),
    at: instant('at').notNull(),
  },
  (t) => [index('payments_order_changes_order_idx').on(t.orderId, t.at)],
);

/**
 * A deposit authorisation (docs/payments.md "Deposit authorisation"): money the customer lets us
 * hold — an Alipay fund authorisation (credit and/or frozen funds) or a WeChat Pay Score service
 * order with a DEPOSIT risk fund — from which we capture and which we release.
 * `requested → authorised → partially_captured → released | settled`, plus `unknown` (the channel
 * did not answer) and `failed` (the channel refused).
 */
export const authorisationStates = [
  'requested',
  'unknown',
  'authorised',
  'partially_captured',
  'released',
  'settled',
  'failed',
] as const;
export type AuthorisationState = (typeof authorisationStates)[number];

/**
 * What holds a deposit: a channel's authorisation, or the customer's own wallet balance (a ledger
 * hold on the wallet account, docs/payments.md "Wallet hold"). A text column: no migration.
 */
export const authorisationInstruments = [...paymentChannels, 'wallet'] as const;
export type AuthorisationInstrumentName = (typeof authorisationInstruments)[number];

export const paymentsAuthorisations = pgTable(
  'payments_authorisations',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: authorisationInstruments }).notNull(),
    customerId: text('customer_id').notNull(),
    /** The caller's request number: asking again with it answers the same authorisation. */
    outRequestNo: text('out_request_no').notNull(),
    /** Our number at the channel (Alipay out_order_no, WeChat out_order_no). */
    outOrderNo: text('out_order_no').notNull(),
    description: text('description').notNull(),
    reference: text('reference').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    /** What the channel's credit covers (nothing frozen) and what it froze, as the channel reported. */
    creditMinor: minor('credit_minor').notNull().default(0),
    fundMinor: minor('fund_minor').notNull().default(0),
    capturedMinor: minor('captured_minor').notNull().default(0),
    releasedMinor: minor('released_minor').notNull().default(0),
    state: text('state', { enum: authorisationStates }).notNull(),
    /** Alipay auth_no; WeChat Pay Score order_id; a wallet hold: the ledger pending transfer holding what is left. */
    channelAuthNo: text('channel_auth_no'),
    failureReason: text('failure_reason'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    completedAt: instant('completed_at'),
  },
  (t) => [
    uniqueIndex('payments_authorisations_out_request_no_uq').on(t.outRequestNo),
    uniqueIndex('payments_authorisations_out_order_no_uq').on(t.outOrderNo),
    index('payments_authorisations_reference_idx').on(t.reference),
  ],
);

export const authorisationOperationKinds = ['capture', 'release'] as const;
export type AuthorisationOperationKind = (typeof authorisationOperationKinds)[number];
export const authorisationOperationStates = ['pending', 'unknown', 'succeeded', 'failed'] as const;
export type AuthorisationOperationState = (typeof authorisationOperationStates)[number];

/** One capture or release of an authorisation; its amount is reserved while pending or unknown. */
export const paymentsAuthorisationOperations = pgTable(
  'payments_authorisation_operations',
  {
    id: text('id').primaryKey(),
    authorisationId: text('authorisation_id').notNull(),
    kind: text('kind', { enum: authorisationOperationKinds }).notNull(),
    /** The caller's request number (unique per authorisation). */
    outRequestNo: text('out_request_no').notNull(),
    /** Ours at the channel: Alipay out_trade_no of the capture or out_request_no of the unfreeze. */
    channelRequestNo: text('channel_request_no').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    /** The ledger account a capture credits (through the channel's clearing account). */
    creditAccountId: text('credit_account_id'),
    state: text('state', { enum: authorisationOperationStates }).notNull(),
    channelTradeNo: text('channel_trade_no'),
    transferId: text('transfer_id'),
    failureReason: text('failure_reason'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('payments_authorisation_operations_request_uq').on(t.authorisationId, t.outRequestNo),
    uniqueIndex('payments_authorisation_operations_channel_request_uq').on(t.channelRequestNo),
  ],
);

/** The sandbox channel's side of an authorisation (Alipay fund auth order, WeChat Pay Score order). */
export const paymentsSandboxAuthorisations = pgTable(
  'payments_sandbox_authorisations',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: sandboxChannels }).notNull(),
    merchantId: text('merchant_id').notNull(),
    outOrderNo: text('out_order_no').notNull(),
    /** Alipay auth_no; WeChat order_id. */
    authNo: text('auth_no').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    creditMinor: minor('credit_minor').notNull(),
    fundMinor: minor('fund_minor').notNull(),
    capturedMinor: minor('captured_minor').notNull().default(0),
    releasedMinor: minor('released_minor').notNull().default(0),
    /** Neutral: open (Alipay AUTHORIZED, WeChat DOING), finished (FINISH / DONE), revoked (WeChat REVOKED). */
    state: text('state', { enum: ['open', 'finished', 'revoked'] }).notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('payments_sandbox_authorisations_out_order_no_uq').on(t.channel, t.merchantId, t.outOrderNo)],
);

/** Each request the sandbox carried out on an authorisation, for answering a repeated request the same. */
export const paymentsSandboxAuthorisationRequests = pgTable(
  'payments_sandbox_authorisation_requests',
  {
    id: text('id').primaryKey(),
    authorisationId: text('authorisation_id').notNull(),
    kind: text('kind', { enum: ['freeze', 'pay', 'unfreeze', 'complete', 'cancel'] }).notNull(),
    requestNo: text('request_no').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    tradeNo: text('trade_no'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('payments_sandbox_authorisation_requests_uq').on(t.authorisationId, t.kind, t.requestNo)],
);

/**
 * An auto-debit agreement (Alipay 周期扣款 CYCLE_PAY_AUTH): `signing` (the payer has the sign page)
 * → `active` (the channel reports it NORMAL) → `unsigned`; `failed` when the channel refused;
 * `expired` when it was still not signed a day after it was asked for. A customer has at most one
 * live (`signing` or `active`) agreement per channel.
 */
export const agreementStates = ['signing', 'active', 'unsigned', 'failed', 'expired'] as const;
export type AgreementState = (typeof agreementStates)[number];

export const paymentsAgreements = pgTable(
  'payments_agreements',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: paymentChannels }).notNull(),
    customerId: text('customer_id').notNull(),
    /** The caller's request number: asking again with it answers the same agreement. */
    outRequestNo: text('out_request_no').notNull(),
    /** Ours at the channel (Alipay external_agreement_no). */
    externalAgreementNo: text('external_agreement_no').notNull(),
    reference: text('reference').notNull(),
    /** The most one charge may take (Alipay period_rule_params.single_amount). */
    perChargeMaxMinor: minor('per_charge_max_minor').notNull(),
    periodDays: integer('period_days').notNull(),
    state: text('state', { enum: agreementStates }).notNull(),
    /** Alipay agreement_no, once signed. */
    channelAgreementNo: text('channel_agreement_no'),
    signUrl: text('sign_url').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    /** When the agreement sweep last asked the channel about it (while signing, or while its unsign is requested). */
    checkedAt: instant('checked_at'),
    /**
     * When the customer asked us to unsign it and the channel has not yet confirmed (it timed out or
     * answered 5xx): no charge is made under it, and the agreement sweep asks the channel again.
     */
    unsignRequestedAt: instant('unsign_requested_at'),
    /** Times the channel was asked to unsign it since the customer's request (the request's own ask included). */
    unsignAttempts: integer('unsign_attempts').notNull().default(0),
    /** What the channel last answered when it did not confirm the requested unsign (a timeout, a 5xx). */
    unsignLastError: text('unsign_last_error'),
    /**
     * When staff were alerted that the requested unsign is still not confirmed
     * (`unsignStuckAlertHours` after it); cleared with the request when the channel confirms.
     */
    unsignAlertedAt: instant('unsign_alerted_at'),
    /** When the agreement sweep last asked the channel whether an active agreement is still in force. */
    lastCheckedAt: instant('last_checked_at'),
    /**
     * When the agreement sweep next asks the channel whether this active agreement is still in force:
     * `activeAgreementRecheckDays` after it came into force or the channel last answered, sooner after
     * a query the channel did not answer (2, 4, 8 … min after it, at most a day).
     */
    recheckAt: instant('recheck_at'),
    /** Re-check queries in a row the channel did not answer (a timeout, a 5xx, the breaker open); cleared by an answer. */
    recheckFailures: integer('recheck_failures').notNull().default(0),
  },
  (t) => [
    uniqueIndex('payments_agreements_out_request_no_uq').on(t.outRequestNo),
    uniqueIndex('payments_agreements_external_no_uq').on(t.externalAgreementNo),
    index('payments_agreements_customer_idx').on(t.customerId),
    // One live agreement (being signed or in force) per customer and channel, whoever writes.
    uniqueIndex('payments_agreements_live_uq')
      .on(t.customerId, t.channel)
      .where(sql`${t.state} in ('signing', 'active')`),
    // The unsigns the agreement sweep still has to confirm at the channel (few at any time).
    index('payments_agreements_unsign_requested_idx')
      .on(t.unsignRequestedAt)
      .where(sql`${t.unsignRequestedAt} is not null`),
    // The active agreements the agreement sweep re-checks at the channel, the longest overdue first:
    // exactly the sweep's WHERE and ORDER BY (`dueRechecksQuery`), so PostgreSQL walks it and sorts
    // nothing. The index it replaces (0056) was on `last_checked_at`, but the sweep sorted by
    // `coalesce(last_checked_at, updated_at)`, which no index held.
    index('payments_agreements_recheck_idx')
      .on(t.recheckAt, t.id)
      .where(sql`${t.state} = 'active' and ${t.unsignRequestedAt} is null`),
  ],
);

/** The sandbox channel's side of an agreement. */
export const paymentsSandboxAgreements = pgTable(
  'payments_sandbox_agreements',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: sandboxChannels }).notNull(),
    merchantId: text('merchant_id').notNull(),
    externalAgreementNo: text('external_agreement_no').notNull(),
    agreementNo: text('agreement_no').notNull(),
    singleAmountMinor: minor('single_amount_minor').notNull(),
    /** Alipay words: TEMP (not yet signed), NORMAL, STOP. */
    status: text('status', { enum: ['TEMP', 'NORMAL', 'STOP'] }).notNull(),
    /** The merchant's notify_url from the sign request: dut_user_sign / dut_user_unsign go there ('' when none). */
    notifyUrl: text('notify_url').notNull().default(''),
    createdAt: instant('created_at').notNull(),
    signedAt: instant('signed_at'),
    /** WeChat papay: the estimated amount of the last pre-debit notice not yet used by a deduction (null: none). */
    noticeAmountMinor: minor('notice_amount_minor'),
    /** When that notice was accepted: a deduction is refused for 24 h after it (扣款等待期). */
    noticeAt: instant('notice_at'),
    /** Its deduct_duration (days): after the wait, deductions are accepted for this many days, then refused. */
    noticeDays: integer('notice_days'),
  },
  (t) => [
    uniqueIndex('payments_sandbox_agreements_external_uq').on(t.channel, t.merchantId, t.externalAgreementNo),
    uniqueIndex('payments_sandbox_agreements_no_uq').on(t.agreementNo),
  ],
);

/**
 * A refund of a paid order, a child record (docs/payments.md "Refunds"). Above the approval threshold
 * it waits for a second staff member (`awaiting_approval → approved`); then it is sent and ends in
 * WeChat's words: SUCCESS (`succeeded`), CLOSED (`closed`), ABNORMAL (`abnormal`), with PROCESSING
 * (`processing`) and `unknown` (no trustworthy answer) on the way. `rejected` by the checker.
 */
export const refundStates = [
  'awaiting_approval',
  'approved',
  'processing',
  'unknown',
  'succeeded',
  'closed',
  'abnormal',
  'rejected',
] as const;
export type RefundState = (typeof refundStates)[number];

export const paymentsRefunds = pgTable(
  'payments_refunds',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    /** The caller's request number (unique per order): asking again answers the same refund. */
    outRequestNo: text('out_request_no').notNull(),
    /** Ours at the channel (WeChat out_refund_no, Alipay out_request_no). */
    outRefundNo: text('out_refund_no').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    reason: text('reason').notNull(),
    state: text('state', { enum: refundStates }).notNull(),
    requestedBy: text('requested_by').notNull(),
    approvedBy: text('approved_by'),
    transferId: text('transfer_id'),
    failureReason: text('failure_reason'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('payments_refunds_request_uq').on(t.orderId, t.outRequestNo),
    uniqueIndex('payments_refunds_out_refund_no_uq').on(t.outRefundNo),
  ],
);

/**
 * One reconciliation of a channel's daily statement (T+1) against our payment orders
 * (docs/payments.md "Reconciliation"). Each run is kept; running a day again adds a new run.
 */
export const paymentsReconciliationRuns = pgTable(
  'payments_reconciliation_runs',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: paymentChannels }).notNull(),
    businessDate: text('business_date').notNull(),
    /** Rows of the statement that were payments, and our succeeded orders of that day. */
    statementCount: integer('statement_count').notNull(),
    ourCount: integer('our_count').notNull(),
    matchedCount: integer('matched_count').notNull(),
    mismatchCount: integer('mismatch_count').notNull(),
    statementTotalMinor: minor('statement_total_minor').notNull(),
    ourTotalMinor: minor('our_total_minor').notNull(),
    /** The channel's fees on the day's trades, as the statement reports them. */
    feeTotalMinor: minor('fee_total_minor').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('payments_reconciliation_runs_date_idx').on(t.businessDate, t.channel)],
);

export const reconciliationMismatchKinds = ['missing_ours', 'missing_theirs', 'amount_differs'] as const;
export type ReconciliationMismatchKind = (typeof reconciliationMismatchKinds)[number];

/** A difference a run found; `resolution` says what the run did about it (recovered, suspense, none). */
export const paymentsReconciliationMismatches = pgTable(
  'payments_reconciliation_mismatches',
  {
    id: text('id').primaryKey(),
    runId: text('run_id').notNull(),
    kind: text('kind', { enum: reconciliationMismatchKinds }).notNull(),
    outTradeNo: text('out_trade_no').notNull(),
    channelTradeNo: text('channel_trade_no'),
    orderId: text('order_id'),
    ourAmountMinor: minor('our_amount_minor'),
    theirAmountMinor: minor('their_amount_minor'),
    /** recovered (applied as paid), suspense (no order to apply to), none (for a person to look at). */
    resolution: text('resolution', { enum: ['recovered', 'suspense', 'none'] }).notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('payments_reconciliation_mismatches_run_idx').on(t.runId)],
);

/** The module's settings (`refunds`: the approval threshold), each a JSON document checked when saved, with who changed it. */
export const paymentsSettings = pgTable('payments_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * The circuit breaker of each channel, shared by every process of the installation (server,
 * worker, CLI): consecutive failed calls, when it opened, and the lease of the one trial call
 * allowed once the cool-down has passed (half-open). No row: closed, no failures.
 */
export const paymentsChannelBreakers = pgTable('payments_channel_breakers', {
  channel: text('channel', { enum: paymentChannels }).primaryKey(),
  consecutiveFailures: integer('consecutive_failures').notNull(),
  openedAt: instant('opened_at'),
  trialStartedAt: instant('trial_started_at'),
  lastFailure: text('last_failure'),
  updatedAt: instant('updated_at').notNull(),
});
