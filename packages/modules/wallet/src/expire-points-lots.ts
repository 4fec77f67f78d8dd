// The tick that expires points lots past their anniversary; their cash value returns to marketing expense.
import { type Executor, emitEvent } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { createTransfers, platformAccount } from '@zulin/ledger';
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { pointsAccount } from './accounts';
import { pointsCodes } from './codes';
import { WalletLimits } from './limits';
import { minorPerPoint } from './points';
import { walletPointsLots } from './schema';

/** Tick: lots past their expiry give their remaining points back; one transaction per lot. */
export async function expirePointsLots(tx: Executor, clock: Clock): Promise<number> {
  const now = clock.now();
  const due = await tx
    .select()
    .from(walletPointsLots)
    .where(and(gt(walletPointsLots.remaining, 0), lte(walletPointsLots.expiresAt, now)))
    .orderBy(asc(walletPointsLots.expiresAt))
    .limit(WalletLimits.tickBatchSize)
    .for('update', { skipLocked: true });
  if (due.length === 0) return 0;
  const issued = await platformAccount(tx, clock, 'points_issued');
  const expense = await platformAccount(tx, clock, 'marketing_expense');
  const liability = await platformAccount(tx, clock, 'points_liability');
  for (const lot of due) {
    const customerPoints = await pointsAccount(tx, clock, lot.customerId);
    await createTransfers(tx, clock, [
      {
        id: `txn_ptx_${lot.id.slice(5)}`,
        debitAccountId: customerPoints.id,
        creditAccountId: issued.id,
        amountMinor: lot.remaining,
        code: pointsCodes.expire,
        reference: lot.id,
      },
      {
        id: `txn_ptx_${lot.id.slice(5)}_cny`,
        debitAccountId: liability.id,
        creditAccountId: expense.id,
        amountMinor: lot.remaining * minorPerPoint,
        code: 'points.expire_release',
        reference: lot.id,
      },
    ]);
    await tx.update(walletPointsLots).set({ remaining: 0 }).where(eq(walletPointsLots.id, lot.id));
    await emitEvent(tx, now, {
      type: 'wallet.points_expired',
      aggregateType: 'wallet',
      aggregateId: lot.customerId,
      payload: {
        customerId: lot.customerId,
        lotId: lot.id,
        points: lot.remaining,
        amountMinor: lot.remaining * minorPerPoint,
      },
    });
  }
  return due.length;
}
