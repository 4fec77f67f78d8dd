// Tables owned by the installment module: the orders (the offer's terms and the plan as it stands
// copied onto them, so a later offer change never reprices a signed plan), the bills issued for each
// order (which billing bill is which period), and every prepayment and payoff booked.
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
import type { InstallmentQuote } from './quote-installment';
import type { InstallmentMethod, InstallmentPlan } from './types';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'number' });

export const installmentOrderStatuses = [
  'pending_review',
  'rejected',
  'awaiting_signature',
  'awaiting_down_payment',
  'active',
  'paid_off',
  'cancelled',
] as const;
export type InstallmentOrderStatus = (typeof installmentOrderStatuses)[number];

/**
 * Where the phone is (issue #15): set when the order starts; null before. `returned` / `lost`: the
 * parcel came back undelivered (refused or not collected) or was lost in transit, and the order was
 * cancelled with it (undelivered-parcel.ts).
 */
export const installmentFulfilmentStates = ['awaiting_shipment', 'shipped', 'delivered', 'returned', 'lost'] as const;
export type InstallmentFulfilment = (typeof installmentFulfilmentStates)[number];

export interface OrderOfferTerms {
  termMonths: number;
  annualRateBps: number;
  feeRateBpsPerPeriod: number;
  downPaymentBps: number;
  method: InstallmentMethod;
}

export const installmentOrders = pgTable(
  'installment_orders',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    skuId: text('sku_id').notNull(),
    offerId: text('offer_id').notNull(),
    status: text('status').$type<InstallmentOrderStatus>().notNull(),
    priceMinor: minor('price_minor').notNull(),
    downPaymentMinor: minor('down_payment_minor').notNull(),
    principalMinor: minor('principal_minor').notNull(),
    /** The offer's terms as they were when the order was placed. */
    offerTerms: jsonb('offer_terms').$type<OrderOfferTerms>().notNull(),
    /**
     * Penalty interest a year on overdue principal, in bps: the overdue policy's rate when the order was
     * placed, printed in its contract. Null for orders placed before it was kept (they accrue at the
     * default, the rate cap, which was the only rate then).
     */
    penaltyAnnualRateBps: integer('penalty_annual_rate_bps'),
    /** The quote shown when the order was placed (its start date the day of the order). */
    quote: jsonb('quote').$type<InstallmentQuote>().notNull(),
    /** The plan as it stands: set when the order is activated, rebuilt by each partial prepayment. */
    plan: jsonb('plan').$type<InstallmentPlan>(),
    /** Periods 1…billedPeriods have their bill issued. */
    billedPeriods: integer('billed_periods').notNull(),
    decisionId: text('decision_id'),
    decisionOutcome: text('decision_outcome'),
    contractId: text('contract_id'),
    /** When the customer signed the contract: the sale is booked and the down payment billed then. */
    signedAt: instant('signed_at'),
    cancelledAt: instant('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /**
     * By when the customer must sign and pay the down payment (placing + `unpaidOrderMinutes`), fixed
     * when the order is placed approved; null for orders placed rejected or under review.
     */
    paymentDeadlineAt: instant('payment_deadline_at'),
    /** Set when the unpaid-order sweep cancelled the order at its deadline (status `cancelled`). */
    expiredAt: instant('expired_at'),
    /** What the cancellation gave back to the customer's wallet (the down payment paid), in 分. */
    refundedMinor: minor('refunded_minor'),
    activatedOn: date('activated_on', { mode: 'string' }),
    paidOffOn: date('paid_off_on', { mode: 'string' }),
    /** The unit reserved for the order (inventory), then the one shipped: the IMEI scanned at the desk. */
    unitId: text('unit_id'),
    /** The delivery address (logistics' Address as JSON), encrypted as personal data; null for orders placed without one. */
    addressCiphertext: text('address_ciphertext'),
    city: text('city'),
    fulfilment: text('fulfilment').$type<InstallmentFulfilment>(),
    shippedAt: instant('shipped_at'),
    deliveredAt: instant('delivered_at'),
    carrier: text('carrier'),
    waybillNo: text('waybill_no'),
    /** The IMEI of the phone shipped (scanned at the desk). */
    imei: text('imei'),
    /** When the phone became the customer's: paid off and shipped (the unit `sold`). */
    ownershipTransferredAt: instant('ownership_transferred_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('installment_orders_customer_idx').on(t.customerId, t.createdAt),
    index('installment_orders_status_idx').on(t.status),
    index('installment_orders_deadline_idx').on(t.status, t.paymentDeadlineAt),
    index('installment_orders_fulfilment_idx').on(t.fulfilment, t.activatedOn),
  ],
);

export const installmentBillKinds = ['down_payment', 'period', 'prepayment', 'payoff'] as const;
export type InstallmentBillKind = (typeof installmentBillKinds)[number];

export const installmentOrderBills = pgTable(
  'installment_order_bills',
  {
    orderId: text('order_id').notNull(),
    kind: text('kind').$type<InstallmentBillKind>().notNull(),
    /** The schedule period for `period` bills; the prepayment's sequence number otherwise (0 for the down payment). */
    sequence: integer('sequence').notNull(),
    billId: text('bill_id').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.kind, t.sequence] }),
    uniqueIndex('installment_order_bills_bill_uq').on(t.billId),
  ],
);

export const installmentPrepayments = pgTable(
  'installment_prepayments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    sequence: integer('sequence').notNull(),
    strategy: text('strategy').$type<'reduce_term' | 'reduce_installment' | 'payoff'>().notNull(),
    paidPeriods: integer('paid_periods').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    principalMinor: minor('principal_minor').notNull(),
    interestMinor: minor('interest_minor').notNull(),
    feeMinor: minor('fee_minor').notNull(),
    totalMinor: minor('total_minor').notNull(),
    /** What the quote showed, stored as booked (it is the same computation). */
    quote: jsonb('quote').$type<Record<string, unknown>>().notNull(),
    billId: text('bill_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('installment_prepayments_order_seq_uq').on(t.orderId, t.sequence)],
);

/**
 * Each change of an order's delinquency bucket (issue #15), written by the daily overdue tick when the
 * bucket of the order's days past due differs from the last row's: null is current (not late). At
 * most one change per order and business date, so a second run of the tick the same day adds nothing.
 */
export const installmentBucketChanges = pgTable(
  'installment_bucket_changes',
  {
    orderId: text('order_id').notNull(),
    changedOn: date('changed_on', { mode: 'string' }).notNull(),
    fromBucket: text('from_bucket'),
    toBucket: text('to_bucket'),
    daysPastDue: integer('days_past_due').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.changedOn] })],
);
export {
  installmentFunderCollections,
  installmentFunderSettlements,
  installmentFunders,
  installmentOrderFunders,
} from './funders-schema';

/** The module's settings (`timers`: installment-settings.ts), each a JSON document checked by its schema, with who changed it. */
export const installmentSettings = pgTable('installment_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
