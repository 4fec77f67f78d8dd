// What other modules show for a rental order instead of its `rord_…` id (issue #18): the rented
// phone's SKU name as the console names it ("苹果 iPhone 16 Pro 256GB 黑色"). Read for many orders at
// once (a page of feedback); an id of no rental order is simply absent.
import { readSkuNames } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { inArray } from 'drizzle-orm';
import { rentalOrders } from './schema';

/** Each rental order's display name (its SKU's name) by order id. */
export async function rentalOrderNames(db: Executor, orderIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return new Map();
  const orders = await db
    .select({ id: rentalOrders.id, skuId: rentalOrders.skuId })
    .from(rentalOrders)
    .where(inArray(rentalOrders.id, ids));
  const names = await readSkuNames(
    db,
    orders.map((o) => o.skuId),
  );
  return new Map(orders.flatMap((o) => (names.has(o.skuId) ? [[o.id, names.get(o.skuId) ?? '']] : [])));
}
