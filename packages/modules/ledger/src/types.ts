// The ledger's public value types.
export type Currency = 'CNY' | 'POINTS';
export const currencies: readonly Currency[] = ['CNY', 'POINTS'];
export type OwnerType = 'platform' | 'channel' | 'customer' | 'partner';
export type TransferKind = 'posted' | 'pending' | 'post_pending' | 'void_pending' | 'expire_pending';

export interface Account {
  id: string;
  ownerType: OwnerType;
  ownerId: string;
  customerId: string | null;
  purpose: string;
  code: number;
  currency: Currency;
  name: string;
  debitsMustNotExceedCredits: boolean;
  creditsMustNotExceedDebits: boolean;
  createdAt: Date;
}

/** The four sums of an account's transfers, TigerBeetle's `debits_posted`, `credits_posted`, … */
export interface Balances {
  debitsPostedMinor: number;
  creditsPostedMinor: number;
  debitsPendingMinor: number;
  creditsPendingMinor: number;
}

export interface Transfer {
  id: string;
  seq: number;
  kind: TransferKind;
  debitAccountId: string;
  creditAccountId: string;
  /** Posted or held amount; 0 for a void or an expiry, which post nothing. */
  amountMinor: number;
  currency: Currency;
  code: string;
  reference: string | null;
  metadata: Record<string, unknown>;
  pendingId: string | null;
  /** For a resolution (post, void, expire): the whole held amount it releases from pending. */
  releasedPendingMinor: number;
  timeoutSeconds: number | null;
  timeoutAt: Date | null;
  reversesId: string | null;
  linkedGroupId: string | null;
  effectiveAt: Date;
  recordedAt: Date;
}

export type PendingStatus = 'pending' | 'posted' | 'voided' | 'expired';

export function zeroBalances(): Balances {
  return { debitsPostedMinor: 0, creditsPostedMinor: 0, debitsPendingMinor: 0, creditsPendingMinor: 0 };
}

/** What a credit-normal account (a wallet, a liability) holds and may still spend. */
export function availableMinor(b: Balances): number {
  return b.creditsPostedMinor - b.debitsPostedMinor - b.debitsPendingMinor;
}
