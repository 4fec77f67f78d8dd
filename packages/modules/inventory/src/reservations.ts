// Reserving a unit for an order, and what follows: release (cancelled or unpaid), shipping,
// delivery, return. No unit is ever reserved twice: a reservation picks an in-stock unit with
// FOR UPDATE SKIP LOCKED (concurrent orders take different rows instead of waiting on one), moves
// it under the row lock, and a partial unique index allows one reserved unit per order. This file holds
// the reservation view, the holder check and availability; each step is its own use case file
// (reserve-unit.ts, release-reservation.ts, confirm-reservation.ts, move-order-unit.ts,
// release-expired-reservations.ts).
import { type Condition, readSkuConditions } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { and, inArray, or, sql } from 'drizzle-orm';
import { InventoryErrors } from './errors';
import { gradesFitting } from './grade-fit';
import { inventoryUnits, type UnitState } from './schema';
import { transitionUnit, type UnitRow } from './unit-transitions';

export interface ReservedUnit {
  unitId: string;
  skuId: string;
  imei: string;
  warehouseId: string;
  orderRef: string;
  expiresAt: string;
}

export function reservedView(row: UnitRow): ReservedUnit {
  return {
    unitId: row.id,
    skuId: row.skuId,
    imei: row.imei,
    warehouseId: row.warehouseId,
    orderRef: row.orderRef ?? '',
    expiresAt: row.reservationExpiresAt?.toISOString() ?? '',
  };
}

export function assertHeldBy(unit: UnitRow, orderRef: string, state: UnitState): void {
  if (unit.orderRef !== orderRef) {
    throw InventoryErrors.INVENTORY_RESERVATION_MISMATCH({ detail: `The unit is not held by order ${orderRef}.` });
  }
  if (unit.state !== state) {
    throw InventoryErrors.INVENTORY_INVALID_TRANSITION({ detail: `The unit is ${unit.state}, not ${state}.` });
  }
}

/**
 * In-stock counts per SKU (expired reservations counted as free, as they will be on reserve): the
 * units reserveUnit can take, so only those whose grade fits the SKU's condition.
 */
export async function availabilityBySku(
  db: Executor,
  options: { skuIds: readonly string[]; now: Date },
): Promise<Record<string, number>> {
  const result: Record<string, number> = Object.fromEntries(options.skuIds.map((id) => [id, 0]));
  if (options.skuIds.length === 0) return result;
  const skusByCondition = new Map<Condition, string[]>();
  for (const [skuId, condition] of await readSkuConditions(db, options.skuIds)) {
    skusByCondition.set(condition, [...(skusByCondition.get(condition) ?? []), skuId]);
  }
  if (skusByCondition.size === 0) return result;
  const fits = or(
    ...[...skusByCondition].map(([condition, ids]) =>
      and(inArray(inventoryUnits.skuId, ids), inArray(inventoryUnits.grade, gradesFitting(condition))),
    ),
  );
  const rows = await db
    .select({ skuId: inventoryUnits.skuId, n: sql<number>`count(*)::int` })
    .from(inventoryUnits)
    .where(
      and(
        fits,
        sql`(${inventoryUnits.state} = 'in_stock' or (${inventoryUnits.state} = 'reserved' and ${inventoryUnits.reservationExpiresAt} <= ${options.now.toISOString()}::timestamptz))`,
      ),
    )
    .groupBy(inventoryUnits.skuId);
  for (const row of rows) result[row.skuId] = Number(row.n);
  return result;
}

export { transitionUnit };
