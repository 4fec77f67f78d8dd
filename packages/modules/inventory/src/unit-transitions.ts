// The unit state machine of DOMAIN §3. Every change goes through `transitionUnit`, which checks the
// current state against the table below, writes a history row (who, when, why), the audit entry
// and the outbox event, all in the caller's transaction.
import { type Executor, emitEvent } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { InventoryErrors } from './errors';
import { planRestock, restockRefusalError } from './restock-sku';
import { inventoryUnitHistory, inventoryUnits, type UnitState } from './schema';
import { reasonFields, type UnitReason } from './unit-reasons';

/**
 * Which state may follow which. `reserved` is entered only through reserveUnit (row lock,
 * expiry); `in_stock` after `reserved` only through a release.
 */
export const unitTransitions: Readonly<Record<UnitState, readonly UnitState[]>> = Object.freeze({
  in_stock: ['reserved', 'repair', 'refurbishing', 'lost', 'retired', 'sold'],
  reserved: ['in_stock', 'shipped'],
  // A parcel refused or returned by the carrier comes back as a return.
  shipped: ['on_rent', 'with_buyer', 'sold', 'returning', 'lost'],
  on_rent: ['returning', 'sold', 'lost'],
  // An installment phone delivered: the buyer's when paid off; a return or a loss as for a rental.
  with_buyer: ['sold', 'returning', 'lost'],
  returning: ['inspecting', 'lost'],
  inspecting: ['in_stock', 'refurbishing', 'repair', 'retired'],
  refurbishing: ['in_stock', 'repair', 'retired'],
  repair: ['in_stock', 'refurbishing', 'retired'],
  // A lost phone that turns up is inspected before it is rented again.
  lost: ['inspecting'],
  sold: [],
  retired: [],
});

/** The states staff may set by hand from the console; the rest belong to order flows. */
export const manualTargets: readonly UnitState[] = [
  'repair',
  'refurbishing',
  'in_stock',
  'lost',
  'retired',
  'inspecting',
];

export type UnitRow = typeof inventoryUnits.$inferSelect;

export interface TransitionOptions {
  unitId: string;
  to: UnitState;
  actor: Actor;
  /** Staff's typed text (stored as written), or a system change's code and parameters (the console words it). */
  reason: string | UnitReason;
  now: Date;
  /** Set on reservation; kept while the unit is with the order; cleared when it comes home. */
  orderRef?: string | null;
  /** For a reservation: when it lapses unless paid. */
  reservationExpiresAt?: Date | null;
  /** Guard: the state the caller believes the unit is in (a stale screen must not move it). */
  expectedFrom?: UnitState;
  /** Extra fields to change with the state, e.g. the warehouse on return. */
  warehouseId?: string;
  location?: string;
}

