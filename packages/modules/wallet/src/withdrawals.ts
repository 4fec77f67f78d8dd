// Withdrawals to a bound bank card (DOMAIN.md §8): at most ¥50,000 at once and ¥200,000 a business
// day, a second factor from ¥5,000. The money is held (a pending ledger transfer to the bank
// channel's clearing account) when asked; the payout happens after commit, in an outbox subscriber,
// which posts the hold when the bank pays and voids it when the bank refuses. A hold the bank never
// answers expires after 3 days and the money returns to the wallet.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, newId, today } from '@zulin/kernel';
import { channelClearingAccount, createTransfers, LedgerErrors } from '@zulin/ledger';
import { and, eq, ne, sql } from 'drizzle-orm';
import { lockCustomerWallet, walletAccount } from './accounts';
import { activeBankCard } from './bank-cards';
import type { BankAdapter } from './bank-verification';
import { walletCode } from './codes';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletBankCards, walletWithdrawals } from './schema';
import { requireSecondFactor, type SecondFactorProof } from './second-factor';

export type Withdrawal = typeof walletWithdrawals.$inferSelect;

export async function requestWithdrawal(
  tx: Executor,
  deps: WalletDeps,
  options: {
    customerId: string;
    bankCardId: string;
    amountMinor: number;
    secondFactor?: SecondFactorProof | undefined;
  },
): Promise<Withdrawal> {
  const { customerId, amountMinor } = options;
  assert(Number.isSafeInteger(amountMinor) && amountMinor > 0, 'the route validated the amount');
  if (amountMinor > WalletLimits.withdrawalSingleMaxMinor) {
    throw WalletErrors.WALLET_SINGLE_WITHDRAWAL_LIMIT({
      errors: [{ path: '/body/amountMinor', message: 'at most 5000000' }],
    });
  }
  await lockCustomerWallet(tx, customerId);
  const card = await activeBankCard(tx, customerId, options.bankCardId);
  const businessDate = today(deps.clock, deps.timeZone);
  const [day] = await tx
    .select({ total: sql<string>`coalesce(sum(${walletWithdrawals.amountMinor}), 0)` })
    .from(walletWithdrawals)
    .where(
      and(
        eq(walletWithdrawals.customerId, customerId),
        eq(walletWithdrawals.businessDate, businessDate),
        ne(walletWithdrawals.status, 'failed'),
      ),
    );
  if (Number(day?.total ?? 0) + amountMinor > WalletLimits.withdrawalDailyMaxMinor) {
    throw WalletErrors.WALLET_DAILY_WITHDRAWAL_LIMIT({
      detail: `Already ${Number(day?.total ?? 0)} withdrawn on ${businessDate}.`,
    });
  }
  if (amountMinor >= WalletLimits.withdrawalSecondFactorFromMinor) {
    await requireSecondFactor(tx, deps, customerId, options.secondFactor);
  }
  const id = newId('wdr', deps.clock);
  const holdTransferId = `txn_wdr_${id.slice(4)}`;
  const wallet = await walletAccount(tx, deps.clock, customerId);
  const clearing = await channelClearingAccount(tx, deps.clock, 'bank');
  try {
    await createTransfers(tx, deps.clock, [
      {
        id: holdTransferId,
        kind: 'pending',
        debitAccountId: wallet.id,
        creditAccountId: clearing.id,
        amountMinor,
        currency: 'CNY',
        code: walletCode('withdrawal'),
        reference: id,
        timeoutSeconds: WalletLimits.withdrawalHoldSeconds,
        metadata: { bankCardId: card.id, last4: card.last4, description: `Withdrawal to card ${card.last4}` },
      },
    ]);
  } catch (error) {
    if (LedgerErrors.LEDGER_INSUFFICIENT_FUNDS.is(error)) throw WalletErrors.WALLET_INSUFFICIENT_BALANCE();
    throw error;
  }
  const now = deps.clock.now();
  const [row] = await tx
    .insert(walletWithdrawals)
    .values({
      id,
      customerId,
      bankCardId: card.id,
      amountMinor,
      businessDate,
      status: 'processing',
      holdTransferId,
      createdAt: now,
    })
    .returning();
  assert(row, 'the withdrawal was inserted');
  await emitEvent(tx, now, {
    type: 'wallet.withdrawal_requested',
    aggregateType: 'wallet',
    aggregateId: customerId,
    payload: { withdrawalId: id, customerId, amountMinor },
  });
  return row;
}

export async function getWithdrawal(tx: Executor, customerId: string, id: string): Promise<Withdrawal> {
  const [row] = await tx
    .select()
    .from(walletWithdrawals)
    .where(and(eq(walletWithdrawals.id, id), eq(walletWithdrawals.customerId, customerId)));
  if (!row) throw WalletErrors.WALLET_WITHDRAWAL_NOT_FOUND();
  return row;
}

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
    await markWithdrawal(tx, deps, w, false, 'hold expired');
    return 'failed';
  }
  await markWithdrawal(tx, deps, w, result.ok, result.reason ?? null);
  return result.ok ? 'succeeded' : 'failed';
}

async function markWithdrawal(tx: Executor, deps: WalletDeps, w: Withdrawal, ok: boolean, reason: string | null) {
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

/** The hold of a withdrawal expired (the bank never answered): the money is back; the withdrawal failed. */
export async function failExpiredWithdrawal(tx: Executor, deps: WalletDeps, withdrawalId: string): Promise<void> {
  const [w] = await tx.select().from(walletWithdrawals).where(eq(walletWithdrawals.id, withdrawalId)).for('update');
  if (w?.status !== 'processing') return;
  await markWithdrawal(tx, deps, w, false, 'hold expired');
}
