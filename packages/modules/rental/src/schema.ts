// Tables owned by the rental module: the orders (with the plan's terms and the quote copied onto
// them, so later catalog changes never reprice a signed rental), each order's timeline (every
// transition: who, when, from, to, the facts it rested on — the evidence trail), and the module's
// settings (the timers as configuration).
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
import type { AfterSaleKind, OrderAction, OrderState } from './order-machine';
import type { RentalPlanTerms } from './plan-terms';
import type { RentalQuote } from './quote-rental';
import type { Renewal } from './rent-schedule';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'number' });

/** The quote as it stood when the order was placed (the pre-check's waiver filled in). */
export type OrderQuoteSnapshot = Required<
  Pick<
    RentalQuote,
    | 'rentMinor'
    | 'upfrontPeriods'
    | 'upfrontMinor'
    | 'addOnsMinor'
    | 'shippingMinor'
    | 'discountMinor'
    | 'firstPaymentMinor'
    | 'depositMinor'
    | 'depositWaivedMinor'
    | 'depositToHoldMinor'
    | 'buyoutAtEndMinor'
    | 'totalRentMinor'
    | 'schedule'
  >
>;

export const rentalOrders = pgTable(
  'rental_orders',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    skuId: text('sku_id').notNull(),
    planId: text('plan_id').notNull(),
    status: text('status').$type<OrderState>().notNull(),
    openAfterSale: text('open_after_sale').$type<AfterSaleKind>(),
    plan: jsonb('plan').$type<RentalPlanTerms>().notNull(),
    addOns: jsonb('add_ons').$type<string[]>().notNull(),
    marketPriceMinor: minor('market_price_minor').notNull(),
    quote: jsonb('quote').$type<OrderQuoteSnapshot>().notNull(),
    firstPaymentMinor: minor('first_payment_minor').notNull(),
    depositMinor: minor('deposit_minor').notNull(),
    depositWaivedMinor: minor('deposit_waived_minor').notNull(),
    depositToHoldMinor: minor('deposit_to_hold_minor').notNull(),
    decisionId: text('decision_id'),
    decisionOutcome: text('decision_outcome'),
    decisionReasonCodes: jsonb('decision_reason_codes').$type<string[]>().notNull(),
    unitId: text('unit_id'),
    contractId: text('contract_id'),
    /** The shipping address, encrypted (personal data); the city in clear for the console's filters. */
    addressCiphertext: text('address_ciphertext').notNull(),
    city: text('city').notNull(),
    /** 门店自提: the pick-up store chosen at checkout (logistics' store code); null = 快递到家. */
    pickupStoreCode: text('pickup_store_code'),
    signedAt: instant('signed_at'),
    /** Set on signing: after this instant an unpaid order is cancelled and its unit released. */
    paymentDeadlineAt: instant('payment_deadline_at'),
    paidAt: instant('paid_at'),
    /** The payments order whose success paid the first payment (docs/rental.md, "Paying"). */
    firstPaymentId: text('first_payment_id'),
    /** The payments refund of the first payment, when the order was cancelled after it was paid. */
    firstPaymentRefundId: text('first_payment_refund_id'),
    /** The deposit authorisation (payments) holding the deposit not waived; set once it is authorised. */
    depositAuthorisationId: text('deposit_authorisation_id'),
    /** Of the hold, what the payer's credit covers (nothing frozen for it). */
    depositCreditMinor: minor('deposit_credit_minor'),
    depositAuthorisedAt: instant('deposit_authorised_at'),
    /** Authorisation attempts refused so far: each new attempt takes a new request number. */
    depositAttempts: integer('deposit_attempts').notNull().default(0),
    /** When what was left of the hold was released (cancelled, bought out or returned). */
    depositReleasedAt: instant('deposit_released_at'),
    deliveredOn: date('delivered_on', { mode: 'string' }),
    rentStartDate: date('rent_start_date', { mode: 'string' }),
    /** The last period of the rent schedule issued as a bill (the checkout's periods count as issued). */
    billedThroughPeriod: integer('billed_through_period').notNull().default(0),
    /** The due date of the next period to bill; the daily tick bills it `billIssueAheadDays` before. */
    nextBillDueDate: date('next_bill_due_date', { mode: 'string' }),
    closedAt: instant('closed_at'),
    closeReason: text('close_reason'),
    /** The renewals signed, in order: the schedule continues with them (rent-schedule.ts). */
    renewals: jsonb('renewals').$type<Renewal[]>().notNull().default(sql`'[]'::jsonb`),
    version: integer('version').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('rental_orders_customer_idx').on(t.customerId, t.createdAt, t.id),
    index('rental_orders_status_idx').on(t.status, t.createdAt, t.id),
    index('rental_orders_next_bill_idx').on(t.nextBillDueDate).where(sql`${t.status} in ('active', 'renewed')`),
    index('rental_orders_rent_start_idx').on(t.rentStartDate).where(sql`${t.status} = 'delivered'`),
    index('rental_orders_payment_deadline_idx').on(t.paymentDeadlineAt).where(sql`${t.status} = 'awaiting_payment'`),
    index('rental_orders_deposit_release_idx')
      .on(t.updatedAt)
      .where(sql`${t.depositAuthorisationId} is not null and ${t.depositReleasedAt} is null`),
  ],
);

