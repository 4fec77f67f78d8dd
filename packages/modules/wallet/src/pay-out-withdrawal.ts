// The payout of a requested withdrawal, after commit (an outbox subscriber): posts the hold when the
// bank pays, voids it when the bank refuses.
import type { Executor } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { createTransfers, LedgerErrors } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import type { BankAdapter } from './bank-verification';
import type { WalletDeps } from './deps';
import { walletBankCards, walletWithdrawals } from './schema';
import { markWithdrawal } from './withdrawals';

/**
 * The payout step (outbox subscriber of wallet.withdrawal_requested): asks the bank to pay, then
 * posts or voids the hold in the delivery's transaction. A retried delivery finds the withdrawal
 * no longer processing and does nothing; the bank call itself must be idempotent by reference.
 */
export async function processWithdrawalPayout(
  tx: Executor,
  deps: WalletDeps & { bank: BankAdapter },
  withdrawalId: string,
): Promise<'succeeded' | 'failed' | 'skipped'> {
  const [w] = await tx.select().from(walletWithdrawals).where(eq(walletWithdrawals.id, withdrawalId)).for('update');
  if (w?.status !== 'processing') return 'skipped';
  const [card] = await tx.select().from(walletBankCards).where(eq(walletBankCards.id, w.bankCardId));
  assert(card, 'a withdrawal names a bound card');
  const result = await deps.bank.payout({ token: card.token, amountMinor: w.amountMinor, reference: w.id });
  const resolutionId = `txn_wdr_${w.id.slice(4)}_${result.ok ? 'post' : 'void'}`;
  try {
    await createTransfers(tx, deps.clock, [
      result.ok
        ? { id: resolutionId, kind: 'post_pending', pendingId: w.holdTransferId }
        : {
            id: resolutionId,
            kind: 'void_pending',
            pendingId: w.holdTransferId,
            metadata: { description: 'Withdrawal returned' },
          },
    ]);
  } catch (error) {
    // The hold timed out first: the expiry returns the money; record the withdrawal as failed.
    if (!LedgerErrors.LEDGER_PENDING_EXPIRED.is(error) && !LedgerErrors.LEDGER_PENDING_ALREADY_RESOLVED.is(error))
      throw error;
    await markWithdrawal(tx, deps, w, false, 'hold_expired');
    return 'failed';
  }
  await markWithdrawal(tx, deps, w, result.ok, result.ok ? null : (result.refusal ?? 'declined'));
  return result.ok ? 'succeeded' : 'failed';
}
