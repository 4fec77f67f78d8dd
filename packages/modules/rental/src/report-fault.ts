// A customer reports a fault during the rental (DOMAIN §5, "Faults"): the order takes the after-sale
// lock (`report_fault`, kind `fault`: no return, buyout or renewal while it is open, and none of them
// may be open now), a fault record is opened (`reported`) with the description, the photos (stored
// before the command, checked by their first bytes) and the phone the customer holds, and
// `rental.fault_reported` makes support open a `fault` ticket on the order in the event's delivery
// (support depends on rental, so rental does not call support). One transaction.
import { type Executor, emitEvent } from '@zulin/db';
import { newId, today } from '@zulin/kernel';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { type FaultRow, unitImei } from './faults';
import { RentalLimits } from './limits';
import { loadOrderForUpdate, moveOrder } from './order-store';
import { type InspectionPhoto, rentalFaults } from './schema';

export async function reportFault(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; customerId: string; description: string; photos: InspectionPhoto[] },
): Promise<FaultRow> {
  const description = options.description.trim();
  if (description.length < 2 || description.length > RentalLimits.faultDescriptionLengthMax) {
    throw RentalErrors.RENTAL_FAULT_INVALID({
      errors: [{ path: '/body/description', message: `2–${RentalLimits.faultDescriptionLengthMax} characters` }],
    });
  }
  if (options.photos.length > RentalLimits.faultPhotosMax) {
    throw RentalErrors.RENTAL_FAULT_INVALID({
      errors: [{ path: '/body/photos', message: `at most ${RentalLimits.faultPhotosMax} photos` }],
    });
  }
  const order = await loadOrderForUpdate(tx, options.orderId, { customerId: options.customerId });
  const now = deps.clock.now();
  const reportedOn = today(deps.clock, deps.timeZone);
  const id = newId('flt', deps.clock);
  // The machine first: a wrong state or another open after-sale action refuses before anything is written.
  await moveOrder(tx, {
    order,
    action: 'report_fault',
    by: { actor: 'customer', audit: { kind: 'customer', customerId: order.customerId } },
    now,
    detail: { faultId: id },
  });
  // A renting order always holds its phone (shipped, then delivered).
  if (order.unitId === null) throw new Error(`renting order ${order.id} has no unit`);
  const imei = await unitImei(tx, order.unitId, reportedOn);
  const [row] = await tx
    .insert(rentalFaults)
    .values({
      id,
      orderId: order.id,
      customerId: order.customerId,
      status: 'reported',
      description,
      photos: options.photos,
      reportedOn,
      faultyUnitId: order.unitId,
      faultyImei: imei,
      createdAt: now,
    })
    .returning();
  if (row === undefined) throw new Error('inserted fault not returned');
  await emitEvent(tx, now, {
    type: 'rental.fault_reported',
    aggregateType: 'rental_order',
    aggregateId: order.id,
    payload: {
      faultId: id,
      orderId: order.id,
      customerId: order.customerId,
      description,
      imei,
      photos: options.photos.length,
    },
  });
  return row;
}