export async function loadUnit(tx: Executor, unitId: string, lock = false): Promise<UnitRow> {
  const query = tx.select().from(inventoryUnits).where(eq(inventoryUnits.id, unitId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw InventoryErrors.INVENTORY_UNIT_NOT_FOUND({ detail: `No unit ${unitId}.` });
  return row;
}

export function canTransition(from: UnitState, to: UnitState): boolean {
  return unitTransitions[from].includes(to);
}

/** Moves a unit to `to`, locking its row first. Throws INVENTORY_INVALID_TRANSITION otherwise. */
export async function transitionUnit(tx: Executor, options: TransitionOptions): Promise<UnitRow> {
  const unit = await loadUnit(tx, options.unitId, true);
  return applyTransition(tx, unit, options);
}

/**
 * The same, for a row the caller has already locked (FOR UPDATE) in this transaction. A unit coming
 * back in stock from anywhere but a reservation (inspecting, refurbishing, repair) is first filed
 * under the SKU whose condition fits its grade (`fileUnderSkuOfGrade`), or refused with nothing written.
 */
export async function applyTransition(tx: Executor, locked: UnitRow, options: TransitionOptions): Promise<UnitRow> {
  const { to, actor, reason, now } = options;
  let unit = locked;
  if (options.expectedFrom !== undefined && unit.state !== options.expectedFrom) {
    throw InventoryErrors.INVENTORY_INVALID_TRANSITION({
      detail: `The unit is ${unit.state}, not ${options.expectedFrom}.`,
    });
  }
  if (!canTransition(unit.state, to)) {
    throw InventoryErrors.INVENTORY_INVALID_TRANSITION({ detail: `A unit cannot go from ${unit.state} to ${to}.` });
  }
  // A released reservation goes back as it was taken: reserveUnit only takes a unit that fits.
  if (to === 'in_stock' && unit.state !== 'reserved') unit = await fileUnderSkuOfGrade(tx, unit, { actor, now });
  const comesHome = to === 'in_stock' || to === 'retired' || to === 'repair' || to === 'refurbishing';
  const orderRef = options.orderRef !== undefined ? options.orderRef : comesHome ? null : unit.orderRef;
  const [row] = await tx
    .update(inventoryUnits)
    .set({
      state: to,
      orderRef,
      reservedAt: to === 'reserved' ? now : to === 'in_stock' ? null : unit.reservedAt,
      reservationExpiresAt: to === 'reserved' ? (options.reservationExpiresAt ?? null) : null,
      ...(options.warehouseId !== undefined ? { warehouseId: options.warehouseId } : {}),
      ...(options.location !== undefined ? { location: options.location } : {}),
      updatedAt: now,
    })
    .where(eq(inventoryUnits.id, unit.id))
    .returning();
  if (!row) throw new Error('the locked unit exists');
  await recordUnitChange(tx, { unit: row, from: unit.state, actor, reason, now });
  return row;
}

/**
 * Files a locked unit under the SKU of its phone whose condition fits its grade (restock-sku.ts): its
 * own SKU when that fits (nothing written); a sibling SKU — the unit moves to it with a history row
 * `resku_by_grade` and the audit entry `inventory.unit_resku`; otherwise 409
 * INVENTORY_GRADE_NOT_SELLABLE (C, D) or INVENTORY_NO_SKU_FOR_GRADE, before anything is written.
 * Stock counts follow by themselves: availability is counted from the units (reservations.ts), and
 * the catalog's read cache holds no stock.
 */
export async function fileUnderSkuOfGrade(
  tx: Executor,
  unit: UnitRow,
  options: { actor: Actor; now: Date },
): Promise<UnitRow> {
  const plan = await planRestock(tx, unit);
  if (plan.refusal !== null || plan.toSkuId === null) throw restockRefusalError(plan);
  if (!plan.changesSku) return unit;
  const [row] = await tx
    .update(inventoryUnits)
    .set({ skuId: plan.toSkuId, updatedAt: options.now })
    .where(eq(inventoryUnits.id, unit.id))
    .returning();
  if (!row) throw new Error('the locked unit exists');
  const reason = {
    code: 'resku_by_grade',
    params: { fromSkuId: unit.skuId, toSkuId: plan.toSkuId, grade: unit.grade },
  } as const;
  await recordUnitHistory(tx, { unit: row, from: unit.state, actor: options.actor, reason, now: options.now });
  await audit(tx, {
    actor: options.actor,
    action: 'inventory.unit_resku',
    targetType: 'unit',
    targetId: unit.id,
    detail: {
      fromSkuId: unit.skuId,
      toSkuId: plan.toSkuId,
      grade: unit.grade,
      fromCondition: plan.fromCondition,
      toCondition: plan.condition,
      reasonCode: reason.code,
      reasonParams: reason.params,
    },
    at: options.now,
  });
  return row;
}

/** One row of a unit's history: who changed it, when, from which state to its current one, and why. */
export async function recordUnitHistory(
  tx: Executor,
  options: { unit: UnitRow; from: UnitState | null; actor: Actor; reason: string | UnitReason; now: Date },
): Promise<void> {
  const { unit, from, actor, reason, now } = options;
  await tx.insert(inventoryUnitHistory).values({
    id: newId('uhis'),
    unitId: unit.id,
    fromState: from,
    toState: unit.state,
    actorKind: actor.kind,
    actorId: actorIdOf(actor),
    // A system change is its code and parameters, worded by the reader's app; only staff's text is stored as written.
    reason: typeof reason === 'string' ? reason : null,
    reasonCode: typeof reason === 'string' ? null : reason.code,
    reasonParams: typeof reason === 'string' ? null : (reason.params ?? {}),
    orderRef: unit.orderRef,
    at: now,
  });
}

/** History row + audit entry + outbox event for one change of a unit's state (or its creation). */
export async function recordUnitChange(
  tx: Executor,
  options: {
    unit: UnitRow;
    from: UnitState | null;
    actor: Actor;
    reason: string | UnitReason;
    now: Date;
  },
): Promise<void> {
  const { unit, from, actor, reason, now } = options;
  await recordUnitHistory(tx, options);
  const action = from === null ? 'inventory.unit_received' : `inventory.unit_${unit.state}`;
  // The audit entry keeps only what is set: a system change's code and parameters, or staff's text.
  const { reason: typed, reasonCode, reasonParams } = reasonFields(reason);
  const why = reasonCode === null ? { reason: typed } : { reasonCode, reasonParams };
  await audit(tx, {
    actor,
    action,
    targetType: 'unit',
    targetId: unit.id,
    detail: { from, to: unit.state, ...why, ...(unit.orderRef ? { orderRef: unit.orderRef } : {}) },
    at: now,
  });
  await emitEvent(tx, now, {
    type: from === null ? 'inventory.unit_received' : 'inventory.unit_state_changed',
    aggregateType: 'unit',
    aggregateId: unit.id,
    payload: {
      unitId: unit.id,
      skuId: unit.skuId,
      from,
      to: unit.state,
      orderRef: unit.orderRef,
      ...reasonFields(reason),
    },
  });
}

function actorIdOf(actor: Actor): string | null {
  switch (actor.kind) {
    case 'staff':
      return actor.staffId;
    case 'customer':
      return actor.customerId;
    case 'partner':
      return actor.partnerId;
    default:
      return null;
  }
}
