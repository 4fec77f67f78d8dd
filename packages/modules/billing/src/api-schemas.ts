// The shapes billing's HTTP API answers with, and the functions that turn values into them.

import { Instant, Literals } from '@zulin/platform';
import { Type } from 'typebox';
import { billLineKinds, billStatuses } from './kinds';
import type { BillView, PaymentRow } from './read-bills';
import type { WaiverView } from './waiver-requests';

const Minor = (description = 'integer minor units (分)') => Type.Integer({ description });

export const BillPaymentSchema = Type.Object(
  {
    id: Type.String(),
    billId: Type.String(),
    method: Type.String({ description: 'wallet, alipay or wechatpay' }),
    amountMinor: Minor(),
    allocations: Type.Array(Type.Object({ position: Type.Integer(), amountMinor: Minor() }), {
      description: 'how the payment was spread over the lines (penalty → fees → interest → rent/principal)',
    }),
    transferId: Type.String({ description: 'the ledger transfer that moved the money' }),
    createdAt: Instant,
  },
  { $id: 'BillPayment', title: 'BillPayment' },
);

/** A payment started at a channel for a bill: where to pay, and its state (payments' `GET /v1/payments/{id}`). */
export const ChannelPaymentSchema = Type.Object({
  id: Type.String({ description: 'the payment (GET /v1/payments/{id})' }),
  channel: Type.Union([Type.Literal('alipay'), Type.Literal('wechatpay')]),
  amountMinor: Minor(),
  state: Type.String({ description: 'created, pending, succeeded, failed, closed, unknown' }),
  cashierUrl: Type.Union([Type.String(), Type.Null()], { description: 'where the payer pays while pending' }),
});

export function presentChannelPayment(o: {
  id: string;
  channel: 'alipay' | 'wechatpay';
  amountMinor: number;
  state: string;
  cashierUrl: string | null;
}) {
  return { id: o.id, channel: o.channel, amountMinor: o.amountMinor, state: o.state, cashierUrl: o.cashierUrl };
}

export const BillSchema = Type.Object(
  {
    id: Type.String(),
    customerId: Type.String(),
    sourceType: Type.String({ description: 'rental, installment, manual, …' }),
    sourceId: Type.String(),
    period: Type.Integer({ description: '1-based period of the source; 0 for a one-off charge' }),
    title: Type.String(),
    currency: Type.Literal('CNY'),
    dueDate: Type.String({ format: 'date' }),
    amountMinor: Minor('the whole bill'),
    paidMinor: Minor(),
    waivedMinor: Minor(),
    outstandingMinor: Minor('what is still owed'),
    status: Literals(billStatuses),
    withdrawn: Type.Boolean({
      description:
        "true when the bill's source withdrew it (an installment order cancelled): closed as waived, but cancelled, not forgiven",
    }),
    withdrawReason: Type.Union(
      [
        Type.Object({
          code: Type.String({
            description: 'withdraw-reasons.ts: installment_order_cancelled, rental_after_sale_abandoned',
          }),
          params: Type.Record(Type.String(), Type.String(), { description: 'codes too: cause, kind' }),
        }),
        Type.Null(),
      ],
      {
        description:
          "why the bill's source withdrew it, codes only (the apps word them; the customer reads it too); null: not withdrawn, or before the codes",
      },
    ),
    daysOverdue: Type.Integer({ description: 'days past the due date while unpaid' }),
    issuedBy: Type.String(),
    createdAt: Instant,
    settledAt: Type.Union([Instant, Type.Null()]),
    lines: Type.Array(
      Type.Object({
        position: Type.Integer(),
        kind: Literals(billLineKinds),
        description: Type.String(),
        amountMinor: Minor(),
        paidMinor: Minor(),
        waivedMinor: Minor(),
        outstandingMinor: Minor(),
      }),
    ),
    payments: Type.Array(Type.Unsafe({ $ref: 'BillPayment#' })),
  },
  { $id: 'Bill', title: 'Bill' },
);

