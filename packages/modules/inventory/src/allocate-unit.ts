// Allocating the phone that ships with an order, by the IMEI staff scan at the shipping desk: the
// scanned unit must be of the order's SKU, and either the unit the order holds (reserved for it) or
// one in stock — then the order's reservation moves to it (the held unit goes back in stock and the
// scanned one is reserved for the order, both under their row locks, with history and audit). Any
// other unit (reserved for another order, on rent, in repair…) is refused.
import { readSkuConditions } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { and, eq } from 'drizzle-orm';
import type { Actor } from './audit';
import { InventoryErrors } from './errors';
import { gradeFits } from './grade-fit';
import { type ReservedUnit, reservedView } from './reservations';
import { inventoryUnits } from './schema';
import { applyTransition } from './unit-transitions';
import { assertImei } from './units';

/** The unit with this IMEI, read without a lock (the desk's check before a waybill is asked for). */
export async function unitByImei(db: Executor, imei: string): Promise<ReservedUnit & { state: string }> {
  assertImei(imei);
  const [row] = await db.select().from(inventoryUnits).where(eq(inventoryUnits.imei, imei));
  if (row === undefined) throw InventoryErrors.INVENTORY_UNIT_NOT_FOUND({ detail: `No unit has IMEI ${imei}.` });
  return { ...reservedView(row), state: row.state };
}

/** Checks a scanned unit against an order without changing anything; the refusals `allocateUnitByImei` gives. */
export function checkScannedUnit(
  unit: { skuId: string; state: string; orderRef: string; imei: string },
  options: { skuId: string; orderRef: string },
): void {
  if (unit.skuId !== options.skuId) {
    throw InventoryErrors.INVENTORY_UNIT_SKU_MISMATCH({
      detail: `The phone ${unit.imei} is of another SKU than the order's.`,
      errors: [{ path: '/body/imei', message: 'not the ordered SKU' }],
    });
  }
  const held = unit.state === 'reserved' && unit.orderRef === options.orderRef;
  if (!held && unit.state !== 'in_stock') {
    throw InventoryErrors.INVENTORY_UNIT_UNAVAILABLE({
      detail: `The phone ${unit.imei} is ${unit.state}${unit.orderRef ? ' for another order' : ''}; scan one in stock.`,
      errors: [{ path: '/body/imei', message: unit.state }],
    });
  }
}

export async function allocateUnitByImei(
  tx: Executor,
  options: { imei: string; skuId: string; orderRef: string; now: Date; actor: Actor },
): Promise<ReservedUnit> {
  assertImei(options.imei);
  const [unit] = await tx.select().from(inventoryUnits).where(eq(inventoryUnits.imei, options.imei)).for('update');
  if (unit === undefined) {
    throw InventoryErrors.INVENTORY_UNIT_NOT_FOUND({ detail: `No unit has IMEI ${options.imei}.` });
  }
  checkScannedUnit({ ...unit, orderRef: unit.orderRef ?? '' }, options);
  if (unit.state === 'reserved') return reservedView(unit);
  // As a reservation: a phone whose grade does not fit the order's condition is not the phone ordered.
  const condition = (await readSkuConditions(tx, [options.skuId])).get(options.skuId);
  if (condition === undefined || !gradeFits(unit.grade, condition)) {
    throw InventoryErrors.INVENTORY_UNIT_SKU_MISMATCH({
      detail: `The phone ${unit.imei} is graded ${unit.grade}, which does not fit the condition ${condition ?? 'of the order'}.`,
      errors: [{ path: '/body/imei', message: `graded ${unit.grade}` }],
    });
  }
  const [held] = await tx
    .select()
    .from(inventoryUnits)
    .where(and(eq(inventoryUnits.orderRef, options.orderRef), eq(inventoryUnits.state, 'reserved')))
    .for('update');
  if (held !== undefined) {
    await applyTransition(tx, held, {
      unitId: held.id,
      to: 'in_stock',
      actor: options.actor,
      reason: { code: 'allocation_replaced', params: { orderRef: options.orderRef, imei: options.imei } },
      now: options.now,
      orderRef: null,
    });
  }
  const row = await applyTransition(tx, unit, {
    unitId: unit.id,
    to: 'reserved',
    actor: options.actor,
    reason: { code: 'allocated_at_shipping', params: { orderRef: options.orderRef } },
    now: options.now,
    orderRef: options.orderRef,
    reservationExpiresAt: null,
  });
  return reservedView(row);
}
