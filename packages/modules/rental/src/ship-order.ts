// Shipping a paid order at the shipping desk (DOMAIN §5, §11; issue #14). Staff scan the phone's IMEI.
// Before the transaction (docs/modules.md, "Outside systems"), `prepareShipment` checks the order is
// `paid`, the scanned phone is of the order's SKU and free for it, and asks the carrier for a waybill
// from the phone's warehouse to the customer's address and for the courier's collection. Then in the
// command's one transaction `shipPreparedOrder` allocates the scanned unit to the order (inventory:
// the reservation moves to it when another unit was held), records the shipment (logistics) and moves
// the order paid → shipped with the facts unit_allocated and waybill_created — timeline, audit and
// event — and the unit reserved → shipped. A second ship of the same order is refused by the machine.
import { readSkuNames } from '@zulin/catalog';
import type { Database, Executor } from '@zulin/db';
import { decryptPii, type StaffPrincipal } from '@zulin/identity';
import { allocateUnitByImei, checkScannedUnit, listWarehouses, type ReservedUnit, unitByImei } from '@zulin/inventory';
import { assert } from '@zulin/kernel';
import {
  type Address,
  type CarrierAdapter,
  getPickupStore,
  LogisticsLimits,
  maskName,
  maskPhone,
  nextCollectionWindow,
  type PickupBooking,
  recordShipment,
  type ShipmentRow,
  storePickupCarrier,
  type Waybill,
  warehouseAddress,
} from '@zulin/logistics';
import { eq } from 'drizzle-orm';
import { checkAllowed } from './after-sales';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { loadOrderForUpdate, type OrderRow } from './order-store';
import { shipOrder } from './rent-steps';
import { rentalOrders } from './schema';

export interface PreparedShipment {
  orderId: string;
  imei: string;
  unitId: string;
  waybill: Waybill;
  /** The courier's collection; null for a parcel to a pick-up store (our own run takes it). */
  pickup: PickupBooking | null;
  contents: string;
}

/** The customer's shipping address, decrypted (personal data: for the label only, never logged). */
export async function orderAddress(db: Executor, deps: RentalDeps, order: OrderRow): Promise<Address> {
  return JSON.parse(await decryptPii(db, deps.masterKey, order.addressCiphertext)) as Address;
}

/** What the label says is inside: the phone as catalog names it ("苹果 iPhone 16 Pro 256GB 黑色 ×1"). */
export async function parcelContents(db: Executor, skuId: string): Promise<string> {
  const name = (await readSkuNames(db, [skuId])).get(skuId);
  assert(name !== undefined, `No SKU ${skuId}.`);
  return `${name} ×1`.slice(0, 40);
}

/** The warehouse a unit lives in, as a postal address. */
export async function warehouseOf(db: Executor, warehouseId: string): Promise<Address> {
  const warehouse = (await listWarehouses(db)).find((w) => w.id === warehouseId);
  if (warehouse === undefined) throw new Error(`warehouse ${warehouseId} not found`);
  return warehouseAddress(warehouse);
}

/**
 * `courier` carries a parcel to the customer's address; an order for 门店自提 (`pickupStoreCode`) goes
 * through the store carrier instead: the label names the store, the customer is the recipient there.
 */
export async function prepareShipment(
  database: Database,
  deps: RentalDeps,
  courier: CarrierAdapter,
  options: { orderId: string; imei: string; action?: 'ship' | 'reship' },
): Promise<PreparedShipment> {
  const db = database.db;
  const [order] = await db.select().from(rentalOrders).where(eq(rentalOrders.id, options.orderId));
  if (order === undefined) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
  checkAllowed(order, options.action ?? 'ship', 'staff');
  const unit = await unitByImei(db, options.imei);
  checkScannedUnit(unit, { skuId: order.skuId, orderRef: order.id });
  const now = deps.clock.now();
  const contents = await parcelContents(db, order.skuId);
  const customer = await orderAddress(db, deps, order);
  const store = order.pickupStoreCode === null ? null : await getPickupStore(db, order.pickupStoreCode);
  const carrier = store === null ? courier : await storePickupCarrier(db, deps.clock);
  const waybill = await carrier.createWaybill({
    orderRef: order.id,
    direction: 'outbound',
    sender: await warehouseOf(db, unit.warehouseId),
    // To the store's counter, in the customer's name: the customer collects it there with the code.
    recipient: store === null ? customer : { ...store.address, name: customer.name, phone: customer.phone },
    ...(store === null ? {} : { pickupPointCode: store.code }),
    parcel: {
      weightGrams: LogisticsLimits.phoneParcelWeightGrams,
      declaredValueMinor: Math.min(order.marketPriceMinor, LogisticsLimits.declaredValueMinorMax),
      contents,
    },
    remark: `租赁订单 ${order.id}`,
    now,
  });
  const pickup =
    store !== null
      ? null
      : await carrier.bookPickup({
          waybillNo: waybill.waybillNo,
          windowStart: nextCollectionWindow(now, deps.timeZone),
          now,
        });
  return { orderId: order.id, imei: options.imei, unitId: unit.unitId, waybill, pickup, contents };
}

export async function shipPreparedOrder(
  tx: Executor,
  deps: RentalDeps,
  options: { prepared: PreparedShipment; staff: StaffPrincipal },
): Promise<{ order: OrderRow; shipment: ShipmentRow }> {
  const { prepared, staff } = options;
  const now = deps.clock.now();
  const order = await loadOrderForUpdate(tx, prepared.orderId);
  checkAllowed(order, 'ship', 'staff');
  const { unit, shipment } = await allocateAndRecord(tx, { prepared, order, staff, now });
  const moved = await shipOrder(tx, deps, {
    orderId: order.id,
    waybillNo: prepared.waybill.waybillNo,
    carrier: prepared.waybill.carrier,
    staff,
    detail: { shipmentId: shipment.id, imei: unit.imei, unitId: unit.unitId },
  });
  return { order: moved, shipment };
}

/**
 * The scanned phone allocated to the order (inventory: the order's reservation moves to it) and the
 * carrier's waybill recorded as the order's outbound shipment — the first parcel's and a 补发's.
 */
export async function allocateAndRecord(
  tx: Executor,
  options: { prepared: PreparedShipment; order: OrderRow; staff: StaffPrincipal; now: Date },
): Promise<{ unit: ReservedUnit; shipment: ShipmentRow }> {
  const { prepared, order, staff, now } = options;
  const unit = await allocateUnitByImei(tx, {
    imei: prepared.imei,
    skuId: order.skuId,
    orderRef: order.id,
    now,
    actor: staff,
  });
  if (unit.unitId !== order.unitId) {
    await tx.update(rentalOrders).set({ unitId: unit.unitId }).where(eq(rentalOrders.id, order.id));
  }
  const recipient = prepared.waybill.recipient;
  const shipment = await recordShipment(tx, {
    waybill: prepared.waybill,
    summary: {
      recipientName: maskName(recipient.name),
      recipientPhone: maskPhone(recipient.phone),
      city: recipient.city,
      contents: prepared.contents,
      imei: unit.imei,
      unitId: unit.unitId,
      customerId: order.customerId,
      ...(prepared.pickup === null
        ? {}
        : { pickupWindowStart: prepared.pickup.windowStart, pickupWindowEnd: prepared.pickup.windowEnd }),
    },
    createdBy: staff.staffId,
    now,
  });
  return { unit, shipment };
}
