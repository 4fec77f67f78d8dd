// The shapes the installment module's HTTP API answers with (API.md fixes the calculators' fields
// exactly), and the request bodies of the public calculators.
import { ContractsLimits } from '@zulin/contracts';
import { shipmentStates } from '@zulin/logistics';
import { Literals, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import { cancelReasonCodes } from './cancel-reasons';
import { InstallmentLimits } from './limits';
import { overduePolicySchema } from './overdue-policy';
import { installmentFulfilmentStates, installmentOrderStatuses } from './schema';
import { installmentTimersSchema } from './timers';
import { installmentMethods, type ScheduleRow } from './types';

const Minor = (description = 'integer minor units (分)') => Type.Integer({ description });
const DateString = Type.String({ format: 'date' });

export const ScheduleRowSchema = Type.Object(
  {
    period: Type.Integer({ description: '1-based period' }),
    dueDate: DateString,
    principalMinor: Minor(),
    interestMinor: Minor(),
    feeMinor: Minor(),
    paymentMinor: Minor('principal + interest + fee of the period'),
    balanceAfterMinor: Minor('principal still owed after the period'),
  },
  { $id: 'InstallmentScheduleRow', title: 'InstallmentScheduleRow' },
);
const Row = Type.Unsafe<ScheduleRow>({ $ref: 'InstallmentScheduleRow#' });

export const InstallmentQuoteSchema = Type.Object(
  {
    aprSimpleBps: Type.Integer({
      description: 'the annualised rate, shown first: 12 × the monthly IRR of the cash flows, in bps (half-up)',
    }),
    aprCompoundBps: Type.Integer({ description: '(1 + monthly IRR)^12 − 1, in bps (half-up)' }),
    currency: Type.Literal('CNY'),
    principalMinor: Minor('the amount financed'),
    totalInterestMinor: Minor(),
    totalFeeMinor: Minor(),
    totalPaymentMinor: Minor('principal + interest + fees'),
    schedule: Type.Array(Row),
  },
  { $id: 'InstallmentQuote', title: 'InstallmentQuote' },
);

export const PartialPrepayQuoteSchema = Type.Object(
  {
    principalPrepaidMinor: Minor('X, the principal repaid now'),
    feeMinor: Minor('the prepay fee, charged on top of X'),
    balanceAfterMinor: Minor("B' = B_k − X"),
    interestSavedMinor: Minor("the old schedule's interest for periods k + 1 onward minus the new one's"),
    schedule: Type.Array(Row, { description: 'periods k + 1 onward, rebuilt' }),
  },
  { $id: 'InstallmentPartialPrepayQuote', title: 'InstallmentPartialPrepayQuote' },
);

export const PayoffQuoteSchema = Type.Object(
  {
    principalMinor: Minor('the balance after the last paid period'),
    accruedInterestMinor: Minor('interest from the last paid due date (or the start) to the payoff date'),
    feeMinor: Minor('the prepay fee'),
    payoffMinor: Minor('everything owed to close the plan that day'),
  },
  { $id: 'InstallmentPayoffQuote', title: 'InstallmentPayoffQuote' },
);

/**
 * Numbers are typed as numbers, not integers, so that the engine — not the schema — refuses a
 * fractional amount, with INSTALLMENT_TERMS_INVALID naming every bad field at once.
 */
export const TermsBody = {
  principalMinor: Type.Number({ description: 'the amount financed, 分 (1 to 100,000,000)' }),
  termMonths: Type.Number({ description: `1 to ${InstallmentLimits.termMonthsMax}` }),
  annualRateBps: Type.Number({ description: 'the nominal annual rate in basis points (0 = interest free)' }),
  method: Literals(installmentMethods),
  feeRateBpsPerPeriod: Type.Optional(Type.Number({ description: 'a fee of round(P × rate) every period; default 0' })),
  startDate: Type.String({ maxLength: 10, description: 'YYYY-MM-DD; due dates keep its day of the month' }),
};

export const PrepayFields = {
  strategy: Literals(['reduce_term', 'reduce_installment', 'payoff'] as const),
  prepayMinor: Type.Optional(Type.Number({ description: 'X, for reduce_term and reduce_installment' })),
  payoffDate: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD, for payoff' })),
  prepayFeeMinor: Type.Optional(Type.Number({ description: 'default 0' })),
};

export const InstallmentOrderSchema = Type.Object(
  {
    id: Type.String(),
    aprSimpleBps: Type.Integer({ description: 'the annualised rate (IRR-based), shown first and largest' }),
    aprCompoundBps: Type.Integer(),
    penaltyAnnualRateBps: Type.Integer({
      description:
        'penalty interest a year on overdue principal (÷365 a day), fixed when the order was placed and stated in its contract',
    }),
    customerId: Type.String(),
    customerLabel: Type.Optional(
      Type.String({ description: 'For staff: the masked real name and phone ("王*明 138****8000")' }),
    ),
    skuId: Type.String(),
    deviceName: Type.String({ description: 'brand, model, storage and colour, as the contract names the phone' }),
    offerId: Type.String(),
    status: Literals(installmentOrderStatuses),
    priceMinor: Minor('the phone’s price'),
    downPaymentMinor: Minor(),
    principalMinor: Minor('the amount financed'),
    termMonths: Type.Integer(),
    annualRateBps: Type.Integer({ description: 'the nominal rate of the offer' }),
    method: Literals(installmentMethods),
    feeRateBpsPerPeriod: Type.Integer(),
    decisionOutcome: Nullable(Type.String()),
    contractId: Nullable(Type.String()),
    signedAt: Nullable(Type.String({ format: 'date-time' })),
    cancelledAt: Nullable(Type.String({ format: 'date-time' })),
    paymentDeadlineAt: Nullable(
      Type.String({ format: 'date-time', description: 'By when the order must be signed and its down payment paid' }),
    ),
    expiredAt: Nullable(
      Type.String({ format: 'date-time', description: 'Cancelled by the unpaid-order sweep at its deadline' }),
    ),
    refundedMinor: Minor('the down payment given back to the wallet when cancelled'),
    activatedOn: Nullable(DateString),
    paidOffOn: Nullable(DateString),
    fulfilment: Type.Union([Literals(installmentFulfilmentStates), Type.Null()], {
      description: 'where the phone is once the order started: awaiting_shipment → shipped → delivered',
    }),
    unitId: Nullable(Type.String({ description: 'the phone reserved for the order, then the one shipped' })),
    imei: Nullable(Type.String({ description: 'the phone shipped' })),
    carrier: Nullable(Type.String()),
    waybillNo: Nullable(Type.String()),
    shippedAt: Nullable(Type.String({ format: 'date-time' })),
    deliveredAt: Nullable(Type.String({ format: 'date-time' })),
    ownershipTransferredAt: Nullable(
      Type.String({ format: 'date-time', description: 'paid off and shipped: the phone is the customer’s' }),
    ),
    paidPeriods: Type.Integer({ description: 'periods 1…k whose bills are settled' }),
    balanceMinor: Minor('principal still owed after the paid periods'),
    schedule: Type.Array(
      Type.Object({
        period: Type.Integer(),
        dueDate: DateString,
        principalMinor: Minor(),
        interestMinor: Minor(),
        feeMinor: Minor(),
        paymentMinor: Minor(),
        balanceAfterMinor: Minor(),
        billId: Nullable(Type.String()),
        billStatus: Nullable(Type.String()),
      }),
      { description: 'the plan as it stands (the quote until the order starts)' },
    ),
    autoDebitFailures: Type.Array(
      Type.Object({
        billId: Type.String(),
        period: Type.Integer(),
        title: Type.String(),
        outstandingMinor: Minor(),
        dueDate: DateString,
        attempt: Type.Integer({ description: '0 on the due date, n on the n-th retry day' }),
        failedOn: DateString,
        nextRetryDate: Nullable(DateString),
      }),
      {
        description:
          'unpaid period bills whose newest auto-debit attempt the channel refused, with the next retry day (null: no retry left)',
      },
    ),
    bills: Type.Array(
      Type.Object({
        kind: Literals(['down_payment', 'period', 'prepayment', 'payoff'] as const),
        sequence: Type.Integer(),
        billId: Type.String(),
        amountMinor: Minor(),
        dueDate: DateString,
      }),
    ),
    prepayments: Type.Array(
      Type.Object({
        id: Type.String(),
        strategy: Literals(['reduce_term', 'reduce_installment', 'payoff'] as const),
        paidPeriods: Type.Integer(),
        effectiveDate: DateString,
        principalMinor: Minor(),
        interestMinor: Minor(),
        feeMinor: Minor(),
        totalMinor: Minor(),
        createdAt: Type.String({ format: 'date-time' }),
      }),
    ),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'InstallmentOrder', title: 'InstallmentOrder' },
);

const AccountRef = Type.Object({ code: Type.Integer(), name: Type.String() });

/** The console's view of one order: the owner's view plus lateness, payments and ledger postings. */
const orderFunderFields = {
  funderId: Type.String(),
  funderName: Type.String(),
  principalShareBps: Type.Integer(),
  interestShareBps: Type.Integer(),
  assignedAt: Type.String({ format: 'date-time' }),
  assignedBy: Type.String(),
  disbursedMinor: Type.Union([Type.Integer(), Type.Null()]),
  disbursedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  disbursementReversedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  collections: Type.Array(
    Type.Object({
      paymentId: Type.String(),
      billId: Type.String(),
      billKind: Type.String(),
      sequence: Type.Integer(),
      collectedMinor: Type.Integer(),
      principalMinor: Type.Integer(),
      interestMinor: Type.Integer(),
      otherMinor: Type.Integer(),
      funderShareMinor: Type.Integer(),
      platformShareMinor: Type.Integer(),
      collectedOn: Type.String({ format: 'date' }),
    }),
  ),
};

export const OrderFunderSchema = Type.Object(orderFunderFields, { $id: 'InstallmentOrderFunder' });

export const InstallmentOrderOversightSchema = Type.Object(
  {
    order: Type.Unsafe({ $ref: 'InstallmentOrder#' }),
    overdue: Type.Object({
      asOfDate: DateString,
      daysPastDue: Type.Integer({ description: 'days since the oldest unpaid period’s due date' }),
      bucket: Nullable(Type.String({ description: 'the delinquency bucket (M1…), null while current' })),
      overduePeriods: Type.Array(Type.Integer()),
      overduePrincipalMinor: Minor(),
      penaltyAnnualRateBps: Type.Integer(),
      penaltyAccruedMinor: Minor('penalty interest accrued to asOfDate on the overdue principal (what the tick books)'),
      penaltyBilledMinor: Minor('penalty booked on the period bills by the daily tick'),
      penaltyOutstandingMinor: Minor('penalty booked and neither paid nor waived'),
      penaltyLines: Type.Array(
        Type.Object({
          billId: Type.String(),
          period: Type.Integer(),
          position: Type.Integer({ description: 'the line of the bill (for a waiver request)' }),
          amountMinor: Minor(),
          paidMinor: Minor(),
          waivedMinor: Minor(),
          outstandingMinor: Minor(),
        }),
      ),
    }),
    bucketHistory: Type.Array(
      Type.Object({
        changedOn: DateString,
        fromBucket: Nullable(Type.String()),
        toBucket: Nullable(Type.String({ description: 'null: current again' })),
        daysPastDue: Type.Integer(),
      }),
      { description: 'each change of the delinquency bucket, oldest first (the daily tick)' },
    ),
    autoDebitAttempts: Type.Array(
      Type.Object({
        billId: Type.String(),
        period: Type.Integer(),
        attempt: Type.Integer({ description: '0 on the due date, n on the n-th retry day (D+1, D+3, D+5)' }),
        paymentId: Type.String(),
        state: Type.String({ description: 'the payment order: created, pending, unknown, succeeded, failed, closed' }),
        amountMinor: Minor(),
        date: DateString,
        failureReason: Nullable(Type.String()),
      }),
      { description: 'every auto-debit attempt on the order’s period bills, by period and attempt' },
    ),
    payments: Type.Array(
      Type.Object({
        billId: Type.String(),
        kind: Literals(['down_payment', 'period', 'prepayment', 'payoff'] as const),
        sequence: Type.Integer(),
        method: Type.String({ description: 'wallet, alipay or wechatpay' }),
        amountMinor: Minor(),
        paidAt: Type.String({ format: 'date-time' }),
      }),
    ),
    postings: Type.Array(
      Type.Object({
        id: Type.String(),
        code: Type.String(),
        reference: Nullable(Type.String()),
        amountMinor: Minor(),
        debit: AccountRef,
        credit: AccountRef,
        recordedAt: Type.String({ format: 'date-time' }),
      }),
    ),
    parcels: Type.Array(
      Type.Object({
        shipmentId: Type.String(),
        direction: Literals(['outbound', 'return'] as const),
        carrier: Type.String(),
        waybillNo: Type.String(),
        state: Literals(shipmentStates),
        imei: Nullable(Type.String()),
        unitId: Nullable(Type.String()),
        createdAt: Type.String({ format: 'date-time' }),
        deliveredAt: Nullable(Type.String({ format: 'date-time' })),
      }),
      { description: 'the order’s parcels (logistics), newest first' },
    ),
    funder: Type.Union([Type.Object(orderFunderFields), Type.Null()], {
      description: 'the funder partner of the order and every collection split with it; null when unfunded',
    }),
    cancelReason: Type.Union(
      [
        Type.Object({
          code: Nullable(Literals(cancelReasonCodes, 'a reason the system gave, for the screen to translate')),
          text: Nullable(Type.String({ description: 'a reason someone typed, as typed' })),
        }),
        Type.Null(),
      ],
      { description: 'why the order was cancelled: a code or a typed text; null when not cancelled' },
    ),
  },
  { $id: 'InstallmentOrderOversight', title: 'InstallmentOrderOversight' },
);

export const OrderStatusFilter = Type.Optional(Literals(installmentOrderStatuses));

export const OrderPrepayQuoteSchema = Type.Object(
  {
    strategy: Literals(['reduce_term', 'reduce_installment', 'payoff'] as const),
    paidPeriods: Type.Integer({ description: 'k: the period after whose payment the money takes effect' }),
    effectiveDate: DateString,
    totalDueMinor: Minor('what is paid now: X + fee, or the payoff'),
    quote: Type.Union([
      Type.Unsafe({ $ref: 'InstallmentPartialPrepayQuote#' }),
      Type.Unsafe({ $ref: 'InstallmentPayoffQuote#' }),
    ]),
    prepaymentId: Type.Optional(Type.String()),
    billId: Type.Optional(Type.String({ description: 'the bill the prepayment was paid through' })),
  },
  { $id: 'InstallmentOrderPrepayment', title: 'InstallmentOrderPrepayment' },
);

export const OrderPrepayBody = Type.Union([
  Type.Object(
    {
      strategy: Literals(['reduce_term', 'reduce_installment'] as const),
      prepayMinor: Type.Integer({ minimum: 1, maximum: InstallmentLimits.principalMinorMax }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ strategy: Type.Literal('payoff') }, { additionalProperties: false }),
]);

/** The signing body, as rental's and contracts' own sign routes take it. */
export const OrderSignBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 12 }),
    // One object rather than a union: the validator strips unknown properties branch by branch.
    signature: Type.Object(
      {
        kind: Type.Union([Type.Literal('drawn'), Type.Literal('typed')]),
        dataUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 420_000 })),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: ContractsLimits.typedSignatureLengthMax })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** Staff cancelling an order: the reason is required (it is audited). */
