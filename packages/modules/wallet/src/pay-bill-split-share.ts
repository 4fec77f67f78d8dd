// A friend pays their share of a bill split from their wallet.
import { type Executor, emitEvent } from '@zulin/db';
import { and, eq, sql } from 'drizzle-orm';
import { type BillSplitView, getBillSplit } from './bill-splits';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import { walletBillSplitShares, walletBillSplits } from './schema';
import { moveBetweenWallets } from './send-transfer';

/** A friend pays their share; the split settles when the last share is paid. */
export async function payBillSplitShare(
  tx: Executor,
  deps: WalletDeps,
  options: { customerId: string; splitId: string },
): Promise<BillSplitView> {
  const [split] = await tx
    .select()
    .from(walletBillSplits)
    .where(eq(walletBillSplits.id, options.splitId))
    .for('update');
  const [share] = await tx
    .select()
    .from(walletBillSplitShares)
    .where(
      and(eq(walletBillSplitShares.splitId, options.splitId), eq(walletBillSplitShares.customerId, options.customerId)),
    )
    .for('update');
  if (!split || !share) throw WalletErrors.WALLET_BILL_SPLIT_NOT_FOUND();
  if (share.status === 'paid') throw WalletErrors.WALLET_BILL_SPLIT_SHARE_PAID();
  if (split.status !== 'open' || split.expiresAt.getTime() <= deps.clock.now().getTime())
    throw WalletErrors.WALLET_BILL_SPLIT_NOT_OPEN();
  const moved = await moveBetweenWallets(tx, deps, {
    fromCustomerId: options.customerId,
    toCustomerId: split.customerId,
    amountMinor: share.amountMinor,
    type: 'bill_split',
    note: split.title,
    reference: split.id,
  });
  const now = deps.clock.now();
  await tx
    .update(walletBillSplitShares)
    .set({ status: 'paid', paidAt: now, transferId: moved.transferId })
    .where(and(eq(walletBillSplitShares.splitId, split.id), eq(walletBillSplitShares.position, share.position)));
  const [unpaid] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(walletBillSplitShares)
    .where(and(eq(walletBillSplitShares.splitId, split.id), eq(walletBillSplitShares.status, 'unpaid')));
  if (Number(unpaid?.n ?? 0) === 0) {
    await tx
      .update(walletBillSplits)
      .set({ status: 'settled', closedAt: now })
      .where(eq(walletBillSplits.id, split.id));
    await emitEvent(tx, now, {
      type: 'wallet.bill_split_settled',
      aggregateType: 'bill_split',
      aggregateId: split.id,
      payload: {
        splitId: split.id,
        customerId: split.customerId,
        requesterCustomerId: split.customerId,
        amountMinor: split.totalMinor,
        title: split.title,
      },
    });
  }
  return getBillSplit(tx, deps.masterKey, options.customerId, split.id);
}
