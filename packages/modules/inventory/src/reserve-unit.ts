// Reserves one in-stock unit of a SKU for an order (FOR UPDATE SKIP LOCKED; one reserved unit per order).
import { readSkuConditions } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from './audit';
import { InventoryErrors } from './errors';
import { gradesFitting } from './grade-fit';
import { InventoryLimits } from './limits';
import { releaseExpiredReservations } from './release-expired-reservations';
import { type ReservedUnit, reservedView } from './reservations';
import { inventoryUnits } from './schema';
import { applyTransition, type UnitRow } from './unit-transitions';

const reserveAttemptsMax = 3;

/**
 * Reserves one in-stock unit of the SKU for an order, in the caller's transaction. Reserving again
 * for the same order returns the unit it already holds. Reservations of this SKU that have lapsed
 * are released first, so a lapsed one never blocks a paying customer while the tick is pending.
 */
export async function reserveUnit(
  tx: Executor,
  options: { skuId: string; orderRef: string; now: Date; actor?: Actor; warehouseId?: string; ttlMs?: number },
): Promise<ReservedUnit> {
  const { skuId, orderRef, now } = options;
  const actor = options.actor ?? { kind: 'system' as const };
  const [held] = await tx
    .select()
    .from(inventoryUnits)
    .where(and(eq(inventoryUnits.orderRef, orderRef), eq(inventoryUnits.state, 'reserved')));
  if (held) {
    if (held.skuId !== skuId) {
      throw InventoryErrors.INVENTORY_RESERVATION_MISMATCH({
        detail: `Order ${orderRef} holds a unit of another SKU.`,
      });
    }
    return reservedView(held);
  }
  await releaseExpiredReservations(tx, { now, skuId });
  // Only a unit whose grade fits the SKU's condition (grade-fit.ts): units come back in stock under
  // the SKU of their grade, and this guard keeps a phone filed wrongly by hand from being rented.
  const condition = (await readSkuConditions(tx, [skuId])).get(skuId);
  if (condition === undefined) throw InventoryErrors.INVENTORY_UNIT_UNAVAILABLE({ detail: `No SKU ${skuId}.` });
  const conditions = [
    eq(inventoryUnits.skuId, skuId),
    eq(inventoryUnits.state, 'in_stock'),
    inArray(inventoryUnits.grade, gradesFitting(condition)),
  ];
  if (options.warehouseId) conditions.push(eq(inventoryUnits.warehouseId, options.warehouseId));
  // The oldest unit first, so stock rotates; SKIP LOCKED lets concurrent orders each take another.
  // Under READ COMMITTED a row reserved by a transaction that committed while we looked is re-checked
  // and dropped, which can leave a LIMIT 1 empty although other units are free: look again, a
  // bounded number of times, while a plain read still sees free units.
  let candidate: UnitRow | undefined;
  for (let attempt = 0; attempt < reserveAttemptsMax && candidate === undefined; attempt++) {
    [candidate] = await tx
      .select()
      .from(inventoryUnits)
      .where(and(...conditions))
      .orderBy(asc(inventoryUnits.createdAt), asc(inventoryUnits.id))
      .limit(1)
      .for('update', { skipLocked: true });
    if (candidate === undefined) {
      const [free] = await tx
        .select({ id: inventoryUnits.id })
        .from(inventoryUnits)
        .where(and(...conditions))
        .limit(1);
      if (free === undefined) break;
    }
  }
  if (!candidate) throw InventoryErrors.INVENTORY_UNIT_UNAVAILABLE({ detail: `No unit of SKU ${skuId} is in stock.` });
  const row = await applyTransition(tx, candidate, {
    unitId: candidate.id,
    to: 'reserved',
    actor,
    reason: { code: 'reserved_for_order', params: { orderRef } },
    now,
    orderRef,
    reservationExpiresAt: new Date(now.getTime() + (options.ttlMs ?? InventoryLimits.reservationTtlMs)),
  });
  return reservedView(row);
}
