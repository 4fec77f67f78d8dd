// Where each kind of bill line lands in the chart of accounts (docs/billing.md): issuing a bill debits
// customer receivables and credits the line's account; paying it moves money from the customer's
// wallet into customer receivables; waiving a line reverses its issue.
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { type Account, type PlatformPurpose, platformAccount } from '@zulin/ledger';
import type { BillLineKind } from './schema';

export const lineAccountPurpose: Record<BillLineKind, PlatformPurpose> = {
  rent: 'rent_revenue',
  interest: 'installment_interest_revenue',
  principal: 'installment_principal',
  fee: 'fee_revenue',
  damage: 'fee_revenue',
  shipping: 'fee_revenue',
  other: 'fee_revenue',
  penalty: 'penalty_revenue',
};

export const billingCodes = {
  issue: 'billing.issue',
  waive: 'billing.waive',
} as const;

export async function receivablesAccount(tx: Executor, clock: Clock): Promise<Account> {
  return platformAccount(tx, clock, 'customer_receivables');
}

export async function lineAccount(tx: Executor, clock: Clock, kind: BillLineKind): Promise<Account> {
  return platformAccount(tx, clock, lineAccountPurpose[kind]);
}

/**
 * The account a waived line is reversed against: its own revenue account, except forgiven principal,
 * which was never revenue and is a write-off (booking it back to "principal not yet billed" would
 * leave an asset nobody will ever bill).
 */
export async function waiverAccount(tx: Executor, clock: Clock, kind: BillLineKind): Promise<Account> {
  return platformAccount(tx, clock, kind === 'principal' ? 'write_offs' : lineAccountPurpose[kind]);
}

/** Ledger transfer ids derived from the bill, so a retried command can never post twice. */
export const transferIds = {
  issue: (billId: string, position: number) => `txn_bill_${billId.slice('bill_'.length)}_${position}`,
  waive: (billId: string, position: number) => `txn_bwv_${billId.slice('bill_'.length)}_${position}`,
  payment: (paymentId: string) => `txn_bpay_${paymentId.slice('bpay_'.length)}`,
};