/**
 * A bill as staff see it: the customer by masked name and phone, and the staff's internal reason
 * for a waiver — which a customer's answer (Bill) never carries.
 */
export const AdminBillSchema = Type.Object(
  {
    ...BillSchema.properties,
    customerLabel: Type.Union([Type.String(), Type.Null()], {
      description: "the customer's masked name and phone (王*明 138****8000)",
    }),
    waiveReason: Type.Union([Type.String(), Type.Null()], {
      description:
        "the internal reason of the approved waiver; never shown to the customer. A bill withdrawn before the reason codes holds its source's English here",
    }),
    issuedByName: Type.Union([Type.String(), Type.Null()], {
      description:
        "the staff member's display name for a manual charge (issuedBy staff:<id>); null for a module's bill",
    }),
  },
  { $id: 'AdminBill', title: 'AdminBill' },
);

export function presentPayment(p: PaymentRow) {
  return {
    id: p.id,
    billId: p.billId,
    method: p.method,
    amountMinor: p.amountMinor,
    allocations: p.allocations,
    transferId: p.transferId,
    createdAt: p.createdAt.toISOString(),
  };
}

export function presentBill(b: BillView) {
  return {
    id: b.id,
    customerId: b.customerId,
    sourceType: b.sourceType,
    sourceId: b.sourceId,
    period: b.period,
    title: b.title,
    currency: 'CNY' as const,
    dueDate: b.dueDate,
    amountMinor: b.amountMinor,
    paidMinor: b.paidMinor,
    waivedMinor: b.waivedMinor,
    outstandingMinor: b.outstandingMinor,
    status: b.status,
    withdrawn: b.withdrawnAt !== null,
    withdrawReason:
      b.withdrawReasonCode === null ? null : { code: b.withdrawReasonCode, params: b.withdrawReasonParams ?? {} },
    daysOverdue: b.daysOverdue,
    // Customers read that staff issued a charge, not which staff member's id.
    issuedBy: b.issuedBy.startsWith('staff:') ? 'staff' : b.issuedBy,
    createdAt: b.createdAt.toISOString(),
    settledAt: b.settledAt ? b.settledAt.toISOString() : null,
    lines: b.lines,
    payments: b.payments.map(presentPayment),
  };
}

export function presentAdminBill(b: BillView, customerLabel: string | null, issuedByName: string | null) {
  return {
    ...presentBill(b),
    issuedBy: b.issuedBy,
    customerLabel,
    waiveReason: b.waiveReason,
    issuedByName,
  };
}

export const waiverStatuses = ['pending', 'approved', 'rejected'] as const;

export const BillWaiverRequestSchema = Type.Object(
  {
    id: Type.String(),
    billId: Type.String(),
    positions: Type.Union([Type.Array(Type.Integer()), Type.Null()], { description: 'null: every line' }),
    requestedMinor: Minor('what was left of those lines when asked'),
    reason: Type.String(),
    status: Literals(waiverStatuses),
    requestedBy: Type.String({ description: 'staff id of the maker' }),
    requestedByName: Type.Union([Type.String(), Type.Null()], { description: "the maker's display name or username" }),
    requestedAt: Instant,
    decidedBy: Type.Union([Type.String(), Type.Null()], { description: 'staff id of the checker' }),
    decidedByName: Type.Union([Type.String(), Type.Null()]),
    decidedAt: Type.Union([Instant, Type.Null()]),
    decisionNote: Type.Union([Type.String(), Type.Null()]),
    waivedMinor: Type.Union([Minor('what the approval waived'), Type.Null()]),
    billTitle: Type.String(),
    customerId: Type.String(),
    customerLabel: Type.Union([Type.String(), Type.Null()], { description: "the bill's customer, masked" }),
  },
  { $id: 'BillWaiverRequest', title: 'BillWaiverRequest' },
);

export function presentWaiver(r: WaiverView) {
  return {
    ...r,
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  };
}
