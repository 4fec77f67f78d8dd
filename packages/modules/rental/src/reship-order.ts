// 补发 (docs/rental.md, "Refused and lost parcels"): the order's outbound parcel was confirmed lost, so
// the shipping desk sends another phone of the same SKU. Before the transaction (`prepareReship`): the
// parcel must be lost (RENTAL_PARCEL_NOT_LOST), the order `shipped` and allowed to `reship`, no other
// outbound parcel of the order live (RENTAL_PARCEL_STILL_LIVE — logistics' unique index says the same),
// a phone of the SKU in stock (RENTAL_RESHIP_OUT_OF_STOCK: then the desk may cancel the order with a
// full refund, cancel-lost-order.ts), and the scanned phone checked — then the carrier is asked for
// the waybill and the collection exactly as for the first parcel (ship-order.ts). In the command's
// transaction (`reshipPreparedOrder`): the scanned phone allocated (inventory's allocateUnitByImei, as
// the first shipment), the new shipment recorded, the order stays `shipped` (`reship`: timeline,
// audit, event) with the new phone as its unit, the phone reserved → shipped, and the customer told
// (in-app + SMS). The rent starts the day after the new parcel is signed for (rent-steps.ts
// `recordDelivery`, through logistics.shipment_delivered as ever: the lost parcel can deliver nothing).
import type { Database, Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { availabilityBySku, moveOrderUnit } from '@zulin/inventory';
import {
  type CarrierAdapter,
  liveShipmentOf,
  loadShipment,
  type ShipmentRow,
  settleLostShipment,
} from '@zulin/logistics';
import { notify } from '@zulin/notification';
import { eq } from 'drizzle-orm';
import { checkAllowed } from './after-sales';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { rentalOrders } from './schema';
import { allocateAndRecord, type PreparedShipment, prepareShipment } from './ship-order';
import { transition } from './transition-order';

/** The lost outbound parcel and its order, checked for 补发 (no carrier call). */
export async function checkReship(
  db: Executor,
  deps: RentalDeps,
  shipmentId: string,
): Promise<{ lost: ShipmentRow; order: OrderRow }> {
  const lost = await loadShipment(db, shipmentId);
  if (lost.direction !== 'outbound' || lost.state !== 'lost') {
    throw RentalErrors.RENTAL_PARCEL_NOT_LOST({ detail: `Parcel ${lost.waybillNo} is ${lost.state}.` });
  }
  const [order] = await db.select().from(rentalOrders).where(eq(rentalOrders.id, lost.orderRef));
  if (order === undefined) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
  checkAllowed(order, 'reship', 'staff');
  const live = await liveShipmentOf(db, { orderRef: order.id, direction: 'outbound' });
  if (live !== null) {
    throw RentalErrors.RENTAL_PARCEL_STILL_LIVE({
      detail: `Parcel ${live.waybillNo} of this order is ${live.state}; confirm it lost before sending another.`,
    });
  }
  const inStock = (await availabilityBySku(db, { skuIds: [order.skuId], now: deps.clock.now() }))[order.skuId] ?? 0;
  if (inStock === 0) {
    throw RentalErrors.RENTAL_RESHIP_OUT_OF_STOCK({
      detail:
        'No phone of this SKU is in stock to send instead. Cancel the order with a full refund ' +
        `(POST /v1/admin/shipments/${lost.id}/cancel-order) or wait for stock.`,
    });
  }
  return { lost, order };
}

export async function prepareReship(
  database: Database,
  deps: RentalDeps,
  courier: CarrierAdapter,
  options: { shipmentId: string; imei: string },
): Promise<PreparedShipment & { lostShipmentId: string }> {
  const { order } = await checkReship(database.db, deps, options.shipmentId);
  const prepared = await prepareShipment(database, deps, courier, {
    orderId: order.id,
    imei: options.imei,
    action: 'reship',
  });
  return { ...prepared, lostShipmentId: options.shipmentId };
}

export async function reshipPreparedOrder(
  tx: Executor,
  deps: RentalDeps,
  options: { prepared: PreparedShipment & { lostShipmentId: string }; staff: StaffPrincipal },
): Promise<{ order: OrderRow; shipment: ShipmentRow }> {
  const { prepared, staff } = options;
  const now = deps.clock.now();
  const order = await loadOrderForUpdate(tx, prepared.orderId);
  const lost = await loadShipment(tx, prepared.lostShipmentId);
  if (lost.orderRef !== order.id || lost.state !== 'lost') {
    throw RentalErrors.RENTAL_PARCEL_NOT_LOST({ detail: `Parcel ${lost.waybillNo} is ${lost.state}.` });
  }
  const facts = { parcel_lost: true, unit_allocated: true, waybill_created: true };
  transition({ status: order.status, openAfterSale: order.openAfterSale }, { action: 'reship', actor: 'staff', facts });
  const live = await liveShipmentOf(tx, { orderRef: order.id, direction: 'outbound' });
  if (live !== null) {
    throw RentalErrors.RENTAL_PARCEL_STILL_LIVE({ detail: `Parcel ${live.waybillNo} of this order is ${live.state}.` });
  }
  const { unit, shipment } = await allocateAndRecord(tx, { prepared, order, staff, now });
  const moved = await moveOrder(tx, {
    order,
    action: 'reship',
    by: { actor: 'staff', audit: staff },
    now,
    facts,
    set: { unitId: unit.unitId },
    detail: {
      lostShipmentId: lost.id,
      lostWaybillNo: lost.waybillNo,
      shipmentId: shipment.id,
      waybillNo: shipment.waybillNo,
      carrier: shipment.carrier,
      imei: unit.imei,
      unitId: unit.unitId,
    },
  });
  await moveOrderUnit(tx, { unitId: unit.unitId, orderRef: order.id, step: 'ship', now });
  // The lost parcel is decided: it leaves the desk's 丢失处理 list.
  await settleLostShipment(tx, { shipmentId: lost.id, settlement: 'reshipped', now });
  await notify(tx, deps, {
    customerId: order.customerId,
    category: 'orders',
    template: 'rental.parcel_reshipped',
    params: { lostWaybillNo: lost.waybillNo, waybillNo: shipment.waybillNo },
    dedupeKey: `rental.parcel_reshipped:${shipment.id}`,
  });
  return { order: moved, shipment };
}
