// An outbound parcel confirmed lost, for any order the shipping desk sends (a rental here, an
// installment purchase through index.ts): the phone inside goes shipped → lost in inventory (still
// the order's, worded `parcel_lost`), and the carrier owes us the phone — an outbound carrier claim
// (carrier-claims.ts) is filed and booked in the caller's transaction. The phone never reached the
// customer, so it is worth its market price on the day the courier took it (its first scan; today
// when it was never scanned), capped at the value declared on the waybill (claimValueOf).
// `claimLostPhone` — the unit moved to lost and the claim filed — serves a lost return parcel too
// (confirm-return-lost.ts), valued there at the phone's residual value.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { getUnit, moveOrderUnit } from '@zulin/inventory';
import { businessDateOf, today } from '@zulin/kernel';
import type { ShipmentRow } from '@zulin/logistics';
import { type CarrierClaimRow, type ClaimValue, claimValueOf, fileCarrierClaim } from './carrier-claims';
import type { RentalDeps } from './deps';

export async function recordLostOutboundParcel(
  tx: Executor,
  deps: RentalDeps,
  options: {
    /** The order the parcel belongs to (a rental or an installment order id). */
    orderId: string;
    /** The shipment as confirmShipmentLost answered it (`lost`). */
    shipment: ShipmentRow;
    /** The order's unit and IMEI when the parcel's summary does not name them. */
    unitId: string | null;
    imei?: string | null;
    marketPriceMinor: number;
    /** The staff's reason, used when the courier gave none. */
    reason: string;
    staff: StaffPrincipal;
  },
): Promise<LostPhone> {
  const { shipment } = options;
  const lostOn = today(deps.clock, deps.timeZone);
  const valueOn = shipment.firstScanAt === null ? lostOn : businessDateOf(shipment.firstScanAt, deps.timeZone);
  return claimLostPhone(tx, deps, {
    orderId: options.orderId,
    shipment,
    direction: 'outbound',
    unitId: options.unitId,
    imei: options.imei ?? null,
    value: claimValueOf({ marketPriceMinor: options.marketPriceMinor }, { valueFrom: valueOn, valueOn }),
    reason: options.reason,
    staff: options.staff,
  });
}

export interface LostPhone {
  claim: CarrierClaimRow;
  unitId: string | null;
  imei: string | null;
}

/**
 * The phone of a parcel the carrier lost — on its way to the customer or back from them — in the
 * caller's transaction: the unit moves to lost in inventory (still the order's, worded with the
 * waybill and the courier's reason), and the carrier is claimed for `value` (filed and booked by
 * carrier-claims.ts). The unit and IMEI are the parcel's, else the order's, else read from inventory.
 */
export async function claimLostPhone(
  tx: Executor,
  deps: RentalDeps,
  options: {
    orderId: string;
    /** The shipment as confirmShipmentLost answered it (`lost`). */
    shipment: ShipmentRow;
    direction: 'outbound' | 'return';
    unitId: string | null;
    imei: string | null;
    value: ClaimValue;
    /** The staff's reason, used when the courier gave none. */
    reason: string;
    staff: StaffPrincipal;
  },
): Promise<LostPhone> {
  const { shipment, value } = options;
  const now = deps.clock.now();
  const lostOn = today(deps.clock, deps.timeZone);
  const unitId = shipment.summary.unitId ?? options.unitId;
  const imei =
    shipment.summary.imei ??
    options.imei ??
    (unitId === null ? null : ((await getUnit(tx, { unitId, today: lostOn }).catch(() => null))?.imei ?? null));
  if (unitId !== null) {
    // Inventory words the move by the parcel's direction: shipped → lost, or returning → lost.
    const note = (shipment.lostReason ?? '').slice(0, 200);
    const move =
      options.direction === 'outbound'
        ? ({ step: 'lose', reason: { code: 'parcel_lost', params: { waybillNo: shipment.waybillNo, note } } } as const)
        : ({
            step: 'lose_return',
            reason: { code: 'return_parcel_lost', params: { waybillNo: shipment.waybillNo, note } },
          } as const);
    await moveOrderUnit(tx, { unitId, orderRef: options.orderId, ...move, now, actor: options.staff });
  }
  const claim = await fileCarrierClaim(tx, deps, {
    orderId: options.orderId,
    shipmentId: shipment.id,
    direction: options.direction,
    carrier: shipment.carrier,
    waybillNo: shipment.waybillNo,
    unitId,
    imei,
    amountMinor: value.amountMinor,
    residualValueMinor: value.residualValueMinor,
    declaredValueMinor: value.declaredValueMinor,
    reason: shipment.lostReason ?? options.reason.trim(),
    lostOn,
    filedBy: options.staff.staffId,
    filedAt: now,
  });
  return { claim, unitId, imei };
}
