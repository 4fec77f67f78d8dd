// Removes a bank card (kept for history); refused while a withdrawal to it is in flight.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, type Clock } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { lockCustomerWallet } from './accounts';
import { activeBankCard } from './bank-cards';
import { WalletErrors } from './errors';
import { walletBankCards, walletWithdrawals } from './schema';

/**
 * Removes a card: it no longer shows and cannot be withdrawn to, but its row stays (marked removed)
 * because withdrawals name it. Refused while a withdrawal to it is in progress: the payout still
 * needs the card. Taken under the customer's wallet lock, the lock a withdrawal request holds, so
 * a withdrawal to the card cannot start between the check and the removal.
 */
export async function removeBankCard(
  tx: Executor,
  deps: { clock: Clock },
  options: { customerId: string; bankCardId: string },
): Promise<void> {
  await lockCustomerWallet(tx, options.customerId);
  const card = await activeBankCard(tx, options.customerId, options.bankCardId);
  const [inFlight] = await tx
    .select({ id: walletWithdrawals.id })
    .from(walletWithdrawals)
    .where(and(eq(walletWithdrawals.bankCardId, card.id), eq(walletWithdrawals.status, 'processing')))
    .limit(1);
  if (inFlight) {
    throw WalletErrors.WALLET_BANK_CARD_IN_USE({
      detail: `Withdrawal ${inFlight.id} to this card is in progress; remove the card once it completes.`,
    });
  }
  const now = deps.clock.now();
  const [removed] = await tx
    .update(walletBankCards)
    .set({ status: 'removed', removedAt: now })
    .where(and(eq(walletBankCards.id, card.id), eq(walletBankCards.status, 'active')))
    .returning({ id: walletBankCards.id });
  assert(removed, 'the active card was removed under the wallet lock');
  await emitEvent(tx, now, {
    type: 'wallet.bank_card_removed',
    aggregateType: 'wallet',
    aggregateId: options.customerId,
    payload: { bankCardId: card.id, customerId: options.customerId, last4: card.last4 },
  });
}
