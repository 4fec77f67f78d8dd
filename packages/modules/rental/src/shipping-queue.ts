// The shipping desk's queue: paid orders waiting to ship, oldest paid first, each named the way the
// desk reads a parcel — the product and SKU, the recipient masked (name and phone), the city, and
// the phone reserved for it (IMEI), which the desk may replace by scanning another of the same SKU.
import type { Database } from '@zulin/db';
import { getUnit } from '@zulin/inventory';
import { today } from '@zulin/kernel';
import { maskName, maskPhone } from '@zulin/logistics';
import { asc, eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalLimits } from './limits';
import { rentalOrders } from './schema';
import { orderAddress, parcelContents } from './ship-order';

export interface ShippingQueueEntry {
  orderId: string;
  paidAt: string | null;
  skuId: string;
  product: string;
  recipientName: string;
  recipientPhone: string;
  city: string;
  reservedUnitId: string | null;
  reservedImei: string | null;
}

export async function readShippingQueue(database: Database, deps: RentalDeps): Promise<ShippingQueueEntry[]> {
  const db = database.db;
  const rows = await db
    .select()
    .from(rentalOrders)
    .where(eq(rentalOrders.status, 'paid'))
    .orderBy(asc(rentalOrders.paidAt), asc(rentalOrders.id))
    .limit(RentalLimits.shippingQueueMax);
  const date = today(deps.clock, deps.timeZone);
  const products = new Map<string, string>();
  const entries: ShippingQueueEntry[] = [];
  for (const order of rows) {
    if (!products.has(order.skuId))
      products.set(order.skuId, (await parcelContents(db, order.skuId)).replace(/ ×1$/, ''));
    const address = await orderAddress(db, deps, order);
    const unit = order.unitId === null ? null : await getUnit(db, { unitId: order.unitId, today: date });
    entries.push({
      orderId: order.id,
      paidAt: order.paidAt?.toISOString() ?? null,
      skuId: order.skuId,
      product: products.get(order.skuId) ?? order.skuId,
      recipientName: maskName(address.name),
      recipientPhone: maskPhone(address.phone),
      city: order.city,
      reservedUnitId: unit?.state === 'reserved' ? unit.id : null,
      reservedImei: unit?.state === 'reserved' ? unit.imei : null,
    });
  }
  return entries;
}
