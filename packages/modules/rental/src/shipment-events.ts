// What the rental does when its parcels move (logistics' events): an outbound parcel signed for
// delivers the order (rent from the next day, rent-steps.ts `recordDelivery`); a return parcel's first
// scan stops the rent (pick-up-return.ts); a return signed for at the warehouse starts the inspection
// (receive-return.ts); an outbound parcel refused and back at the warehouse cancels the order with a
// full refund (cancel-refused-order.ts). An event that finds the order elsewhere (a return withdrawn, a parcel of an order
// cancelled) changes nothing: the shipment keeps the carrier's story for staff.
import type { Executor } from '@zulin/db';
import type { LogisticsEvents } from '@zulin/logistics';
import { eq } from 'drizzle-orm';
import { cancelRefusedOrder } from './cancel-refused-order';
import type { RentalDeps } from './deps';
import type { OrderState } from './order-machine';
import { pickUpReturn } from './pick-up-return';
import { receiveReturn } from './receive-return';
import { recordDelivery } from './rent-steps';
import { rentalOrders } from './schema';

type Payload<K extends keyof typeof LogisticsEvents> = ReturnType<(typeof LogisticsEvents)[K]>;

async function statusOf(tx: Executor, orderId: string): Promise<OrderState | null> {
  const [row] = await tx.select({ status: rentalOrders.status }).from(rentalOrders).where(eq(rentalOrders.id, orderId));
  return row?.status ?? null;
}

export async function onShipmentScanned(
  tx: Executor,
  deps: RentalDeps,
  p: Payload<'logistics.shipment_scanned'>,
): Promise<'moved' | 'ignored'> {
  if (p.direction !== 'return' || (await statusOf(tx, p.orderRef)) !== 'return_requested') return 'ignored';
  await pickUpReturn(tx, deps, { orderId: p.orderRef, scannedAt: new Date(p.at), waybillNo: p.waybillNo });
  return 'moved';
}

export async function onShipmentDelivered(
  tx: Executor,
  deps: RentalDeps,
  p: Payload<'logistics.shipment_delivered'>,
): Promise<'moved' | 'ignored'> {
  const status = await statusOf(tx, p.orderRef);
  if (p.direction === 'outbound' && status === 'shipped') {
    await recordDelivery(tx, deps, { orderId: p.orderRef, signedAt: new Date(p.at) });
    return 'moved';
  }
  if (p.direction === 'return' && status === 'returning') {
    await receiveReturn(tx, deps, {
      orderId: p.orderRef,
      receivedAt: new Date(p.at),
      waybillNo: p.waybillNo,
      signedBy: p.signedBy,
    });
    return 'moved';
  }
  return 'ignored';
}

/** An outbound parcel back at the warehouse (refused, undeliverable): the order is cancelled and refunded. */
export async function onShipmentReturned(
  tx: Executor,
  deps: RentalDeps,
  p: Payload<'logistics.shipment_returned'>,
): Promise<'moved' | 'ignored'> {
  if (p.direction !== 'outbound' || (await statusOf(tx, p.orderRef)) !== 'shipped') return 'ignored';
  await cancelRefusedOrder(tx, deps, { orderId: p.orderRef, returnedAt: new Date(p.at), waybillNo: p.waybillNo });
  return 'moved';
}
