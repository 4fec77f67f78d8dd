// Withdrawals to a bound bank card (DOMAIN.md §8): at most ¥50,000 at once and ¥200,000 a business
// day, a second factor from ¥5,000. The money is held (a pending ledger transfer to the bank
// channel's clearing account) when asked; the payout happens after commit, in an outbox subscriber,
// which posts the hold when the bank pays and voids it when the bank refuses. A hold the bank never
// answers expires after 3 days and the money returns to the wallet.
import { type Executor, emitEvent } from '@zulin/db';
import { and, eq } from 'drizzle-orm';
import type { BankRefusalCode } from './bank-verification';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import { walletWithdrawals } from './schema';

export type Withdrawal = typeof walletWithdrawals.$inferSelect;

/** Why a withdrawal failed, stored in `failure_reason`: the bank's refusal, or the hold expired first. */
export type WithdrawalFailure = BankRefusalCode | 'hold_expired';

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
