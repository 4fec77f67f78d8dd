// Moves a unit held by an order through the order flow: ship, deliver (a rental: on_rent; an installment
// sale: with_buyer), sell, start and receive a return,
// `lose`: a shipped phone whose parcel the carrier lost (staff confirmed it), and `lose_return`: a
// returning phone whose return parcel the carrier lost after collecting it — either stays the order's
// (orderRef kept), so a phone that turns up is traced back; lost → inspecting is staff's, by hand.
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { InventoryErrors } from './errors';
import { inventoryUnits, type UnitGrade, type UnitState } from './schema';
import type { UnitReason } from './unit-reasons';
import { applyTransition, loadUnit, recordUnitHistory } from './unit-transitions';

/** The order-flow steps after a reservation, each guarded by the order holding the unit. */
export async function moveOrderUnit(
  tx: Executor,
  options: {
    unitId: string;
    orderRef: string;
    step: 'ship' | 'deliver' | 'deliver_sale' | 'sell' | 'start_return' | 'receive_return' | 'lose' | 'lose_return';
    now: Date;
    actor?: Actor;
    /** The reason's code for the console; by default the step's own (`order_ship`…) with the order. */
    reason?: UnitReason;
    warehouseId?: string;
  },
): Promise<void> {
  const steps = {
    ship: { from: 'reserved', to: 'shipped' },
    deliver: { from: 'shipped', to: 'on_rent' },
    /** An installment sale delivered: with the buyer while repaying (not `on_rent`, not yet `sold`). */
    deliver_sale: { from: 'shipped', to: 'with_buyer' },
    sell: { from: undefined, to: 'sold' },
    start_return: { from: undefined, to: 'returning' },
    receive_return: { from: 'returning', to: 'inspecting' },
    lose: { from: 'shipped', to: 'lost' },
    lose_return: { from: 'returning', to: 'lost' },
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
    reason: options.reason ?? { code: `order_${options.step}`, params: { orderRef: options.orderRef } },
    now: options.now,
    ...(step.from !== undefined ? { expectedFrom: step.from } : {}),
    ...(options.warehouseId !== undefined ? { warehouseId: options.warehouseId } : {}),
  });
}

/**
 * The grade a returned phone was given at the returns desk, written on its unit in the grader's
 * transaction when the order holds the unit and it is `inspecting` (it stays there: back in stock,
 * refurbishing, repair or retired is the warehouse's move): a history row (inspecting → inspecting,
 * `return_graded` with the order and the grade) and an audit entry `inventory.unit_graded` with the
 * grade before and after. A unit staff already moved on, or another order's, is left as it is and
 * the answer is false: the grading itself never fails for it.
 */
export async function gradeOrderUnit(
  tx: Executor,
  options: { unitId: string; orderRef: string; grade: UnitGrade; now: Date; actor: Actor },
): Promise<boolean> {
  const unit = await loadUnit(tx, options.unitId, true);
  if (unit.orderRef !== options.orderRef || unit.state !== 'inspecting') return false;
  await tx
    .update(inventoryUnits)
    .set({ grade: options.grade, updatedAt: options.now })
    .where(eq(inventoryUnits.id, unit.id));
  const reason = { code: 'return_graded', params: { orderRef: options.orderRef, grade: options.grade } } as const;
  await recordUnitHistory(tx, { unit, from: unit.state, actor: options.actor, reason, now: options.now });
  await audit(tx, {
    actor: options.actor,
    action: 'inventory.unit_graded',
    targetType: 'unit',
    targetId: unit.id,
    detail: { from: unit.grade, to: options.grade, reasonCode: reason.code, reasonParams: reason.params },
    at: options.now,
  });
  return true;
}
