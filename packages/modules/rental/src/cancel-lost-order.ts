// The parcel is lost and no phone goes instead (none in stock, or the customer would rather not wait):
// staff cancel the order with a full refund of the first payment through the refused parcel's path
// (cancel-refused-order.ts `cancelShippedOrder`: machine `cancel_lost`, refund, customer told). The
// order's newest outbound parcel must be the lost one (a 补发 on its way is not cancelled here), and
// the phone is already inventory's `lost`. The deposit hold is released by the release sweep.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { liveShipmentOf, loadShipment, settleLostShipment } from '@zulin/logistics';
import { cancelShippedOrder } from './cancel-refused-order';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { loadOrderForUpdate, type OrderRow } from './order-store';

export async function cancelLostOrder(
  tx: Executor,
  deps: RentalDeps,
  options: { shipmentId: string; reason: string; staff: StaffPrincipal },
): Promise<OrderRow> {
  const lost = await loadShipment(tx, options.shipmentId);
  if (lost.direction !== 'outbound' || lost.state !== 'lost') {
    throw RentalErrors.RENTAL_PARCEL_NOT_LOST({ detail: `Parcel ${lost.waybillNo} is ${lost.state}.` });
  }
  const order = await loadOrderForUpdate(tx, lost.orderRef);
  const live = await liveShipmentOf(tx, { orderRef: order.id, direction: 'outbound' });
  if (live !== null) {
    throw RentalErrors.RENTAL_PARCEL_STILL_LIVE({
      detail: `Parcel ${live.waybillNo} is on its way to the customer; this order is not waiting for a decision.`,
    });
  }
  const cancelled = await cancelShippedOrder(tx, deps, {
    order,
    action: 'cancel_lost',
    by: { actor: 'staff', audit: options.staff },
    reason: options.reason,
    waybillNo: lost.waybillNo,
    detail: { lostShipmentId: lost.id },
  });
  // The lost parcel is decided: it leaves the desk's 丢失处理 list.
  await settleLostShipment(tx, { shipmentId: lost.id, settlement: 'order_cancelled', now: deps.clock.now() });
  return cancelled;
}
