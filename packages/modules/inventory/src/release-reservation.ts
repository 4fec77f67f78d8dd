// Puts a unit reserved for an order back in stock (order cancelled or unpaid); idempotent.
import type { Executor } from '@zulin/db';
import type { Actor } from './audit';
import { InventoryErrors } from './errors';
import type { UnitReason } from './unit-reasons';
import { applyTransition, loadUnit } from './unit-transitions';

/** Puts a reserved unit back in stock (order cancelled or unpaid). Idempotent for a released unit. */
export async function releaseReservation(
  tx: Executor,
  options: {
    unitId: string;
    orderRef: string;
    /** Why, for the console; by default `reservation_released` with the order. */
    reason?: UnitReason;
    now: Date;
    actor?: Actor;
  },
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
    reason: options.reason ?? { code: 'reservation_released', params: { orderRef: options.orderRef } },
    now: options.now,
    orderRef: null,
  });
}
