// Points (DOMAIN.md §8): earned for on-time payments and useful feedback, 100 points = ¥1, expiring
// 12 months after they were earned. Each earning is a lot; redemptions spend the oldest lots first.
// In the ledger, points live on the customer's POINTS account (debits ≤ credits), issued from the
// platform's points_issued account; their cash value (1 point = 1 分) is accrued from marketing
// expense into the points liability when earned, paid into the wallet when redeemed, and returned
// to marketing expense when points expire unused.

import { type Executor, emitEvent } from '@zulin/db';
import { customerIsActive } from '@zulin/identity';
import { addMonths, assert, businessDateOf, type Clock, newId, startOfDayInstant } from '@zulin/kernel';
import { createTransfers, getBalances, platformAccount } from '@zulin/ledger';
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { pointsAccount, walletAccount } from './accounts';
import { pointsCodes, walletCode } from './codes';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletPointsLots } from './schema';

/** 100 points are worth ¥1 = 100 分, so one point is worth one 分. */
export const minorPerPoint = 100 / WalletLimits.pointsPerYuan;

export async function awardPoints(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  options: { customerId: string; points: number; reason: string; sourceRef: string },
): Promise<{ lotId: string; awarded: boolean }> {
  const { customerId, points } = options;
  assert(
    Number.isSafeInteger(points) && points > 0 && points <= WalletLimits.pointsAwardMax,
    'points to award are a positive integer',
  );
  // Money and points go only to customers who exist: anything else would fail later, for ever.
  if (!(await customerIsActive(tx, options.customerId))) {
    throw WalletErrors.WALLET_CUSTOMER_NOT_FOUND({
      errors: [{ path: '/body/customerId', message: 'no active customer with this id', code: 'CUSTOMER_NOT_FOUND' }],
    });
  }
  const now = deps.clock.now();
  const earnedDate = businessDateOf(now, deps.timeZone);
  const expiresAt = startOfDayInstant(addMonths(earnedDate, WalletLimits.pointsExpiryMonths), deps.timeZone);
  const lotId = newId('plot', deps.clock);
  const [lot] = await tx
    .insert(walletPointsLots)
    .values({
      id: lotId,
      customerId,
      points,
      remaining: points,
      reason: options.reason,
      sourceRef: options.sourceRef,
      earnedAt: now,
      expiresAt,
    })
    .onConflictDoNothing({ target: walletPointsLots.sourceRef })
    .returning();
  if (!lot) {
    const [existing] = await tx
      .select()
      .from(walletPointsLots)
      .where(eq(walletPointsLots.sourceRef, options.sourceRef));
    assert(existing, 'a conflicting lot exists');
    return { lotId: existing.id, awarded: false };
  }
  const customerPoints = await pointsAccount(tx, deps.clock, customerId);
  const issued = await platformAccount(tx, deps.clock, 'points_issued');
  const expense = await platformAccount(tx, deps.clock, 'marketing_expense');
  const liability = await platformAccount(tx, deps.clock, 'points_liability');
  await createTransfers(tx, deps.clock, [
    {
      id: `txn_pts_${lotId.slice(5)}`,
      debitAccountId: issued.id,
      creditAccountId: customerPoints.id,
      amountMinor: points,
      code: pointsCodes.earn,
      reference: lotId,
      metadata: { reason: options.reason, description: options.reason },
    },
    {
      id: `txn_pts_${lotId.slice(5)}_cny`,
      debitAccountId: expense.id,
      creditAccountId: liability.id,
      amountMinor: points * minorPerPoint,
      code: 'points.accrue',
      reference: lotId,
    },
  ]);
  await emitEvent(tx, now, {
    type: 'wallet.points_awarded',
    aggregateType: 'wallet',
    aggregateId: customerId,
    // amountMinor: the points' cash value (1 point = 1 分), what the customer may redeem them for.
    payload: { customerId, points, amountMinor: points * minorPerPoint, lotId, reason: options.reason },
  });
  return { lotId, awarded: true };
}

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

export interface PointsSummary {
  balance: number;
  cashValueMinor: number;
  /** Lots with points left, soonest to expire first (at most 20). */
  lots: { id: string; points: number; remaining: number; reason: string; earnedAt: Date; expiresAt: Date }[];
}

export async function pointsSummary(tx: Executor, clock: Clock, customerId: string): Promise<PointsSummary> {
  const account = await pointsAccount(tx, clock, customerId);
  const b = (await getBalances(tx, [account.id])).get(account.id);
  const balance = b ? b.creditsPostedMinor - b.debitsPostedMinor : 0;
  const lots = await tx
    .select()
    .from(walletPointsLots)
    .where(and(eq(walletPointsLots.customerId, customerId), gt(walletPointsLots.remaining, 0)))
    .orderBy(asc(walletPointsLots.expiresAt))
    .limit(WalletLimits.pointsLotsShownMax);
  return {
    balance,
    cashValueMinor: balance * minorPerPoint,
    lots: lots.map((l) => ({
      id: l.id,
      points: l.points,
      remaining: l.remaining,
      reason: l.reason,
      earnedAt: l.earnedAt,
      expiresAt: l.expiresAt,
    })),
  };
}

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
