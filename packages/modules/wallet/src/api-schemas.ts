// The shapes the wallet's HTTP API answers with, and the functions that turn values into them.

import { Instant, Literals, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import type { BillSplitView } from './bill-splits';
import type { DisputeView } from './dispute-views';
import type { Dispute } from './disputes';
import { WalletLimits } from './limits';
import type { WalletTransaction } from './list-transactions';
import { pointsReasonCodes } from './points-reasons';
import type { TopUp } from './top-ups';
import { type Withdrawal, withdrawalFailureCode } from './withdrawals';

const Minor = Type.Integer({ description: 'integer minor units (分)' });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const WalletSchema = Type.Object(
  {
    currency: Type.Literal('CNY'),
    availableMinor: Type.Integer({ description: 'credits − debits − pending debits: spendable now' }),
    postedMinor: Type.Integer({ description: 'credits − debits, including the money on hold' }),
    pendingOutMinor: Type.Integer({
      description: 'every hold on the wallet: heldForWithdrawalsMinor + heldForDepositsMinor',
    }),
    heldForWithdrawalsMinor: Type.Integer({ description: 'held for withdrawals the bank has not paid out yet' }),
    heldForDepositsMinor: Type.Integer({
      description: 'rental deposits held on the wallet balance, released after the return (never charged unless owed)',
    }),
    points: Type.Integer(),
    limits: Type.Object(
      {
        withdrawalSingleMaxMinor: Type.Integer(),
        withdrawalDailyMaxMinor: Type.Integer(),
        withdrawalSecondFactorFromMinor: Type.Integer({
          description: 'withdrawals from this amount need a second factor',
        }),
        transferMaxMinor: Type.Integer(),
        transferSecondFactorFromMinor: Type.Integer({ description: 'transfers from this amount need a second factor' }),
        billSplitFriendsMax: Type.Integer({ description: 'friends one bill split may ask' }),
      },
      { description: 'the rules the server applies (DOMAIN.md §8), so that the app never keeps its own copy' },
    ),
  },
  { $id: 'Wallet', title: 'Wallet' },
);

/** The wallet's limits as the API shows them. */
export function presentLimits() {
  return {
    withdrawalSingleMaxMinor: WalletLimits.withdrawalSingleMaxMinor,
    withdrawalDailyMaxMinor: WalletLimits.withdrawalDailyMaxMinor,
    withdrawalSecondFactorFromMinor: WalletLimits.withdrawalSecondFactorFromMinor,
    transferMaxMinor: WalletLimits.transferMaxMinor,
    transferSecondFactorFromMinor: WalletLimits.transferSecondFactorFromMinor,
    billSplitFriendsMax: WalletLimits.billSplitFriendsMax,
  };
}

export const WalletTransactionSchema = Type.Object(
  {
    id: Type.String({ description: 'ledger transfer id (txn_…); dispute it with POST /v1/disputes' }),
    type: Type.String({
      description:
        'top_up, withdrawal, transfer, bill_split, points_redemption, cashback, dispute_refund, dispute_reversal, bill_payment',
    }),
    direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
    amountMinor: Minor,
    status: Type.Union([Type.Literal('held'), Type.Literal('completed'), Type.Literal('released')]),
    reference: Type.Union([Type.String(), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    createdAt: Instant,
    effectiveAt: Instant,
  },
  { $id: 'WalletTransaction', title: 'WalletTransaction' },
);

export function presentTransaction(t: WalletTransaction) {
  return { ...t, createdAt: t.createdAt.toISOString(), effectiveAt: t.effectiveAt.toISOString() };
}

export const TopUpSchema = Type.Object(
  {
    id: Type.String(),
    channel: Type.String(),
    outTradeNo: Type.String(),
    amountMinor: Minor,
    status: Type.Union([Type.Literal('created'), Type.Literal('succeeded'), Type.Literal('failed')]),
    failureReason: Type.Union([Type.String(), Type.Null()], {
      description: 'a code, set when failed: `channel_failed` (the channel refused the payment)',
    }),
    paymentId: Type.Union([Type.String(), Type.Null()], {
      description: 'the payment order the customer pays (GET /v1/payments/{id})',
    }),
    paymentState: Type.Union([Type.String(), Type.Null()], {
      description: 'created, pending, succeeded, failed, closed, unknown',
    }),
    cashierUrl: Type.Union([Type.String(), Type.Null()], {
      description: "the channel's cashier, while the payment is pending",
    }),
    transferId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Instant,
    completedAt: Nullable(Instant),
  },
  { $id: 'WalletTopUp', title: 'WalletTopUp' },
);

export function presentTopUp(t: TopUp) {
  return {
    id: t.id,
    channel: t.channel,
    outTradeNo: t.outTradeNo,
    amountMinor: t.amountMinor,
    status: t.status,
    failureReason: t.failureReason,
    paymentId: t.paymentId,
    paymentState: t.paymentState,
    cashierUrl: t.cashierUrl,
    transferId: t.transferId,
    createdAt: t.createdAt.toISOString(),
    completedAt: iso(t.completedAt),
  };
}

export const WithdrawalSchema = Type.Object(
  {
    id: Type.String(),
    bankCardId: Type.String(),
    amountMinor: Minor,
    businessDate: Type.String({ format: 'date' }),
    status: Type.Union([Type.Literal('processing'), Type.Literal('succeeded'), Type.Literal('failed')]),
    failureReason: Type.Union([Type.String(), Type.Null()], {
      description:
        "a code, set when failed: the bank's refusal (card_reported_lost, card_restricted, account_frozen, account_closed, name_mismatch, declined) or hold_expired (the bank did not answer in time)",
    }),
    createdAt: Instant,
    completedAt: Nullable(Instant),
  },
  { $id: 'WalletWithdrawal', title: 'WalletWithdrawal' },
);

export function presentWithdrawal(w: Withdrawal) {
  return {
    id: w.id,
    bankCardId: w.bankCardId,
    amountMinor: w.amountMinor,
    businessDate: w.businessDate,
    status: w.status,
    // A withdrawal failed before the codes kept English ('hold expired'): presented as its code.
    failureReason: withdrawalFailureCode(w.failureReason),
    createdAt: w.createdAt.toISOString(),
    completedAt: iso(w.completedAt),
  };
}

export const BankCardSchema = Type.Object(
  {
    id: Type.String(),
    bankName: Type.String(),
    last4: Type.String(),
    masked: Type.String(),
    status: Type.Union([Type.Literal('active'), Type.Literal('removed')]),
    createdAt: Instant,
  },
  { $id: 'BankCard', title: 'BankCard' },
);

export const BillSplitSchema = Type.Object(
  {
    id: Type.String(),
    requesterCustomerId: Type.String(),
    title: Type.String(),
    totalMinor: Minor,
    paidMinor: Minor,
    status: Type.Union([Type.Literal('open'), Type.Literal('settled'), Type.Literal('expired')]),
    expiresAt: Instant,
    createdAt: Instant,
    shares: Type.Array(
      Type.Object({
        position: Type.Integer(),
        customerId: Type.String(),
        phoneMasked: Type.Union([Type.String(), Type.Null()]),
        amountMinor: Minor,
        status: Type.Union([Type.Literal('unpaid'), Type.Literal('paid')]),
        paidAt: Nullable(Instant),
        isYou: Type.Boolean(),
      }),
    ),
  },
  { $id: 'BillSplit', title: 'BillSplit' },
);

export function presentBillSplit(s: BillSplitView) {
  return {
    ...s,
    expiresAt: s.expiresAt.toISOString(),
    createdAt: s.createdAt.toISOString(),
    shares: s.shares.map((x) => ({ ...x, paidAt: iso(x.paidAt) })),
  };
}

export const PointsSchema = Type.Object(
  {
    balance: Type.Integer(),
    cashValueMinor: Minor,
    lots: Type.Array(
      Type.Object({
        id: Type.String(),
        points: Type.Integer(),
        remaining: Type.Integer(),
        reason: Type.String({ description: 'As the awarding module wrote it (Chinese); show reasonCode instead' }),
        reasonCode: Literals(
          pointsReasonCodes,
          "Why they were earned: on_time_payment (reasonDetail: the bill's title), valuable_feedback, other (reasonDetail: the operator's own reason)",
        ),
        reasonDetail: Nullable(Type.String()),
        earnedAt: Instant,
        expiresAt: Instant,
      }),
    ),
  },
  { $id: 'Points', title: 'Points' },
);

export const DisputeSchema = Type.Object(
  {
    id: Type.String(),
    customerId: Type.String(),
    transferId: Type.String(),
    type: Type.Union([
      Type.Literal('charged_but_failed'),
      Type.Literal('charged_twice'),
      Type.Literal('refund_not_received'),
    ]),
    description: Type.String(),
    evidence: Type.Array(
      Type.Object({ kind: Type.String(), text: Type.Optional(Type.String()), uploadId: Type.Optional(Type.String()) }),
    ),
    status: Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('rejected')]),
    slaDueAt: Instant,
    overdue: Type.Boolean({ description: 'open and past its SLA due time now' }),
    breached: Type.Boolean({ description: 'marked by the daily SLA tick: it was still open past its due time' }),
    slaBreachedAt: Nullable(Instant),
    resolution: Type.Union([Type.Literal('refund'), Type.Literal('reversal'), Type.Literal('rejected'), Type.Null()]),
    resolutionAmountMinor: Type.Union([Minor, Type.Null()]),
    resolutionNote: Type.Union([Type.String(), Type.Null()]),
    resolutionTransferId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Instant,
    resolvedAt: Nullable(Instant),
  },
  { $id: 'Dispute', title: 'Dispute' },
);

export function presentDispute(d: Dispute) {
  return {
    id: d.id,
    customerId: d.customerId,
    transferId: d.transferId,
    type: d.type,
    description: d.description,
    evidence: d.evidence as { kind: string; text?: string; uploadId?: string }[],
    status: d.status,
    slaDueAt: d.slaDueAt.toISOString(),
    overdue: d.overdue,
    breached: d.breached,
    slaBreachedAt: iso(d.slaBreachedAt),
    resolution: d.resolution,
    resolutionAmountMinor: d.resolutionAmountMinor,
    resolutionNote: d.resolutionNote,
    resolutionTransferId: d.resolutionTransferId,
    createdAt: d.createdAt.toISOString(),
    resolvedAt: iso(d.resolvedAt),
  };
}

/** A dispute as staff see it: the customer named masked, the disputed transaction, a proposed refund. */
export const AdminDisputeSchema = Type.Object(
  {
    ...DisputeSchema.properties,
    customerLabel: Type.Union([Type.String(), Type.Null()], {
      description: "the customer's masked name and phone (王*明 138****8000)",
    }),
    transaction: Type.Object(
      {
        id: Type.String(),
        type: Type.String({ description: 'top_up, withdrawal, transfer, bill_payment, …' }),
        amountMinor: Minor,
        direction: Type.Union([Type.Literal('in'), Type.Literal('out')], {
          description: "into the customer's wallet or out of it",
        }),
        createdAt: Instant,
      },
      { description: 'the disputed transaction' },
    ),
    pendingRefund: Type.Union(
      [
        Type.Object({
          outcome: Type.Union([Type.Literal('refund'), Type.Literal('reversal')]),
          amountMinor: Minor,
          note: Type.String(),
          proposedBy: Type.String(),
          proposedByName: Nullable(Type.String()),
          proposedAt: Instant,
        }),
        Type.Null(),
      ],
      { description: 'a refund or reversal above the approval amount, waiting for a second staff member' },
    ),
    resolvedBy: Nullable(Type.String()),
    resolvedByName: Nullable(Type.String()),
    approvalAboveMinor: Type.Integer({
      description:
        'refunds and reversals of more than this need a second staff member (the refund approval threshold of GET /v1/admin/payments-settings)',
    }),
  },
  { $id: 'AdminDispute', title: 'AdminDispute' },
);

export function presentAdminDispute(d: DisputeView, approvalAboveMinor: number) {
  return {
    ...presentDispute(d),
    customerLabel: d.customerLabel,
    transaction: { ...d.transaction, createdAt: d.transaction.createdAt.toISOString() },
    pendingRefund:
      d.proposedOutcome !== null && d.proposedAmountMinor !== null && d.proposedBy !== null && d.proposedAt !== null
        ? {
            outcome: d.proposedOutcome,
            amountMinor: d.proposedAmountMinor,
            note: d.proposedNote ?? '',
            proposedBy: d.proposedBy,
            proposedByName: d.proposedByName,
            proposedAt: d.proposedAt.toISOString(),
          }
        : null,
    resolvedBy: d.resolvedBy,
    resolvedByName: d.resolvedByName,
    approvalAboveMinor,
  };
}
