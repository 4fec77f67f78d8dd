// The shapes the ledger's HTTP API answers with, and the functions that turn values into them.
import { Type } from 'typebox';
import type { TransferDetail } from './list-transfers';
import type { AccountWithBalances } from './read-accounts';
import type { Transfer } from './types';

const Currency = Type.Union([Type.Literal('CNY'), Type.Literal('POINTS')]);
const OwnerType = Type.Union([
  Type.Literal('platform'),
  Type.Literal('channel'),
  Type.Literal('customer'),
  Type.Literal('partner'),
]);
export const TransferKindSchema = Type.Union([
  Type.Literal('posted'),
  Type.Literal('pending'),
  Type.Literal('post_pending'),
  Type.Literal('void_pending'),
  Type.Literal('expire_pending'),
]);
const Minor = Type.Integer({ description: 'integer minor units (分, or points)' });

export const AccountSchema = Type.Object(
  {
    id: Type.String({ examples: ['ldg_acc_01JZ…'] }),
    ownerType: OwnerType,
    ownerId: Type.String(),
    purpose: Type.String(),
    code: Type.Integer({
      description: 'chart-of-accounts code: 1xxx assets, 2xxx liabilities, 4xxx revenue, 5xxx expenses',
    }),
    currency: Currency,
    name: Type.String(),
    debitsMustNotExceedCredits: Type.Boolean(),
    creditsMustNotExceedDebits: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    debitsPostedMinor: Minor,
    creditsPostedMinor: Minor,
    debitsPendingMinor: Minor,
    creditsPendingMinor: Minor,
  },
  { $id: 'LedgerAccount', title: 'LedgerAccount' },
);

export const TransferSchema = Type.Object(
  {
    id: Type.String({ examples: ['txn_01JZ…'] }),
    seq: Type.Integer({ description: 'recording order' }),
    kind: TransferKindSchema,
    debitAccountId: Type.String(),
    creditAccountId: Type.String(),
    amountMinor: Type.Integer({ description: 'posted or held amount; 0 for a void or expiry' }),
    currency: Currency,
    code: Type.String({ description: 'kind of business movement, e.g. wallet.top_up' }),
    reference: Type.Union([Type.String(), Type.Null()]),
    metadata: Type.Record(Type.String(), Type.Unknown()),
    pendingId: Type.Union([Type.String(), Type.Null()]),
    releasedPendingMinor: Type.Integer(),
    timeoutAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    reversesId: Type.Union([Type.String(), Type.Null()]),
    linkedGroupId: Type.Union([Type.String(), Type.Null()]),
    effectiveAt: Type.String({ format: 'date-time' }),
    recordedAt: Type.String({ format: 'date-time' }),
    pendingStatus: Type.Optional(
      Type.Union([
        Type.Literal('pending'),
        Type.Literal('posted'),
        Type.Literal('voided'),
        Type.Literal('expired'),
        Type.Null(),
      ]),
    ),
    resolvedById: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { $id: 'LedgerTransfer', title: 'LedgerTransfer' },
);

export const TrialBalanceSchema = Type.Object(
  {
    currency: Currency,
    asOf: Type.String({
      format: 'date-time',
      description: 'the instant the sums are as of: transfers recorded at or before it, holds unresolved then',
    }),
    postedDebitsMinor: Minor,
    postedCreditsMinor: Minor,
    pendingDebitsMinor: Minor,
    pendingCreditsMinor: Minor,
    balanced: Type.Boolean({ description: 'posted debits = credits and pending debits = credits' }),
    accounts: Type.Array(
      Type.Object({
        code: Type.Integer(),
        name: Type.String(),
        ownerType: OwnerType,
        accountId: Type.Union([Type.String(), Type.Null()], { description: 'null on a line summing all customers' }),
        accountCount: Type.Integer(),
        debitsPostedMinor: Minor,
        creditsPostedMinor: Minor,
        debitsPendingMinor: Minor,
        creditsPendingMinor: Minor,
        netCreditMinor: Type.Integer({ description: 'credits posted − debits posted' }),
      }),
    ),
  },
  { $id: 'LedgerTrialBalance', title: 'LedgerTrialBalance' },
);

export const VerificationSchema = Type.Object(
  {
    ok: Type.Boolean(),
    accountsChecked: Type.Integer(),
    totals: Type.Array(
      Type.Object({
        currency: Currency,
        postedDebitsMinor: Minor,
        postedCreditsMinor: Minor,
        pendingDebitsMinor: Minor,
        pendingCreditsMinor: Minor,
      }),
    ),
    problems: Type.Array(Type.String()),
  },
  { $id: 'LedgerVerification', title: 'LedgerVerification' },
);

export function presentAccount(a: AccountWithBalances) {
  return {
    id: a.id,
    ownerType: a.ownerType,
    ownerId: a.ownerId,
    purpose: a.purpose,
    code: a.code,
    currency: a.currency,
    name: a.name,
    debitsMustNotExceedCredits: a.debitsMustNotExceedCredits,
    creditsMustNotExceedDebits: a.creditsMustNotExceedDebits,
    createdAt: a.createdAt.toISOString(),
    debitsPostedMinor: a.debitsPostedMinor,
    creditsPostedMinor: a.creditsPostedMinor,
    debitsPendingMinor: a.debitsPendingMinor,
    creditsPendingMinor: a.creditsPendingMinor,
  };
}

export function presentTransfer(t: Transfer | TransferDetail) {
  return {
    id: t.id,
    seq: t.seq,
    kind: t.kind,
    debitAccountId: t.debitAccountId,
    creditAccountId: t.creditAccountId,
    amountMinor: t.amountMinor,
    currency: t.currency,
    code: t.code,
    reference: t.reference,
    metadata: t.metadata,
    pendingId: t.pendingId,
    releasedPendingMinor: t.releasedPendingMinor,
    timeoutAt: t.timeoutAt?.toISOString() ?? null,
    reversesId: t.reversesId,
    linkedGroupId: t.linkedGroupId,
    effectiveAt: t.effectiveAt.toISOString(),
    recordedAt: t.recordedAt.toISOString(),
    ...('pendingStatus' in t ? { pendingStatus: t.pendingStatus, resolvedById: t.resolvedById } : {}),
  };
}
