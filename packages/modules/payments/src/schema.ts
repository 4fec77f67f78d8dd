// Tables owned by payments. The `payments_sandbox_*` tables are the sandbox channel's own state (what
// WeChat Pay and Alipay would keep on their side); they are written only in sandbox mode, and kept in
// the database so that every process of the product sees the same sandbox.
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
    state: text('state', { enum: paymentStates }).notNull(),
    channelTradeNo: text('channel_trade_no'),
    cashierUrl: text('cashier_url'),
    failureReason: text('failure_reason'),
    refundedMinor: minor('refunded_minor').notNull().default(0),
    /** The janitor asks the channel again at this time (unknown and pending orders only). */
    nextQueryAt: instant('next_query_at'),
    queryAttempts: integer('query_attempts').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    completedAt: instant('completed_at'),
  },
  (t) => [
    uniqueIndex('payments_orders_out_trade_no_uq').on(t.outTradeNo),
    index('payments_orders_reference_idx').on(t.purpose, t.reference),
    index('payments_orders_next_query_idx').on(t.state, t.nextQueryAt),
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
