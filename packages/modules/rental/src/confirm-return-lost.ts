// Staff confirm a RETURN parcel lost by the carrier after it collected it (docs/rental.md, "Refused and
// lost parcels"), at the returns desk, with a reason, in one transaction:
// * the order's return parcel must have been collected (picked up, in transit, out for delivery or an
//   exception): never collected → RENTAL_RETURN_NOT_PICKED_UP, signed for at the warehouse →
//   RENTAL_RETURN_ALREADY_DELIVERED (inspect it instead), already lost → RENTAL_RETURN_PARCEL_ALREADY_LOST;
// * the machine (`lose_return_parcel`: returning → settled, the return closed), then the shipment →
//   `lost` (logistics' confirmShipmentLost, direction `return`, `logistics.shipment_lost`) and the phone
//   returning → lost (inventory's moveOrderUnit, still the order's);
// * the customer handed the phone to our courier (the pick-up scan proves it), so they owe nothing for
//   it: the deposit is settled with a zero charge by settle-inspection.ts's settleDeposit — nothing
//   captured, nothing billed, the whole hold left released. The channel is never called inside a
//   transaction: the release sweep (release-deposits.ts) releases the hold of a settled order with a
//   carrier claim, as it does for a cancelled one, and the close sweep closes the order;
// * the carrier owes us the phone: a carrier claim `filed` for its residual value on the day the courier
//   collected it (residual-value.ts), capped at the parcel's declared value, and booked as a receivable
//   (carrier-claims.ts, which also takes it on: the carrier's payments, a write-off by two people).
// The timeline names the parcel, the waybill, the phone's IMEI, the reason, the claim and the deposit plan;
// the customer is notified (rental.return_parcel_lost, in the app and by SMS).
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { businessDateOf, today } from '@zulin/kernel';
import { confirmShipmentLost, loadShipment, type ShipmentRow, shipmentsOfOrder } from '@zulin/logistics';
import { notify } from '@zulin/notification';
import { and, eq } from 'drizzle-orm';
import { closeAfterSale, openAfterSaleOf } from './after-sales';
import { type CarrierClaimRow, type ClaimValue, claimValueOf } from './carrier-claims';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { depositHold, valueFromOf } from './inspections';
import { claimLostPhone } from './lost-outbound-parcel';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { rentalCarrierClaims } from './schema';
import { type DepositSettlement, settleDeposit } from './settle-inspection';
import { transition } from './transition-order';

export interface ReturnLost {
  order: OrderRow;
  shipment: ShipmentRow;
  claim: CarrierClaimRow;
  /** The deposit settled with a zero charge: capture 0, bill 0, release = what was left of the hold. */
  deposit: DepositSettlement & { depositHeldMinor: number };
}

/** The carrier claim filed for an order's lost return parcel, if any (not one for a lost outbound parcel). */
export async function carrierClaimOf(db: Executor, orderId: string): Promise<CarrierClaimRow | undefined> {
  const [row] = await db
    .select()
    .from(rentalCarrierClaims)
    .where(and(eq(rentalCarrierClaims.orderId, orderId), eq(rentalCarrierClaims.direction, 'return')));
  return row;
}

/** The order's return parcel (the newest), refused with a clear code unless the carrier has it now. */
export async function returnParcelOf(db: Executor, orderId: string): Promise<ShipmentRow> {
  const parcel = (await shipmentsOfOrder(db, orderId)).find((p) => p.direction === 'return');
  if (parcel === undefined) throw RentalErrors.RENTAL_RETURN_PARCEL_NOT_FOUND();
  if (parcel.state === 'created' || parcel.state === 'cancelled') throw RentalErrors.RENTAL_RETURN_NOT_PICKED_UP();
  if (parcel.state === 'delivered') throw RentalErrors.RENTAL_RETURN_ALREADY_DELIVERED();
  if (parcel.state === 'lost') throw RentalErrors.RENTAL_RETURN_PARCEL_ALREADY_LOST();
  return loadShipment(db, parcel.id);
}

/** What the desk's confirmation shows before it happens: the hold released in full and the claim. */
export async function quoteReturnLost(
  db: Executor,
  deps: RentalDeps,
  order: OrderRow,
  parcel: ShipmentRow,
): Promise<{
  deposit: ReturnLost['deposit'];
  claim: ClaimValue;
}> {
  const { heldMinor } = await depositHold(db, order);
  const deposit = { ...settleDeposit({ chargeMinor: 0, depositHeldMinor: heldMinor }), depositHeldMinor: heldMinor };
  // The phone's value the day the courier took it (its first scan), as a grade D would price it.
  const valueOn =
    parcel.firstScanAt === null ? today(deps.clock, deps.timeZone) : businessDateOf(parcel.firstScanAt, deps.timeZone);
  return { deposit, claim: claimValueOf(order, { valueFrom: valueFromOf(order), valueOn }) };
}

export async function confirmReturnLost(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; reason: string; staff: StaffPrincipal },
): Promise<ReturnLost> {
  const now = deps.clock.now();
  const order = await loadOrderForUpdate(tx, options.orderId);
  const parcel = await returnParcelOf(tx, order.id);
  const facts = { parcel_lost: true };
  // The machine first: only a `returning` order with its return open.
  transition(
    { status: order.status, openAfterSale: order.openAfterSale },
    { action: 'lose_return_parcel', actor: 'staff', facts },
  );
  const { deposit, claim: value } = await quoteReturnLost(tx, deps, order, parcel);
  const shipment = await confirmShipmentLost(tx, {
    shipmentId: parcel.id,
    direction: 'return',
    reason: options.reason,
    staffId: options.staff.staffId,
    now,
  });
  const { claim, unitId, imei } = await claimLostPhone(tx, deps, {
    orderId: order.id,
    shipment,
    direction: 'return',
    unitId: order.unitId,
    imei: null,
    value,
    reason: options.reason,
    staff: options.staff,
  });
  const moved = await moveOrder(tx, {
    order,
    action: 'lose_return_parcel',
    by: { actor: 'staff', audit: options.staff },
    now,
    facts,
    detail: {
      shipmentId: shipment.id,
      carrier: shipment.carrier,
      waybillNo: shipment.waybillNo,
      reason: shipment.lostReason,
      unitId,
      imei,
      chargeMinor: 0,
      depositHeldMinor: deposit.depositHeldMinor,
      captureMinor: deposit.captureMinor,
      billMinor: deposit.billMinor,
      releaseMinor: deposit.releaseMinor,
      claimId: claim.id,
      claimMinor: claim.amountMinor,
    },
  });
  const returnAction = await openAfterSaleOf(tx, order.id, 'return');
  if (returnAction !== undefined) await closeAfterSale(tx, deps, returnAction.id, 'done');
  // The customer is told at once (in the app and by SMS): they owe nothing, the hold is released.
  await notify(tx, deps, {
    customerId: order.customerId,
    category: 'orders',
    ...(deposit.releaseMinor > 0
      ? {
          template: 'rental.return_parcel_lost',
          params: { waybillNo: shipment.waybillNo, releaseMinor: deposit.releaseMinor },
        }
      : { template: 'rental.return_parcel_lost_no_hold', params: { waybillNo: shipment.waybillNo } }),
    dedupeKey: `rental.return_parcel_lost:${order.id}`,
  });
  return { order: moved, shipment, claim, deposit };
}
