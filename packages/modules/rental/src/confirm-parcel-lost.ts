// Staff confirm an outbound parcel lost at the shipping desk (docs/rental.md, "Refused and lost
// parcels"), with a reason, in one transaction: the machine first (`lose_parcel`: the order must be
// `shipped`), then the shipment → `lost` (logistics' confirmShipmentLost, `logistics.shipment_lost`),
// the phone inside shipped → lost (inventory's moveOrderUnit, still the order's), and the order's
// timeline names the parcel, the phone and the reason. The order stays `shipped` and is not stuck: the
// desk sends another phone (补发, reship-order.ts) or cancels it with a full refund (cancel-lost-order.ts).
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { moveOrderUnit } from '@zulin/inventory';
import { confirmShipmentLost, LogisticsErrors, loadShipment, type ShipmentRow } from '@zulin/logistics';
import type { RentalDeps } from './deps';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { transition } from './transition-order';

export async function confirmParcelLost(
  tx: Executor,
  deps: RentalDeps,
  options: { shipmentId: string; reason: string; staff: StaffPrincipal },
): Promise<{ order: OrderRow; shipment: ShipmentRow }> {
  const now = deps.clock.now();
  const parcel = await loadShipment(tx, options.shipmentId);
  if (parcel.direction !== 'outbound') throw LogisticsErrors.LOGISTICS_SHIPMENT_NOT_OUTBOUND();
  const order = await loadOrderForUpdate(tx, parcel.orderRef);
  transition(
    { status: order.status, openAfterSale: order.openAfterSale },
    { action: 'lose_parcel', actor: 'staff', facts: { parcel_lost: true } },
  );
  const shipment = await confirmShipmentLost(tx, {
    shipmentId: parcel.id,
    direction: 'outbound',
    reason: options.reason,
    staffId: options.staff.staffId,
    now,
  });
  const unitId = shipment.summary.unitId ?? order.unitId;
  if (unitId !== null) {
    await moveOrderUnit(tx, {
      unitId,
      orderRef: order.id,
      step: 'lose',
      now,
      actor: options.staff,
      reason: `parcel ${shipment.waybillNo} lost: ${shipment.lostReason ?? ''}`.slice(0, 300),
    });
  }
  const moved = await moveOrder(tx, {
    order,
    action: 'lose_parcel',
    by: { actor: 'staff', audit: options.staff },
    now,
    facts: { parcel_lost: true },
    detail: {
      shipmentId: shipment.id,
      waybillNo: shipment.waybillNo,
      reason: shipment.lostReason,
      unitId,
      imei: shipment.summary.imei,
    },
  });
  return { order: moved, shipment };
}
