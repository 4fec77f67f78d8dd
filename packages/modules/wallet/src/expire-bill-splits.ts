// The sweep that expires bill splits past their deadline, and their unpaid shares.
import { type Executor, emitEvent } from '@zulin/db';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { WalletLimits } from './limits';
import { walletBillSplitShares, walletBillSplits } from './schema';

/**
 * Tick: open splits past their expiry become expired (their unpaid shares can no longer be paid).
 * Set-based and idempotent: the update only takes splits still open, under their row locks, and the
 * event for each is written by the transaction that expired it.
 */
export async function expireBillSplits(tx: Executor, now: Date): Promise<number> {
  const expired = await tx
    .update(walletBillSplits)
    .set({ status: 'expired', closedAt: now })
    .where(
      inArray(
        walletBillSplits.id,
        tx
          .select({ id: walletBillSplits.id })
          .from(walletBillSplits)
          .where(and(eq(walletBillSplits.status, 'open'), lte(walletBillSplits.expiresAt, now)))
          .limit(WalletLimits.tickBatchSize)
          .for('update', { skipLocked: true }),
      ),
    )
    .returning({ id: walletBillSplits.id, customerId: walletBillSplits.customerId, title: walletBillSplits.title });
  for (const split of expired) {
    const [unpaid] = await tx
      .select({ total: sql<string>`coalesce(sum(${walletBillSplitShares.amountMinor}), 0)` })
      .from(walletBillSplitShares)
      .where(and(eq(walletBillSplitShares.splitId, split.id), eq(walletBillSplitShares.status, 'unpaid')));
    await emitEvent(tx, now, {
      type: 'wallet.bill_split_expired',
      aggregateType: 'bill_split',
      aggregateId: split.id,
      payload: {
        splitId: split.id,
        customerId: split.customerId,
        title: split.title,
        amountMinor: Number(unpaid?.total ?? 0),
      },
    });
  }
  return expired.length;
}
