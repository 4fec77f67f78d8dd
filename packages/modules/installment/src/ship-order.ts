// Shipping a started installment order at the shipping desk (issue #15), the way the desk ships a
// rental (rental's ship-order.ts): staff scan the phone's IMEI. Before the transaction
// (docs/modules.md, "Outside systems") `prepareInstallmentShipment` checks the order is waiting to ship
// and has an address, that the scanned phone is of the order's SKU and free for it, and asks the
// carrier for a waybill from the phone's warehouse to the customer and for the courier's collection.
// Then in the command's one transaction `shipInstallmentOrder` allocates the scanned unit (inventory:
// the reservation moves to it when another unit was held), moves it reserved → shipped, records the
// shipment (logistics; its order reference is the installment order's id, which logistics carries as
// an opaque reference) and marks the order `shipped` — audit and event. An order paid off before it
// shipped becomes the customer's here (transfer-ownership.ts).
import type { Database, Executor } from '@zulin/db';
import { emitEvent } from '@zulin/db';
import { decryptPii, recordAudit, type StaffPrincipal } from '@zulin/identity';
import { allocateUnitByImei, checkScannedUnit, listWarehouses, moveOrderUnit, unitByImei } from '@zulin/inventory';
import { assert } from '@zulin/kernel';
import {
  type Address,
  type CarrierAdapter,
  LogisticsLimits,
  maskName,
  maskPhone,
  nextCollectionWindow,
  type PickupBooking,
  recordShipment,
  type ShipmentRow,
  type Waybill,
  warehouseAddress,
} from '@zulin/logistics';
import { eq } from 'drizzle-orm';
import type { InstallmentDeps } from './deps';
import { InstallmentErrors } from './errors';
import { deviceNameOf, type InstallmentOrderRow, loadOrder } from './orders';
import { installmentOrders } from './schema';
import { transferOwnership } from './transfer-ownership';

export interface PreparedInstallmentShipment {
  orderId: string;
  imei: string;
  unitId: string;
  waybill: Waybill;
  pickup: PickupBooking;
  contents: string;
}

/** The order may ship: it started (down payment paid) or was paid off, and no parcel left yet. */
export function checkShippable(order: InstallmentOrderRow): void {
  if ((order.status !== 'active' && order.status !== 'paid_off') || order.fulfilment !== 'awaiting_shipment') {
    throw InstallmentErrors.INSTALLMENT_ORDER_NOT_SHIPPABLE({
      detail: `The order is ${order.status}${order.fulfilment ? `, ${order.fulfilment}` : ''}.`,
    });
  }
  if (order.addressCiphertext === null) {
    throw InstallmentErrors.INSTALLMENT_ADDRESS_MISSING({ detail: 'The order was placed without a delivery address.' });
  }
}

/** The customer's delivery address, decrypted (personal data: for the label only, never logged). */
export async function orderAddress(db: Executor, deps: InstallmentDeps, order: InstallmentOrderRow): Promise<Address> {
  assert(order.addressCiphertext !== null, 'the order has an address');
  return JSON.parse(await decryptPii(db, deps.masterKey, order.addressCiphertext)) as Address;
}

/** What the label says is inside: the phone as catalog names it, ×1 (the label's 40 characters). */
export async function parcelContentsOf(db: Executor, skuId: string): Promise<string> {
  return `${await deviceNameOf(db, skuId)} ×1`.slice(0, 40);
}

export async function prepareInstallmentShipment(
  database: Database,
  deps: InstallmentDeps,
  carrier: CarrierAdapter,
  options: { orderId: string; imei: string },
): Promise<PreparedInstallmentShipment> {
  const db = database.db;
  const order = await loadOrder(db, options.orderId);
  checkShippable(order);
  const unit = await unitByImei(db, options.imei);
  checkScannedUnit(unit, { skuId: order.skuId, orderRef: order.id });
  const warehouse = (await listWarehouses(db)).find((w) => w.id === unit.warehouseId);
  assert(warehouse !== undefined, `the unit's warehouse ${unit.warehouseId} exists`);
  const now = deps.clock.now();
  const contents = await parcelContentsOf(db, order.skuId);
  const waybill = await carrier.createWaybill({
    orderRef: order.id,
    direction: 'outbound',
    sender: warehouseAddress(warehouse),
    recipient: await orderAddress(db, deps, order),
    parcel: {
      weightGrams: LogisticsLimits.phoneParcelWeightGrams,
      declaredValueMinor: Math.min(order.priceMinor, LogisticsLimits.declaredValueMinorMax),
      contents,
    },
    remark: `分期订单 ${order.id}`,
    now,
  });
  const pickup = await carrier.bookPickup({
    waybillNo: waybill.waybillNo,
    windowStart: nextCollectionWindow(now, deps.timeZone),
    now,
  });
  return { orderId: order.id, imei: options.imei, unitId: unit.unitId, waybill, pickup, contents };
}

export async function shipInstallmentOrder(
  tx: Executor,
  deps: InstallmentDeps,
  options: { prepared: PreparedInstallmentShipment; staff: StaffPrincipal },
): Promise<{ order: InstallmentOrderRow; shipment: ShipmentRow }> {
  const { prepared, staff } = options;
  const now = deps.clock.now();
  const order = await loadOrder(tx, prepared.orderId, { lock: true });
  checkShippable(order);
  const unit = await allocateUnitByImei(tx, {
    imei: prepared.imei,
    skuId: order.skuId,
    orderRef: order.id,
    now,
    actor: staff,
  });
  await moveOrderUnit(tx, {
    unitId: unit.unitId,
    orderRef: order.id,
    step: 'ship',
    now,
    actor: staff,
    reason: { code: 'order_ship', params: { orderRef: order.id } },
  });
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
      pickupWindowStart: prepared.pickup.windowStart,
      pickupWindowEnd: prepared.pickup.windowEnd,
    },
    createdBy: staff.staffId,
    now,
  });
  const [shipped] = await tx
    .update(installmentOrders)
    .set({
      unitId: unit.unitId,
      imei: unit.imei,
      fulfilment: 'shipped',
      shippedAt: now,
      carrier: prepared.waybill.carrier,
      waybillNo: prepared.waybill.waybillNo,
      updatedAt: now,
    })
    .where(eq(installmentOrders.id, order.id))
    .returning();
  assert(shipped !== undefined, 'the order exists');
  await recordAudit(tx, {
    actor: staff,
    action: 'installment.order_shipped',
    targetType: 'installment_order',
    targetId: order.id,
    detail: { shipmentId: shipment.id, waybillNo: prepared.waybill.waybillNo, imei: unit.imei, unitId: unit.unitId },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'installment.order_shipped',
    aggregateType: 'installment_order',
    aggregateId: order.id,
    payload: {
      orderId: order.id,
      customerId: order.customerId,
      unitId: unit.unitId,
      waybillNo: prepared.waybill.waybillNo,
    },
  });
  // Paid off before it shipped: the phone is the customer's as it leaves.
  const owned = shipped.status === 'paid_off' ? await transferOwnership(tx, deps, shipped) : shipped;
  return { order: owned, shipment };
}
