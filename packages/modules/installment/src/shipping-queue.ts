// The shipping desk's queue of installment orders (issue #15): orders whose down payment is paid (or
// paid off) and whose phone has not left, oldest start first, named the way the desk reads a parcel —
// the phone, the recipient masked, the city, and the unit reserved for it (IMEI), which the desk may
// replace by scanning another of the same SKU. The console lists it beside rental's queue.
import type { Database } from '@zulin/db';
import { getUnit } from '@zulin/inventory';
import { today } from '@zulin/kernel';
import { maskName, maskPhone } from '@zulin/logistics';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { InstallmentDeps } from './deps';
import { InstallmentLimits } from './limits';
import { deviceNameOf } from './orders';
import { installmentOrders } from './schema';
import { orderAddress } from './ship-order';

export interface InstallmentQueueEntry {
  orderId: string;
  activatedOn: string | null;
  skuId: string;
  product: string;
  recipientName: string | null;
  recipientPhone: string | null;
  city: string | null;
  reservedUnitId: string | null;
  reservedImei: string | null;
}

export async function readInstallmentShippingQueue(
  database: Database,
  deps: InstallmentDeps,
): Promise<InstallmentQueueEntry[]> {
  const db = database.db;
  const rows = await db
    .select()
    .from(installmentOrders)
    .where(
      and(
        eq(installmentOrders.fulfilment, 'awaiting_shipment'),
        inArray(installmentOrders.status, ['active', 'paid_off']),
      ),
    )
    .orderBy(asc(installmentOrders.activatedOn), asc(installmentOrders.id))
    .limit(InstallmentLimits.shippingQueueMax);
  const date = today(deps.clock, deps.timeZone);
  const products = new Map<string, string>();
  const entries: InstallmentQueueEntry[] = [];
  for (const order of rows) {
    if (!products.has(order.skuId)) products.set(order.skuId, await deviceNameOf(db, order.skuId));
    const address = order.addressCiphertext === null ? null : await orderAddress(db, deps, order);
    const unit = order.unitId === null ? null : await getUnit(db, { unitId: order.unitId, today: date });
    const held = unit !== null && unit.state === 'reserved';
    entries.push({
      orderId: order.id,
      activatedOn: order.activatedOn,
      skuId: order.skuId,
      product: products.get(order.skuId) ?? order.skuId,
      recipientName: address === null ? null : maskName(address.name),
      recipientPhone: address === null ? null : maskPhone(address.phone),
      city: order.city,
      reservedUnitId: held ? unit.id : null,
      reservedImei: held ? unit.imei : null,
    });
  }
  return entries;
}