export const AdminOrderCancelBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: InstallmentLimits.cancelReasonLengthMax }) },
  { additionalProperties: false },
);

export const OrderCancelBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: InstallmentLimits.cancelReasonLengthMax })) },
  { additionalProperties: false },
);

/** The installment timers in force, their defaults, and who changed them last (GET/PUT /v1/admin/installment-timers). */
export const InstallmentTimersViewSchema = Type.Object(
  {
    timers: installmentTimersSchema,
    defaults: { ...installmentTimersSchema, description: 'what each timer is when nothing is stored' },
    updatedBy: Nullable(Type.String()),
    updatedByName: Nullable(Type.String({ description: 'the staff member who last changed them' })),
    updatedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'InstallmentTimers', title: 'InstallmentTimers' },
);

/** The overdue policy in force, its defaults, and who changed it last (GET/PUT /v1/admin/installment-overdue-policy). */
export const InstallmentOverduePolicyViewSchema = Type.Object(
  {
    policy: overduePolicySchema,
    penaltyRateForNewOrdersBps: Type.Integer({
      description:
        'the penalty rate a year orders placed from now carry in their contract (null in the policy: the cap)',
    }),
    rateCapBps: Type.Integer({
      description:
        'the rate cap in force (the operator’s LPR × multiple, GET /v1/admin/installment-rate-cap): the highest penalty rate allowed',
    }),
    defaults: { ...overduePolicySchema, description: 'the policy when nothing is stored' },
    updatedBy: Nullable(Type.String()),
    updatedByName: Nullable(Type.String({ description: 'the staff member who last changed it' })),
    updatedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'InstallmentOverduePolicy', title: 'InstallmentOverduePolicy' },
);
