// Reserving a unit for an order, and what follows: release (cancelled or unpaid), shipping,
// delivery, return. No unit is ever reserved twice: a reservation picks an in-stock unit with
// FOR UPDATE SKIP LOCKED (concurrent orders take different rows instead of waiting on one), moves
// it under the row lock, and a partial unique index allows one reserved unit per order.
import type { Executor } from '@zulin/db';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Actor } from './audit';
import { InventoryErrors } from './errors';
import { InventoryLimits } from './limits';
import { inventoryUnits, type UnitState } from './schema';
import { applyTransition, loadUnit, transitionUnit, type UnitRow } from './unit-transitions';

const reserveAttemptsMax = 3;

export interface ReservedUnit {
  unitId: string;
  skuId: string;
  imei: string;
  warehouseId: string;
  orderRef: string;
  expiresAt: string;
}

function reservedView(row: UnitRow): ReservedUnit {
  return {
    unitId: row.id,
    skuId: row.skuId,
    imei: row.imei,
    warehouseId: row.warehouseId,
    orderRef: row.orderRef ?? '',
    expiresAt: row.reservationExpiresAt?.toISOString() ?? '',
  };
}

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
  const conditions = [eq(inventoryUnits.skuId, skuId), eq(inventoryUnits.state, 'in_stock')];
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
    reason: `reserved for order ${orderRef}`,
    now,
    orderRef,
    reservationExpiresAt: new Date(now.getTime() + (options.ttlMs ?? InventoryLimits.reservationTtlMs)),
  });
  return reservedView(row);
}

/** Puts a reserved unit back in stock (order cancelled or unpaid). Idempotent for a released unit. */
export async function releaseReservation(
  tx: Executor,
  options: { unitId: string; orderRef: string; reason: string; now: Date; actor?: Actor },
): Promise<void> {
  const unit = await loadUnit(tx, options.unitId, true);
  if (unit.state !== 'reserved' || unit.orderRef !== options.orderRef) {
    // Released already (by the tick or an earlier call) and maybe reserved by someone else since.
    if (unit.orderRef !== options.orderRef) return;
    throw InventoryErrors.INVENTORY_INVALID_TRANSITION({ detail: `The unit is ${unit.state}, not reserved.` });
  }
  await applyTransition(tx, unit, {
    unitId: unit.id,
    to: 'in_stock',
    actor: options.actor ?? { kind: 'system' },
    reason: options.reason,
    now: options.now,
    orderRef: null,
  });
}

/**
 * Confirms a paid reservation: it no longer lapses. The unit stays `reserved` until it ships;
 * only its expiry is cleared.
 */
export async function confirmReservation(
  tx: Executor,
  options: { unitId: string; orderRef: string; now: Date },
): Promise<void> {
  const unit = await loadUnit(tx, options.unitId, true);
  assertHeldBy(unit, options.orderRef, 'reserved');
  await tx
    .update(inventoryUnits)
    .set({ reservationExpiresAt: null, updatedAt: options.now })
    .where(eq(inventoryUnits.id, unit.id));
}

function assertHeldBy(unit: UnitRow, orderRef: string, state: UnitState): void {
  if (unit.orderRef !== orderRef) {
    throw InventoryErrors.INVENTORY_RESERVATION_MISMATCH({ detail: `The unit is not held by order ${orderRef}.` });
  }
  if (unit.state !== state) {
    throw InventoryErrors.INVENTORY_INVALID_TRANSITION({ detail: `The unit is ${unit.state}, not ${state}.` });
  }
}

/** The order-flow steps after a reservation, each guarded by the order holding the unit. */
export async function moveOrderUnit(
  tx: Executor,
  options: {
    unitId: string;
    orderRef: string;
    step: 'ship' | 'deliver' | 'sell' | 'start_return' | 'receive_return';
    now: Date;
    actor?: Actor;
    reason?: string;
    warehouseId?: string;
  },
): Promise<void> {
  const steps = {
    ship: { from: 'reserved', to: 'shipped' },
    deliver: { from: 'shipped', to: 'on_rent' },
    sell: { from: undefined, to: 'sold' },
    start_return: { from: undefined, to: 'returning' },
    receive_return: { from: 'returning', to: 'inspecting' },
  } as const satisfies Record<string, { from: UnitState | undefined; to: UnitState }>;
  const step = steps[options.step];
  const unit = await loadUnit(tx, options.unitId, true);
  if (unit.orderRef !== options.orderRef) {
    throw InventoryErrors.INVENTORY_RESERVATION_MISMATCH({
      detail: `The unit is not held by order ${options.orderRef}.`,
    });
  }
  await applyTransition(tx, unit, {
    unitId: unit.id,
    to: step.to,
    actor: options.actor ?? { kind: 'system' },
    reason: options.reason ?? `${options.step.replace('_', ' ')} for order ${options.orderRef}`,
    now: options.now,
    ...(step.from !== undefined ? { expectedFrom: step.from } : {}),
    ...(options.warehouseId !== undefined ? { warehouseId: options.warehouseId } : {}),
  });
}

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
        reason: `reservation for order ${unit.orderRef} expired unpaid`,
        now: options.now,
        orderRef: null,
      });
    }
    released += expired.length;
    if (expired.length < InventoryLimits.releaseBatchSize) break;
  }
  return released;
}

/** In-stock counts per SKU (expired reservations counted as free, as they will be on reserve). */
export async function availabilityBySku(
  db: Executor,
  options: { skuIds: readonly string[]; now: Date },
): Promise<Record<string, number>> {
  const result: Record<string, number> = Object.fromEntries(options.skuIds.map((id) => [id, 0]));
  if (options.skuIds.length === 0) return result;
  const rows = await db
    .select({ skuId: inventoryUnits.skuId, n: sql<number>`count(*)::int` })
    .from(inventoryUnits)
    .where(
      and(
        inArray(inventoryUnits.skuId, [...options.skuIds]),
        sql`(${inventoryUnits.state} = 'in_stock' or (${inventoryUnits.state} = 'reserved' and ${inventoryUnits.reservationExpiresAt} <= ${options.now.toISOString()}::timestamptz))`,
      ),
    )
    .groupBy(inventoryUnits.skuId);
  for (const row of rows) result[row.skuId] = Number(row.n);
  return result;
}

export { transitionUnit };
