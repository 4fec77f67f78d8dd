// Booking a return's pick-up with the carrier (DOMAIN §5 "Return", §11; API.md `POST
// /v1/rentals/{id}/return`). Before the command's transaction (the carrier is an outside system),
// `prepareReturnPickup` checks the order may be returned now and the day offered, then asks the
// carrier for a return waybill from the customer's address to the phone's warehouse and books the
// courier for the first hour of the chosen slot that has not begun. In the transaction, after
// returnOrder, `recordReturnPickup` records the shipment (logistics, direction `return`) and keeps its
// waybill on the return's after-sale record. The carrier's first scan then stops the rent
// (pick-up-return.ts) and the warehouse's signature starts the inspection (receive-return.ts).
import type { Database, Executor } from '@zulin/db';
import { getUnit } from '@zulin/inventory';
import { startOfDayInstant, today } from '@zulin/kernel';
import {
  type CarrierAdapter,
  LogisticsLimits,
  maskName,
  maskPhone,
  type PickupBooking,
  recordShipment,
  type ShipmentRow,
  type Waybill,
} from '@zulin/logistics';
import { and, eq, sql } from 'drizzle-orm';
import { checkAllowed } from './after-sales';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import type { OrderRow } from './order-store';
import { checkPickup, type ReturnPickup } from './return-order';
import { rentalAfterSales, rentalOrders } from './schema';
import { orderAddress, parcelContents, warehouseOf } from './ship-order';

export interface PreparedReturnPickup {
  orderId: string;
  waybill: Waybill;
  pickup: PickupBooking;
  contents: string;
  imei: string | null;
  unitId: string | null;
}

const slotHours: Readonly<Record<ReturnPickup['slot'], readonly number[]>> = {
  '09-12': [9, 10, 11],
  '12-15': [12, 13, 14],
  '15-18': [15, 16, 17],
};

/**
 * The first hour of the slot on that day (in the business time zone, where the customer is) that has
 * not begun, or null when all have.
 */
export function pickupWindowStart(pickup: ReturnPickup, now: Date, timeZone: string): string | null {
  const midnightMs = startOfDayInstant(pickup.date, timeZone).getTime();
  for (const hour of slotHours[pickup.slot]) {
    const start = midnightMs + hour * 3_600_000;
    if (start >= now.getTime()) return new Date(start).toISOString();
  }
  return null;
}

export async function prepareReturnPickup(
  database: Database,
  deps: RentalDeps,
  carrier: CarrierAdapter,
  options: { orderId: string; customerId: string; pickup: ReturnPickup },
): Promise<PreparedReturnPickup> {
  const db = database.db;
  const [order] = await db
    .select()
    .from(rentalOrders)
    .where(and(eq(rentalOrders.id, options.orderId), eq(rentalOrders.customerId, options.customerId)));
  if (order === undefined) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
  checkAllowed(order, 'request_return', 'customer');
  checkPickup(options.pickup, today(deps.clock, deps.timeZone));
  const now = deps.clock.now();
  const windowStart = pickupWindowStart(options.pickup, now, deps.timeZone);
  if (windowStart === null) {
    throw RentalErrors.RENTAL_PICKUP_INVALID({
      detail: 'That slot has already begun; choose a later one.',
      errors: [{ path: '/body/pickup/slot', message: 'the slot has begun' }],
    });
  }
  const unit =
    order.unitId === null ? null : await getUnit(db, { unitId: order.unitId, today: today(deps.clock, deps.timeZone) });
  if (unit === null) throw RentalErrors.RENTAL_TRANSITION_GUARD_FAILED({ detail: 'The order has no phone to return.' });
  const contents = await parcelContents(db, order.skuId);
  const waybill = await carrier.createWaybill({
    orderRef: order.id,
    direction: 'return',
    sender: await orderAddress(db, deps, order),
    recipient: await warehouseOf(db, unit.warehouseId),
    parcel: {
      weightGrams: LogisticsLimits.phoneParcelWeightGrams,
      declaredValueMinor: Math.min(order.marketPriceMinor, LogisticsLimits.declaredValueMinorMax),
      contents,
    },
    remark: `归还 租赁订单 ${order.id}`,
    now,
  });
  const pickup = await carrier.bookPickup({ waybillNo: waybill.waybillNo, windowStart, now });
  return { orderId: order.id, waybill, pickup, contents, imei: unit.imei, unitId: unit.id };
}

export async function recordReturnPickup(
  tx: Executor,
  deps: RentalDeps,
  options: { order: OrderRow; prepared: PreparedReturnPickup },
): Promise<ShipmentRow> {
  const { order, prepared } = options;
  const sender = prepared.waybill.sender;
  const shipment = await recordShipment(tx, {
    waybill: prepared.waybill,
    summary: {
      recipientName: maskName(sender.name),
      recipientPhone: maskPhone(sender.phone),
      city: sender.city,
      contents: prepared.contents,
      imei: prepared.imei,
      unitId: prepared.unitId,
      customerId: order.customerId,
      pickupWindowStart: prepared.pickup.windowStart,
      pickupWindowEnd: prepared.pickup.windowEnd,
    },
    createdBy: null,
    now: deps.clock.now(),
  });
  const carrierPickup = {
    shipmentId: shipment.id,
    carrier: prepared.waybill.carrier,
    waybillNo: prepared.waybill.waybillNo,
    windowStart: prepared.pickup.windowStart,
    windowEnd: prepared.pickup.windowEnd,
  };
  await tx
    .update(rentalAfterSales)
    .set({ detail: sql`${rentalAfterSales.detail} || ${JSON.stringify({ carrierPickup })}::jsonb` })
    .where(
      and(
        eq(rentalAfterSales.orderId, order.id),
        eq(rentalAfterSales.kind, 'return'),
        eq(rentalAfterSales.status, 'open'),
      ),
    );
  return shipment;
}
