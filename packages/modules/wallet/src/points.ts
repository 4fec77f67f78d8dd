// Points (DOMAIN.md §8): earned for on-time payments and useful feedback, 100 points = ¥1, expiring
// 12 months after they were earned. Each earning is a lot; redemptions spend the oldest lots first.
// In the ledger, points live on the customer's POINTS account (debits ≤ credits), issued from the
// platform's points_issued account; their cash value (1 point = 1 分) is accrued from marketing
// expense into the points liability when earned, paid into the wallet when redeemed, and returned
// to marketing expense when points expire unused.
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { getBalances } from '@zulin/ledger';
import { and, asc, eq, gt } from 'drizzle-orm';
import { pointsAccount } from './accounts';
import { WalletLimits } from './limits';
import { type PointsReasonCode, pointsReasonOf } from './points-reasons';
import { walletPointsLots } from './schema';

/** 100 points are worth ¥1 = 100 分, so one point is worth one 分. */
export const minorPerPoint = 100 / WalletLimits.pointsPerYuan;

export interface PointsSummary {
  balance: number;
  cashValueMinor: number;
  /** Lots with points left, soonest to expire first (at most 20). */
  lots: {
    id: string;
    points: number;
    remaining: number;
    /** As the awarding module wrote it (Chinese); the apps show `reasonCode` in their language. */
    reason: string;
    reasonCode: PointsReasonCode;
    reasonDetail: string | null;
    earnedAt: Date;
    expiresAt: Date;
  }[];
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
      ...pointsReasonOf(l),
      earnedAt: l.earnedAt,
      expiresAt: l.expiresAt,
    })),
  };
}
