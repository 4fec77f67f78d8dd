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
  charge: 'billing.charge',
} as const;

export async function receivablesAccount(tx: Executor, clock: Clock): Promise<Account> {
  return platformAccount(tx, clock, 'customer_receivables');
}

/** Where a waived line is reversed: its own account, except forgiven principal, which is a loss. */
function waiverPurpose(kind: BillLineKind): PlatformPurpose {
  // Principal was never revenue; booking it back to "principal not yet billed" would leave an asset
  // nobody will ever bill.
  return kind === 'principal' ? 'write_offs' : lineAccountPurpose[kind];
}

/** The accounts of some lines' kinds, each chart account looked up once. */
async function accountsByKind(
  tx: Executor,
  clock: Clock,
  kinds: readonly BillLineKind[],
  purposeOf: (kind: BillLineKind) => PlatformPurpose,
): Promise<Map<BillLineKind, Account>> {
  const byPurpose = new Map<PlatformPurpose, Account>();
  const out = new Map<BillLineKind, Account>();
  for (const kind of new Set(kinds)) {
    const purpose = purposeOf(kind);
    const account = byPurpose.get(purpose) ?? (await platformAccount(tx, clock, purpose));
    byPurpose.set(purpose, account);
    out.set(kind, account);
  }
  return out;
}

/** The accounts issuing a bill credits, per line kind. */
export function lineAccounts(tx: Executor, clock: Clock, kinds: readonly BillLineKind[]) {
  return accountsByKind(tx, clock, kinds, (kind) => lineAccountPurpose[kind]);
}

/** The accounts a waiver debits, per line kind. */
export function waiverAccounts(tx: Executor, clock: Clock, kinds: readonly BillLineKind[]) {
  return accountsByKind(tx, clock, kinds, waiverPurpose);
}

/** Ledger transfer ids derived from the bill, so a retried command can never post twice. */
export const transferIds = {
  issue: (billId: string, position: number) => `txn_bill_${billId.slice('bill_'.length)}_${position}`,
  waive: (billId: string, position: number) => `txn_bwv_${billId.slice('bill_'.length)}_${position}`,
  /** A charge added to a line (addBillCharge), named by the line's amount after it: it only grows. */
  charge: (billId: string, position: number, lineAmountMinor: number) =>
    `txn_bchg_${billId.slice('bill_'.length)}_${position}_${lineAmountMinor}`,
  payment: (paymentId: string) => `txn_bpay_${paymentId.slice('bpay_'.length)}`,
};
