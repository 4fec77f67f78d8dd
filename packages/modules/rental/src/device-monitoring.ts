// The rented phone is watched by risk's MDM while the customer has it: enrolled when the order is
// delivered, released when it is back at the warehouse (the inspection starts), settled, bought out
// or closed. Rental's own subscriber on `rental.order_transitioned` tells risk, in the delivery's
// transaction; risk asks the MDM after commit (its sweep `risk.mdm_enrolments`). A fault swap moves
// the monitoring to the new phone when the customer signs for it (its subscriber on
// `rental.fault_changed`): the faulty phone is released (`swapped`), the new one enrolled on the same
// order. All are idempotent: a redelivered event changes nothing.
import type { EventMap, Executor } from '@zulin/db';
import { getUnit } from '@zulin/inventory';
import { businessDateOf } from '@zulin/kernel';
import { releaseDevice, requestEnrolment } from '@zulin/risk';
import { eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import type { OrderTransitioned } from './events';
import type { OrderState } from './order-machine';
import { rentalOrders } from './schema';

/** The states in which the phone is no longer the customer's to use: monitoring ends. */
export const releasedStates: readonly OrderState[] = ['inspecting', 'settled', 'bought_out', 'closed'];

export async function onOrderTransitionedForDevice(
  tx: Executor,
  deps: RentalDeps,
  p: OrderTransitioned,
): Promise<'requested' | 'released' | 'ignored'> {
  if (p.to === 'delivered') {
    const [order] = await tx
      .select({ unitId: rentalOrders.unitId, customerId: rentalOrders.customerId })
      .from(rentalOrders)
      .where(eq(rentalOrders.id, p.orderId));
    if (order?.unitId == null) return 'ignored';
    const unit = await getUnit(tx, { unitId: order.unitId, today: businessDateOf(deps.clock.now(), deps.timeZone) });
    await requestEnrolment(tx, deps.clock, { reference: p.orderId, imei: unit.imei, customerId: order.customerId });
    return 'requested';
  }
  if ((releasedStates as readonly string[]).includes(p.to)) {
    await releaseDevice(tx, deps.clock, { reference: p.orderId, reason: p.to });
    return 'released';
  }
  return 'ignored';
}

/** The swap's new phone was signed for: the faulty one leaves monitoring, the new one joins it. */
export async function onFaultChangedForDevice(
  tx: Executor,
  deps: RentalDeps,
  p: EventMap['rental.fault_changed'],
): Promise<'swapped' | 'ignored'> {
  if (p.to !== 'resolved' || p.resolution !== 'swapped' || p.replacementImei === null) return 'ignored';
  await releaseDevice(tx, deps.clock, {
    reference: p.orderId,
    reason: 'swapped',
    // A fault without the faulty IMEI (never expected): every phone of the order but the new one.
    imei: p.faultyImei ?? undefined,
  });
  // `again`: the new phone may be one this order had before (swapped out, repaired, sent back).
  await requestEnrolment(tx, deps.clock, {
    reference: p.orderId,
    imei: p.replacementImei,
    customerId: p.customerId,
    again: true,
  });
  return 'swapped';
}
