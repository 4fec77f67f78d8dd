// Awards points (on-time payments, useful feedback): a lot that expires 12 months later, its cash
// value accrued from marketing expense into the points liability.
import { type Executor, emitEvent } from '@zulin/db';
import { customerIsActive } from '@zulin/identity';
import { addMonths, assert, businessDateOf, type Clock, newId, startOfDayInstant } from '@zulin/kernel';
import { createTransfers, platformAccount } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import { pointsAccount } from './accounts';
import { pointsCodes } from './codes';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { minorPerPoint } from './points';
import { walletPointsLots } from './schema';

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
