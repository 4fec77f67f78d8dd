// Cashback (DOMAIN.md §8): a credit to the wallet from the marketing expense account, once per source.

import { type Executor, emitEvent } from '@zulin/db';
import { customerIsActive } from '@zulin/identity';
import { assert, type Clock, newId } from '@zulin/kernel';
import { createTransfers, platformAccount } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import { walletAccount } from './accounts';
import { walletCode } from './codes';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletCashbacks } from './schema';

export async function grantCashback(
  tx: Executor,
  clock: Clock,
  options: { customerId: string; amountMinor: number; reason: string; sourceRef: string },
): Promise<{ cashbackId: string; granted: boolean }> {
  const { amountMinor } = options;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > WalletLimits.cashbackMaxMinor) {
    throw WalletErrors.WALLET_AMOUNT_INVALID({
      errors: [{ path: '/body/amountMinor', message: `1–${WalletLimits.cashbackMaxMinor}` }],
    });
  }
  // Money and points go only to customers who exist: anything else would fail later, for ever.
  if (!(await customerIsActive(tx, options.customerId))) {
    throw WalletErrors.WALLET_CUSTOMER_NOT_FOUND({
      errors: [{ path: '/body/customerId', message: 'no active customer with this id', code: 'CUSTOMER_NOT_FOUND' }],
    });
  }
  const id = newId('cbk', clock);
  const transferId = `txn_cbk_${id.slice(4)}`;
  const [row] = await tx
    .insert(walletCashbacks)
    .values({
      id,
      customerId: options.customerId,
      amountMinor,
      reason: options.reason,
      sourceRef: options.sourceRef,
      transferId,
      createdAt: clock.now(),
    })
    .onConflictDoNothing({ target: walletCashbacks.sourceRef })
    .returning();
  if (!row) {
    const [existing] = await tx.select().from(walletCashbacks).where(eq(walletCashbacks.sourceRef, options.sourceRef));
    assert(existing, 'a conflicting cashback exists');
    return { cashbackId: existing.id, granted: false };
  }
  const expense = await platformAccount(tx, clock, 'marketing_expense');
  const wallet = await walletAccount(tx, clock, options.customerId);
  await createTransfers(tx, clock, [
    {
      id: transferId,
      debitAccountId: expense.id,
      creditAccountId: wallet.id,
      amountMinor,
      code: walletCode('cashback'),
      reference: id,
      metadata: { description: options.reason },
    },
  ]);
  await emitEvent(tx, clock.now(), {
    type: 'wallet.cashback_granted',
    aggregateType: 'wallet',
    aggregateId: options.customerId,
    payload: { cashbackId: id, customerId: options.customerId, amountMinor },
  });
  return { cashbackId: id, granted: true };
}
