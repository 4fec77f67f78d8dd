// Withdrawals to a bound bank card (DOMAIN.md §8): at most ¥50,000 at once and ¥200,000 a business
// day, a second factor from ¥5,000. The money is held (a pending ledger transfer to the bank
// channel's clearing account) when asked; the payout happens after commit, in an outbox subscriber,
// which posts the hold when the bank pays and voids it when the bank refuses. A hold the bank never
// answers expires after 3 days and the money returns to the wallet.
import { type Executor, emitEvent } from '@zulin/db';
import { and, eq } from 'drizzle-orm';
import { BANK_REFUSAL_CODES, type BankRefusalCode } from './bank-verification';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import { walletWithdrawals } from './schema';

export type Withdrawal = typeof walletWithdrawals.$inferSelect;

/** Why a withdrawal failed, stored in `failure_reason`: the bank's refusal, or the hold expired first. */
export type WithdrawalFailure = BankRefusalCode | 'hold_expired';

const failureCodes: readonly string[] = [...BANK_REFUSAL_CODES, 'hold_expired'];

/**
 * The code of a stored `failure_reason`, as the screens word it. Withdrawals that failed before the
 * codes kept the bank's sentence or our English ('hold expired', 'account frozen', 'card reported
 * lost'): their words are the code's, spaced; any other sentence a bank gave is `declined`, the
 * refusal the adapter cannot name. Read-time only: the stored text is left as it was.
 */
export function withdrawalFailureCode(stored: string | null): WithdrawalFailure | null {
  if (stored === null) return null;
  if (failureCodes.includes(stored)) return stored as WithdrawalFailure;
  const spaced = stored
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return failureCodes.includes(spaced) ? (spaced as WithdrawalFailure) : 'declined';
}

export async function getWithdrawal(tx: Executor, customerId: string, id: string): Promise<Withdrawal> {
  const [row] = await tx
    .select()
    .from(walletWithdrawals)
    .where(and(eq(walletWithdrawals.id, id), eq(walletWithdrawals.customerId, customerId)));
  if (!row) throw WalletErrors.WALLET_WITHDRAWAL_NOT_FOUND();
  return row;
}

export async function markWithdrawal(
  tx: Executor,
  deps: WalletDeps,
  w: Withdrawal,
  ok: boolean,
  reason: WithdrawalFailure | null,
) {
  const now = deps.clock.now();
  await tx
    .update(walletWithdrawals)
    .set({ status: ok ? 'succeeded' : 'failed', failureReason: ok ? null : reason, completedAt: now })
    .where(eq(walletWithdrawals.id, w.id));
  await emitEvent(tx, now, {
    type: ok ? 'wallet.withdrawal_succeeded' : 'wallet.withdrawal_failed',
    aggregateType: 'wallet',
    aggregateId: w.customerId,
    payload: { withdrawalId: w.id, customerId: w.customerId, amountMinor: w.amountMinor, reason },
  });
}
