// Redeems points into the wallet, oldest-expiring lots first, in whole hundreds.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { createTransfers, platformAccount } from '@zulin/ledger';
import { and, asc, eq, gt } from 'drizzle-orm';
import { pointsAccount, walletAccount } from './accounts';
import { pointsCodes, walletCode } from './codes';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { minorPerPoint } from './points';
import { walletPointsLots } from './schema';

export async function redeemPoints(
  tx: Executor,
  clock: Clock,
  options: { customerId: string; points: number },
): Promise<{ points: number; creditedMinor: number; transferId: string }> {
  const { customerId, points } = options;
  if (!Number.isSafeInteger(points) || points <= 0 || points % WalletLimits.pointsPerYuan !== 0) {
    throw WalletErrors.WALLET_POINTS_INVALID({
      errors: [{ path: '/body/points', message: 'a positive multiple of 100' }],
    });
  }
  const now = clock.now();
  const lots = await tx
    .select()
    .from(walletPointsLots)
    .where(
      and(
        eq(walletPointsLots.customerId, customerId),
        gt(walletPointsLots.remaining, 0),
        gt(walletPointsLots.expiresAt, now),
      ),
    )
    .orderBy(asc(walletPointsLots.expiresAt), asc(walletPointsLots.id))
    .limit(WalletLimits.pointsLotsRedeemMax)
    .for('update');
  const available = lots.reduce((sum, lot) => sum + lot.remaining, 0);
  if (available < points) throw WalletErrors.WALLET_POINTS_INSUFFICIENT({ detail: `You have ${available} points.` });
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    await tx
      .update(walletPointsLots)
      .set({ remaining: lot.remaining - take })
      .where(eq(walletPointsLots.id, lot.id));
    left -= take;
  }
  assert(left === 0, 'the lots covered the redemption');
  const creditedMinor = points * minorPerPoint;
  const transferId = newId('txn', clock);
  const customerPoints = await pointsAccount(tx, clock, customerId);
  const wallet = await walletAccount(tx, clock, customerId);
  const issued = await platformAccount(tx, clock, 'points_issued');
  const liability = await platformAccount(tx, clock, 'points_liability');
  await createTransfers(tx, clock, [
    {
      id: transferId,
      debitAccountId: liability.id,
      creditAccountId: wallet.id,
      amountMinor: creditedMinor,
      code: walletCode('points_redemption'),
      metadata: { points, description: `${points} points redeemed` },
    },
    {
      id: `${transferId}_pts`,
      debitAccountId: customerPoints.id,
      creditAccountId: issued.id,
      amountMinor: points,
      code: pointsCodes.redeem,
      reference: transferId,
    },
  ]);
  await emitEvent(tx, now, {
    type: 'wallet.points_redeemed',
    aggregateType: 'wallet',
    aggregateId: customerId,
    payload: { customerId, points, amountMinor: creditedMinor, transferId },
  });
  return { points, creditedMinor, transferId };
}
