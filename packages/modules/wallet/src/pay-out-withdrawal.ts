// The payout of a requested withdrawal, after commit (an outbox subscriber): posts the hold when the
// bank pays, voids it when the bank refuses. The hold lives three days; the bank is not asked once it
// has less than `payoutHoldMarginSeconds` left (the withdrawal fails as hold_expired and the money goes
// back). A bank that pays anyway after the hold timed out or was released — the call itself outlived
// it — is never lost: the payment is booked late (bookLatePayout below).
import { type Executor, emitEvent, transaction } from '@zulin/db';
import { assert } from '@zulin/kernel';
import {
  availableMinor,
  channelClearingAccount,
  createTransfers,
  expiryTransferId,
  getBalances,
  getTransfer,
  LedgerErrors,
  platformAccount,
  type TransferInput,
} from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import { walletAccount } from './accounts';
import type { BankAdapter } from './bank-verification';
import { walletCode } from './codes';
import type { WalletDeps } from './deps';
import { WalletLimits } from './limits';
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
  const hold = await getTransfer(tx, w.holdTransferId);
  const marginMs = WalletLimits.payoutHoldMarginSeconds * 1000;
  if (
    hold.pendingStatus !== 'pending' ||
    (hold.timeoutAt && hold.timeoutAt.getTime() - deps.clock.now().getTime() < marginMs)
  ) {
    // Too late to ask the bank: the money goes back to the wallet (the expiry, or whoever released it).
    await markWithdrawal(tx, deps, w, false, 'hold_expired');
    return 'failed';
  }
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
    if (result.ok) {
      // The bank paid the card although the hold is gone: book its payment, or the customer has it twice.
      await bookLatePayout(tx, deps, w);
      await markWithdrawal(tx, deps, w, true, null);
      return 'succeeded';
    }
    await markWithdrawal(tx, deps, w, false, 'hold_expired');
    return 'failed';
  }
  await markWithdrawal(tx, deps, w, result.ok, result.ok ? null : (result.refusal ?? 'declined'));
  return result.ok ? 'succeeded' : 'failed';
}

/** The id of a late payout's booking from the wallet, and of the part parked in suspense. */
export const latePayoutTransferIds = (withdrawalId: string) => ({
  fromWallet: `txn_wdr_${withdrawalId.slice(4)}_late`,
  fromSuspense: `txn_wdr_${withdrawalId.slice(4)}_late_sus`,
});

/**
 * A payout the bank made after the withdrawal's hold timed out (or was released): in one linked group,
 * the hold is expired if the ledger's tick has not done it yet (its money back in the wallet), then the
 * amount goes from the wallet to the bank's clearing account as the post would have moved it. What the
 * wallet no longer holds (spent since the money came back) is taken from suspense (1900) instead —
 * money the customer owes, for a person to recover — and `wallet.withdrawal_paid_late` says how much
 * came from each.
 */
export async function bookLatePayout(
  tx: Executor,
  deps: WalletDeps,
  w: { id: string; customerId: string; amountMinor: number; holdTransferId: string },
): Promise<void> {
  const ids = latePayoutTransferIds(w.id);
  const wallet = await walletAccount(tx, deps.clock, w.customerId);
  const clearing = await channelClearingAccount(tx, deps.clock, 'bank');
  const hold = await getTransfer(tx, w.holdTransferId);
  const stillHeld = hold.pendingStatus === 'pending';
  const balances = (await getBalances(tx, [wallet.id])).get(wallet.id);
  assert(balances, 'a wallet account has balances');
  // An unresolved hold's amount is back in the wallet once the group has expired it.
  const available = availableMinor(balances) + (stillHeld ? w.amountMinor : 0);
  const description = 'Withdrawal paid by the bank after its hold had ended';
  const suspense = await platformAccount(tx, deps.clock, 'suspense');
  const legsFor = (fromWalletMinor: number): TransferInput[] => {
    const legs: TransferInput[] = [];
    if (stillHeld)
      legs.push({ id: expiryTransferId(w.holdTransferId), kind: 'expire_pending', pendingId: w.holdTransferId });
    if (fromWalletMinor > 0) {
      legs.push({
        id: ids.fromWallet,
        debitAccountId: wallet.id,
        creditAccountId: clearing.id,
        amountMinor: fromWalletMinor,
        currency: 'CNY',
        code: walletCode('withdrawal'),
        reference: w.id,
        metadata: { description },
      });
    }
    if (fromWalletMinor < w.amountMinor) {
      legs.push({
        id: ids.fromSuspense,
        debitAccountId: suspense.id,
        creditAccountId: clearing.id,
        amountMinor: w.amountMinor - fromWalletMinor,
        currency: 'CNY',
        code: 'wallet.withdrawal_paid_late',
        reference: w.id,
        metadata: { description: `${description}; the wallet no longer held it`, customerId: w.customerId },
      });
    }
    return legs;
  };
  let fromWalletMinor = Math.max(0, Math.min(w.amountMinor, available));
  try {
    await transaction(tx, (inner) => createTransfers(inner, deps.clock, legsFor(fromWalletMinor)));
  } catch (error) {
    // The wallet was spent between the read and the lock: the bank's payment must still be booked —
    // all of it in suspense, for a person.
    if (!LedgerErrors.LEDGER_INSUFFICIENT_FUNDS.is(error)) throw error;
    fromWalletMinor = 0;
    await createTransfers(tx, deps.clock, legsFor(0));
  }
  const fromSuspenseMinor = w.amountMinor - fromWalletMinor;
  await emitEvent(tx, deps.clock.now(), {
    type: 'wallet.withdrawal_paid_late',
    aggregateType: 'wallet',
    aggregateId: w.customerId,
    payload: {
      withdrawalId: w.id,
      customerId: w.customerId,
      amountMinor: w.amountMinor,
      fromWalletMinor,
      fromSuspenseMinor,
    },
  });
}
