// Releases lapsed reservations back to stock in bounded batches (SKIP LOCKED).
import type { Executor } from '@zulin/db';
import { and, asc, eq, lte } from 'drizzle-orm';
import { InventoryLimits } from './limits';
import { inventoryUnits } from './schema';
import { applyTransition } from './unit-transitions';

/**
 * Releases reservations whose time has passed, in batches of releaseBatchSize, each unit under its
 * row lock (SKIP LOCKED: a unit being paid for right now is left to that transaction). Returns how
 * many were released. Bounded: at most `maxBatches` batches per call.
 */
export async function releaseExpiredReservations(
  tx: Executor,
  options: { now: Date; skuId?: string; maxBatches?: number },
): Promise<number> {
  let released = 0;
  const maxBatches = options.maxBatches ?? 1;
  for (let batch = 0; batch < maxBatches; batch++) {
    const conditions = [eq(inventoryUnits.state, 'reserved'), lte(inventoryUnits.reservationExpiresAt, options.now)];
    if (options.skuId) conditions.push(eq(inventoryUnits.skuId, options.skuId));
    const expired = await tx
      .select()
      .from(inventoryUnits)
      .where(and(...conditions))
      .orderBy(asc(inventoryUnits.reservationExpiresAt))
      .limit(InventoryLimits.releaseBatchSize)
      .for('update', { skipLocked: true });
    for (const unit of expired) {
      await applyTransition(tx, unit, {
        unitId: unit.id,
        to: 'in_stock',
        actor: { kind: 'system' },
        reason: { code: 'reservation_expired', params: { orderRef: unit.orderRef ?? '' } },
        now: options.now,
        orderRef: null,
      });
    }
    released += expired.length;
    if (expired.length < InventoryLimits.releaseBatchSize) break;
  }
  return released;
}
