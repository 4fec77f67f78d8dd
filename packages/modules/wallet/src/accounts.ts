// A customer's wallet (CNY) and points (POINTS) accounts, created on first use, and the per-customer
// lock that serializes the wallet commands whose limits span several rows (daily withdrawals).
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { assert } from '@zulin/kernel';
import { type Account, customerAccount, getBalances, openHoldsByCode } from '@zulin/ledger';
import { walletHoldCode } from '@zulin/payments';
import { sql } from 'drizzle-orm';

export async function walletAccount(tx: Executor, clock: Clock, customerId: string): Promise<Account> {
  return customerAccount(tx, clock, customerId, 'wallet');
}

export async function pointsAccount(tx: Executor, clock: Clock, customerId: string): Promise<Account> {
  return customerAccount(tx, clock, customerId, 'points');
}

/**
 * Holds a transaction-scoped advisory lock on the customer's wallet. The ledger already serializes
 * spending on the account row; this lock covers checks the ledger cannot see, such as the daily
 * withdrawal total, so two concurrent withdrawals cannot both pass it.
 */
export async function lockCustomerWallet(tx: Executor, customerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`wallet:${customerId}`}, 0))`);
}

export interface WalletBalance {
  currency: 'CNY';
  /** credits − debits − pending debits: what the customer may spend now. */
  availableMinor: number;
  /** credits − debits: including the money on hold. */
  postedMinor: number;
  /** Every hold on the wallet: withdrawals in progress and rental deposits held on the balance. */
  pendingOutMinor: number;
  /** Of the holds, withdrawals the bank has not paid out yet. */
  heldForWithdrawalsMinor: number;
  /** Of the holds, rental deposits held on the wallet (payments' wallet hold): released after the return. */
  heldForDepositsMinor: number;
}

export async function walletBalance(tx: Executor, clock: Clock, customerId: string): Promise<WalletBalance> {
  const account = await walletAccount(tx, clock, customerId);
  const b = (await getBalances(tx, [account.id])).get(account.id);
  const zero = { creditsPostedMinor: 0, debitsPostedMinor: 0, debitsPendingMinor: 0 };
  const { creditsPostedMinor, debitsPostedMinor, debitsPendingMinor } = b ?? zero;
  // Split only when something is held: most wallets hold nothing, and then there is nothing to read.
  const heldForDepositsMinor =
    debitsPendingMinor === 0 ? 0 : ((await openHoldsByCode(tx, account.id)).get(walletHoldCode) ?? 0);
  assert(heldForDepositsMinor <= debitsPendingMinor, 'the deposits held are part of what the wallet holds');
  return {
    currency: 'CNY',
    availableMinor: creditsPostedMinor - debitsPostedMinor - debitsPendingMinor,
    postedMinor: creditsPostedMinor - debitsPostedMinor,
    pendingOutMinor: debitsPendingMinor,
    heldForWithdrawalsMinor: debitsPendingMinor - heldForDepositsMinor,
    heldForDepositsMinor,
  };
}
