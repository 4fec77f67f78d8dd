// Staff confirm an outbound parcel lost at the shipping desk (docs/rental.md, "Refused and lost
// parcels"), with a reason, in one transaction: the machine first (`lose_parcel`: the order must be
// `shipped`), then the shipment → `lost` (logistics' confirmShipmentLost, `logistics.shipment_lost`),
// the phone inside shipped → lost (inventory's moveOrderUnit, still the order's), and the order's
// timeline names the parcel, the phone and the reason. The carrier owes us the phone: a carrier claim
// (carrier-claims.ts, direction `outbound`) is filed and booked (1400 Dr / 4500 Cr) in the same
// transaction, for the same amount rule as a lost return parcel (claimValueOf: a phone never rented is
// worth its market price, capped at the declared value). The order stays `shipped` and is not stuck: the
// desk sends another phone (补发, reship-order.ts) or cancels it with a full refund (cancel-lost-order.ts);
// neither touches the claim, which finance works to its end. Confirming again is refused (the parcel is
// `lost`), so a parcel has one claim (unique by shipment).
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { confirmShipmentLost, LogisticsErrors, loadShipment, type ShipmentRow } from '@zulin/logistics';
import type { CarrierClaimRow } from './carrier-claims';
import type { RentalDeps } from './deps';
import { recordLostOutboundParcel } from './lost-outbound-parcel';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { transition } from './transition-order';

export async function confirmParcelLost(
  tx: Executor,
  deps: RentalDeps,
  options: { shipmentId: string; reason: string; staff: StaffPrincipal },
): Promise<{ order: OrderRow; shipment: ShipmentRow; claim: CarrierClaimRow }> {
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
  const { claim, unitId, imei } = await recordLostOutboundParcel(tx, deps, {
    orderId: order.id,
    shipment,
    unitId: order.unitId,
    marketPriceMinor: order.marketPriceMinor,
    reason: options.reason,
    staff: options.staff,
  });
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
      imei,
      claimId: claim.id,
      claimMinor: claim.amountMinor,
    },
  });
  return { order: moved, shipment, claim };
}
