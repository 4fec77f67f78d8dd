// The shapes payments' HTTP API answers with, and the functions that turn rows into them.

import { Instant, Literals, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import type { Agreement } from './agreements';
import type { PaymentOrder } from './payment-orders';
import type { Refund } from './refunds';
import { agreementStates, paymentChannels, paymentStates, reconciliationMismatchKinds, refundStates } from './schema';

const Minor = (description = 'integer minor units (分)') => Type.Integer({ description });

export const PaymentStateSchema = Literals(paymentStates);
export const PaymentChannelSchema = Literals(paymentChannels);
export const RefundStateSchema = Literals(refundStates);
export const ReconciliationMismatchKindSchema = Literals(reconciliationMismatchKinds);

/** What the payer sees of a payment. */
export const PaymentSchema = Type.Object(
  {
    id: Type.String(),
    channel: PaymentChannelSchema,
    amountMinor: Minor(),
    refundedMinor: Minor('refunded so far'),
    state: PaymentStateSchema,
    description: Type.String(),
    purpose: Type.String({ description: 'what the money is for: billing.bill, wallet.top_up, …' }),
    reference: Type.String({ description: 'the object the money is for (a bill id, a top-up id)' }),
    cashierUrl: Nullable(Type.String({ description: 'where the payer pays while the payment is pending' })),
    createdAt: Instant,
    completedAt: Nullable(Instant),
  },
  { $id: 'Payment', title: 'Payment' },
);

export const RefundSchema = Type.Object(
  {
    id: Type.String(),
    paymentId: Type.String(),
    outRequestNo: Type.String(),
    amountMinor: Minor(),
    reason: Type.String(),
    state: RefundStateSchema,
    requestedBy: Type.String({ description: 'the staff member who asked' }),
    requestedByName: Nullable(Type.String({ description: 'their display name (else username); null if unknown' })),
    approvedBy: Nullable(Type.String({ description: 'the second staff member who approved or rejected' })),
    approvedByName: Nullable(Type.String({ description: 'their display name (else username)' })),
    failureReason: Nullable(Type.String()),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'PaymentRefund', title: 'PaymentRefund' },
);

/** What staff see of a payment: the channel's numbers, its state changes and its refunds. */
export const StaffPaymentSchema = Type.Object(
  {
    ...PaymentSchema.properties,
    customerId: Type.String(),
    customerLabel: Type.Optional(
      Nullable(Type.String({ description: 'the customer masked for staff (name or phone); in lists' })),
    ),
    outTradeNo: Type.String({ description: 'our number at the channel' }),
    channelTradeNo: Nullable(Type.String({ description: 'the channel’s own number once paid' })),
    failureReason: Nullable(Type.String()),
    refundableMinor: Minor('what may still be refunded'),
    queryAttempts: Type.Integer({ description: 'how often the janitor asked the channel' }),
    nextQueryAt: Nullable(
      Type.String({
        format: 'date-time',
        description:
          'when the janitor next asks the channel; on a failed payment, when it closes the trade there (null once closed)',
      }),
    ),
  },
  { $id: 'StaffPayment', title: 'StaffPayment' },
);

export const PaymentChangeSchema = Type.Object({
  fromState: PaymentStateSchema,
  toState: PaymentStateSchema,
  source: Type.String({ description: 'create, callback, query, close, …' }),
  transferId: Nullable(Type.String()),
  at: Instant,
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentPayment(o: PaymentOrder) {
  return {
    id: o.id,
    channel: o.channel,
    amountMinor: o.amountMinor,
    refundedMinor: o.refundedMinor,
    state: o.state,
    description: o.description,
    purpose: o.purpose,
    reference: o.reference,
    cashierUrl: o.state === 'pending' ? o.cashierUrl : null,
    createdAt: o.createdAt.toISOString(),
    completedAt: iso(o.completedAt),
  };
}

export function presentStaffPayment(o: PaymentOrder, refundableMinor: number) {
  return {
    ...presentPayment(o),
    customerId: o.customerId,
    outTradeNo: o.outTradeNo,
    channelTradeNo: o.channelTradeNo,
    failureReason: o.failureReason,
    refundableMinor,
    queryAttempts: o.queryAttempts,
    nextQueryAt: iso(o.nextQueryAt),
  };
}

/** The staff ids a refund names, for one `staffNames` lookup before presenting. */
export const refundStaffIds = (refunds: readonly Refund[]): string[] =>
  refunds.flatMap((r) => (r.approvedBy ? [r.requestedBy, r.approvedBy] : [r.requestedBy]));

export function presentRefund(r: Refund, names: ReadonlyMap<string, string> = new Map()) {
  return {
    id: r.id,
    paymentId: r.orderId,
    outRequestNo: r.outRequestNo,
    amountMinor: r.amountMinor,
    reason: r.reason,
    state: r.state,
    requestedBy: r.requestedBy,
    requestedByName: names.get(r.requestedBy) ?? null,
    approvedBy: r.approvedBy,
    approvedByName: r.approvedBy ? (names.get(r.approvedBy) ?? null) : null,
    failureReason: r.failureReason,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const AgreementSchema = Type.Object(
  {
    id: Type.String(),
    channel: Type.String(),
    state: Type.Union(agreementStates.map((s) => Type.Literal(s))),
    perChargeMaxMinor: Type.Integer({ description: 'the largest single charge the payer allowed, in 分' }),
    periodDays: Type.Integer(),
    signUrl: Type.Union([Type.String(), Type.Null()], { description: 'the channel’s sign page while signing' }),
    createdAt: Type.String({ format: 'date-time' }),
    stateSince: Type.String({
      format: 'date-time',
      description: 'when the agreement entered its state (for an active one: since when auto-debit is on)',
    }),
    unsignRequestedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description:
        'when I asked to end it and the channel has not confirmed yet: nothing is charged under it, and the channel is asked again',
    }),
  },
  { $id: 'PaymentAgreement' },
);

/** An auto-debit agreement as its payer sees it. */
export function presentAgreement(a: Agreement) {
  return {
    id: a.id,
    channel: a.channel,
    state: a.state,
    perChargeMaxMinor: a.perChargeMaxMinor,
    periodDays: a.periodDays,
    signUrl: a.state === 'signing' ? a.signUrl : null,
    createdAt: a.createdAt.toISOString(),
    stateSince: a.updatedAt.toISOString(),
    unsignRequestedAt: a.unsignRequestedAt?.toISOString() ?? null,
  };
}

/** An auto-debit agreement as staff see it: the payer's view and where a requested unsign stands. */
export const StaffAgreementSchema = Type.Object(
  {
    ...AgreementSchema.properties,
    customerId: Type.String(),
    unsignAttempts: Type.Integer({
      description: 'times the channel was asked to unsign it since the request and did not confirm',
    }),
    unsignLastError: Type.Union([Type.String(), Type.Null()], {
      description: 'what the channel last answered instead of confirming (a timeout, a 5xx)',
    }),
    unsignAlertedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'when staff were alerted that the unsign is not confirmed after 24 h (null once confirmed)',
    }),
    lastCheckedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'when the sweep last asked the channel whether the active agreement is still in force',
    }),
  },
  { $id: 'StaffPaymentAgreement' },
);

export function presentStaffAgreement(a: Agreement) {
  return {
    ...presentAgreement(a),
    customerId: a.customerId,
    unsignAttempts: a.unsignAttempts,
    unsignLastError: a.unsignLastError,
    unsignAlertedAt: a.unsignAlertedAt?.toISOString() ?? null,
    lastCheckedAt: a.lastCheckedAt?.toISOString() ?? null,
  };
}
