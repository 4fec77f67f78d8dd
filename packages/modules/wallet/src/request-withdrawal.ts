// A customer asks to withdraw to a bound bank card: limits and second factor checked, the money held
// (a pending transfer to the bank channel's clearing account) until the payout.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, newId, today } from '@zulin/kernel';
import { channelClearingAccount, createTransfers, LedgerErrors } from '@zulin/ledger';
import { and, eq, ne, sql } from 'drizzle-orm';
import { lockCustomerWallet, walletAccount } from './accounts';
import { activeBankCard } from './bank-cards';
import { walletCode } from './codes';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletWithdrawals } from './schema';
import { requireSecondFactor, type SecondFactorProof } from './second-factor';
import type { Withdrawal } from './withdrawals';

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