/** Every transition of an order, in order: the timeline the customer and the console show. */
export const rentalOrderEvents = pgTable(
  'rental_order_events',
  {
    orderId: text('order_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').$type<OrderAction>().notNull(),
    fromStatus: text('from_status').$type<OrderState>().notNull(),
    toStatus: text('to_status').$type<OrderState>().notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    at: instant('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.seq] })],
);

/** The module's settings (`timers`), each a JSON document checked by its schema, with who changed it. */
export const rentalSettings = pgTable('rental_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * Priced exits given to a customer (early return, buyout, renewal): the quote as shown, kept so
 * that the action charges exactly its amount while it is valid, and refuses it after `validUntil`.
 */
export const rentalExitQuotes = pgTable(
  'rental_exit_quotes',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id').notNull(),
    kind: text('kind').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    quote: jsonb('quote').$type<Record<string, unknown>>().notNull(),
    validUntil: instant('valid_until').notNull(),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('rental_exit_quotes_order_idx').on(t.orderId, t.createdAt)],
);

export const afterSaleStatuses = ['open', 'done', 'abandoned'] as const;
export type AfterSaleStatus = (typeof afterSaleStatuses)[number];

/**
 * The after-sale actions taken on an order (return, buyout, renewal): the quote taken and its amount,
 * the exit bill that carries the money (what the quote adds beyond rent already billed), the renewal's
 * contract, the return's pick-up. At most one is open per order (the machine's rule, and this index).
 */
export const rentalAfterSales = pgTable(
  'rental_after_sales',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id').notNull(),
    kind: text('kind').$type<'return' | 'buyout' | 'renewal'>().notNull(),
    status: text('status').$type<AfterSaleStatus>().notNull(),
    quoteId: text('quote_id').notNull(),
    /** The quote's amount: what the action costs in all. */
    amountMinor: minor('amount_minor').notNull(),
    /** What the exit bill carries: the amount less the rent of remaining periods already billed. */
    billedMinor: minor('billed_minor').notNull(),
    billId: text('bill_id'),
    contractId: text('contract_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    createdAt: instant('created_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    index('rental_after_sales_order_idx').on(t.orderId, t.createdAt),
    uniqueIndex('rental_after_sales_open_uq').on(t.orderId).where(sql`${t.status} = 'open'`),
    uniqueIndex('rental_after_sales_bill_uq').on(t.billId),
    uniqueIndex('rental_after_sales_contract_uq').on(t.contractId),
  ],
);

export const inspectionStates = ['settling', 'settled'] as const;
export type InspectionState = (typeof inspectionStates)[number];

/** A photo of a returned phone, stored by the SHA-256 of its content (inspection-photos.ts). */
export const disputeOutcomes = ['upheld', 'adjusted'] as const;
export type DisputeOutcome = (typeof disputeOutcomes)[number];
export const disputeRefundStates = ['none', 'awaiting_approval', 'done'] as const;
export type DisputeRefundState = (typeof disputeRefundStates)[number];
/** One leg of a dispute credit given back: to the customer's wallet (a ledger transfer) or a channel refund. */
export interface DisputeRefundLeg {
  to: 'wallet' | 'alipay' | 'wechatpay';
  /** What the money was: captured from the deposit hold, or paid on the inspection's bill. */
  from: 'deposit_capture' | 'bill_payment';
  amountMinor: number;
  /** The wallet leg's ledger transfer, once booked. */
  transferId?: string;
  /** The channel leg's refund (payments), once requested; and the payment it refunds. */
  refundId?: string;
  paymentId?: string;
}

export interface InspectionPhoto {
  file: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * The graded inspection of a returned phone (inspect-return.ts) and its settlement against the
 * deposit hold (capture-deposit.ts): the grade, the priced lines and formula as shown, the plan
 * (capture what the hold covers, bill the rest, release what is left) and what the channel did.
 * One per order; `settling` until the capture and release are done and the rest is billed.
 */
export const rentalInspections = pgTable(
  'rental_inspections',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id').notNull(),
    afterSaleId: text('after_sale_id'),
    state: text('state').$type<InspectionState>().notNull(),
    grade: text('grade').$type<'A' | 'B' | 'C' | 'D'>().notNull(),
    findings: jsonb('findings').$type<{ code: string; quantity: number }[]>().notNull(),
    lines: jsonb('lines').$type<Record<string, unknown>[]>().notNull(),
    formula: jsonb('formula').$type<{ 'zh-CN': string; en: string }>().notNull(),
    note: text('note'),
    photos: jsonb('photos').$type<InspectionPhoto[]>().notNull(),
    chargeMinor: minor('charge_minor').notNull(),
    residualValueMinor: minor('residual_value_minor').notNull(),
    /** What was left of the hold when graded (0 when the deposit was all waived). */
    depositHeldMinor: minor('deposit_held_minor').notNull(),
    /** The plan: captured from the hold; the channel's answer may capture less (the rest is billed). */
    plannedCaptureMinor: minor('planned_capture_minor').notNull(),
    capturedMinor: minor('captured_minor').notNull().default(0),
    billedMinor: minor('billed_minor').notNull().default(0),
    releasedMinor: minor('released_minor').notNull().default(0),
    billId: text('bill_id'),
    inspectedBy: text('inspected_by').notNull(),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    /** The last day a dispute is accepted (inspectedOn + the dispute window). */
    disputeUntil: date('dispute_until', { mode: 'string' }).notNull(),
    disputedAt: instant('disputed_at'),
    disputeReason: text('dispute_reason'),
    /** How a person resolved the dispute (resolve-inspection-dispute.ts): the charge stands, or a credit. */
    disputeOutcome: text('dispute_outcome').$type<DisputeOutcome>(),
    /** What the customer is owed back (adjusted): waived on the bill first, the rest refunded. */
    disputeCreditMinor: minor('dispute_credit_minor'),
    /** The part of the credit waived on the inspection's bill. */
    disputeWaivedMinor: minor('dispute_waived_minor'),
    /** How the rest comes back: each leg to the wallet or a refund to the paying channel. */
    disputeRefunds: jsonb('dispute_refunds').$type<DisputeRefundLeg[]>(),
    /** `none` (nothing to give back), `awaiting_approval` (above the threshold: a second person), `done`. */
    disputeRefundState: text('dispute_refund_state').$type<DisputeRefundState>(),
    disputeResolvedAt: instant('dispute_resolved_at'),
    disputeResolvedBy: text('dispute_resolved_by'),
    disputeNote: text('dispute_note'),
    disputeApprovedBy: text('dispute_approved_by'),
    disputeApprovedAt: instant('dispute_approved_at'),
    settleAttempts: integer('settle_attempts').notNull().default(0),
    lastSettleError: text('last_settle_error'),
    createdAt: instant('created_at').notNull(),
    settledAt: instant('settled_at'),
  },
  (t) => [
    uniqueIndex('rental_inspections_order_uq').on(t.orderId),
    index('rental_inspections_settling_idx').on(t.createdAt).where(sql`${t.state} = 'settling'`),
  ],
);

export const faultStatuses = ['reported', 'diagnosing', 'repairing', 'swapping', 'resolved'] as const;
export type FaultStatus = (typeof faultStatuses)[number];
export type FaultResolution = 'repaired' | 'swapped' | 'no_fault';
export interface FaultCreditApplied {
  period: number;
  amountMinor: number;
  afterSaleId?: string;
  /** Paid to the customer's wallet: no rent bill was left to take it (fault-credit-payout.ts). */
  walletTransferId?: string;
}

/**
 * A fault reported during the rental (report-fault.ts) and what staff did about it (fault-actions.ts):
 * reported → diagnosing → repairing | swapping → resolved. At most one open per order (this index and
 * the order's after-sale lock, kind `fault`). The days from `reportedOn` to `workingPhoneOn` (both
 * included) are credited on the next rent bill (`creditMinor`, taken by the rent tick: `creditedMinor`).
 */
export const rentalFaults = pgTable(
  'rental_faults',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id').notNull(),
    status: text('status').$type<FaultStatus>().notNull(),
    description: text('description').notNull(),
    photos: jsonb('photos').$type<InspectionPhoto[]>().notNull(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    resolution: text('resolution').$type<FaultResolution>(),
    /** The phone the customer had when reporting, and the replacement (a swap) — unit ids and IMEIs. */
    faultyUnitId: text('faulty_unit_id').notNull(),
    faultyImei: text('faulty_imei'),
    replacementUnitId: text('replacement_unit_id'),
    replacementImei: text('replacement_imei'),
    /** The faulty phone received at the warehouse (repair or swap): it went to repair in inventory. */
    faultyReceivedAt: instant('faulty_received_at'),
    /** The phone going back to the customer (repaired or swapped) left the warehouse. */
    outboundShippedAt: instant('outbound_shipped_at'),
    outboundWaybillNo: text('outbound_waybill_no'),
    returnWaybillNo: text('return_waybill_no'),
    workingPhoneOn: date('working_phone_on', { mode: 'string' }),
    faultDays: integer('fault_days').notNull().default(0),
    /** Rent not charged for the days without a working phone; credited on the next rent bill(s). */
    creditMinor: minor('credit_minor').notNull().default(0),
    creditedMinor: minor('credited_minor').notNull().default(0),
    /** The credit priced per period of the schedule (fault-credit.ts), as shown. */
    credits: jsonb('credits').$type<Record<string, unknown>[]>().notNull().default(sql`'[]'::jsonb`),
    /**
     * Where the credit went: the rent period whose bill it reduced, and by how much; or the exit
     * (buyout, early return) whose quote took it off (`afterSaleId`, period 0) — given back if the
     * exit is abandoned.
     */
    appliedTo: jsonb('applied_to').$type<FaultCreditApplied[]>().notNull().default(sql`'[]'::jsonb`),
    note: text('note'),
    createdAt: instant('created_at').notNull(),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [
    index('rental_faults_order_idx').on(t.orderId, t.createdAt),
    uniqueIndex('rental_faults_open_uq').on(t.orderId).where(sql`${t.status} <> 'resolved'`),
    index('rental_faults_uncredited_idx').on(t.orderId).where(sql`${t.creditMinor} > ${t.creditedMinor}`),
  ],
);

/**
 * A carrier claim's life (carrier-claims.ts): `filed` while the carrier owes it; `paid` once its payments
 * reach the amount; `write_off_requested` when finance asks to write off what is left (the carrier paid
 * less, or refused); `written_off` once a second person approves that (a rejection sends it back to
 * `filed`). `paid` and `written_off` are final.
 */
export const carrierClaimStates = ['filed', 'paid', 'write_off_requested', 'written_off'] as const;
export type CarrierClaimState = (typeof carrierClaimStates)[number];

/**
 * Which parcel the carrier lost: the phone on its way to the customer (`outbound`, confirm-parcel-lost.ts)
 * or the phone coming back after the courier collected it (`return`, confirm-return-lost.ts).
 */
export const carrierClaimDirections = ['outbound', 'return'] as const;
export type CarrierClaimDirection = (typeof carrierClaimDirections)[number];

/**
 * What a carrier owes us for a parcel it lost — a return parcel it collected (confirm-return-lost.ts) or
 * an outbound one on its way to the customer (confirm-parcel-lost.ts): the phone's
 * residual value on the day the courier collected it (residual-value.ts, the figure the customer would
 * owe for a lost phone at grade D), capped at the parcel's declared value. Booked when filed (carrier
 * claims receivable 1400 against carrier compensation 4500, `bookedTransferId`); its payments
 * (`rental_carrier_claim_payments`) and a write-off of the rest move it on (carrier-claims.ts). One claim
 * per lost parcel.
 */
export const rentalCarrierClaims = pgTable(
  'rental_carrier_claims',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    shipmentId: text('shipment_id').notNull(),
    /** The lost parcel's direction (claims filed before outbound ones existed were all `return`). */
    direction: text('direction').$type<CarrierClaimDirection>().notNull().default('return'),
    carrier: text('carrier').notNull(),
    waybillNo: text('waybill_no').notNull(),
    unitId: text('unit_id'),
    imei: text('imei'),
    state: text('state').$type<CarrierClaimState>().notNull(),
    amountMinor: minor('amount_minor').notNull(),
    /** The phone's residual value on `lostOn` (before the cap at the declared value). */
    residualValueMinor: minor('residual_value_minor').notNull(),
    declaredValueMinor: minor('declared_value_minor').notNull(),
    reason: text('reason').notNull(),
    lostOn: date('lost_on', { mode: 'string' }).notNull(),
    filedBy: text('filed_by').notNull(),
    filedAt: instant('filed_at').notNull(),
    /** The ledger transfer that booked the receivable; null for a claim filed before claims were booked. */
    bookedTransferId: text('booked_transfer_id'),
    /** What the carrier has paid so far (the sum of the claim's payments). */
    paidMinor: minor('paid_minor').notNull().default(0),
    /** What was written off (set when a second person approves the write-off of the rest). */
    writtenOffMinor: minor('written_off_minor').notNull().default(0),
    writeOffReason: text('write_off_reason'),
    writeOffRequestedBy: text('write_off_requested_by'),
    writeOffRequestedAt: instant('write_off_requested_at'),
    /** Who approved or rejected the last write-off request, when, and why. */
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    decisionNote: text('decision_note'),
    closedAt: instant('closed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('rental_carrier_claims_shipment_uq').on(t.shipmentId),
    index('rental_carrier_claims_order_idx').on(t.orderId),
    index('rental_carrier_claims_state_idx').on(t.state, t.filedAt),
  ],
);

/**
 * A payment the carrier made on a claim, as finance recorded it from the bank statement: booked from the
 * bank's clearing account against the claim's receivable. The carrier's payment reference is unique per
 * claim, so the same payment is never recorded twice.
 */
export const rentalCarrierClaimPayments = pgTable(
  'rental_carrier_claim_payments',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => rentalCarrierClaims.id),
    amountMinor: minor('amount_minor').notNull(),
    reference: text('reference').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    transferId: text('transfer_id').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('rental_carrier_claim_payments_reference_uq').on(t.claimId, t.reference)],
);
