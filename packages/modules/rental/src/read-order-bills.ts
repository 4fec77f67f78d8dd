// The bills of one order (API.md `GET /v1/rentals/{id}/bills`), read through billing's index: the
// rent periods the daily tick issued (source `rental`) and the exit charges (source `rental_exit`,
// their own sequence) — every bill whose source is this order. Another customer's order is not found.
import { type BillView, listBills } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import type { Page } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { rentalOrders } from './schema';

/** The `sourceType` of an order's rent bills: one per period of its schedule (`period` = the period). */
export const rentalBillSource = 'rental';
/**
 * The `sourceType` of an order's one-off charges — exit bills (buyout, early return) now, inspection
 * charges later: their own sequence per order (`period` = 1, 2, … in the order issued), so they never
 * share a number with a rent period.
 */
export const rentalExitBillSource = 'rental_exit';
/** Every bill of an order, whatever it is for. */
export const rentalBillSources = [rentalBillSource, rentalExitBillSource] as const;

export async function listOrderBills(
  db: Executor,
  deps: Pick<RentalDeps, 'clock' | 'timeZone'>,
  options: {
    orderId: string;
    customerId?: string;
    status?: 'open' | 'overdue' | 'paid' | 'waived' | 'unpaid' | undefined;
    limit?: number | undefined;
    cursor?: string | undefined;
  },
): Promise<Page<BillView>> {
  const conditions = [eq(rentalOrders.id, options.orderId)];
  if (options.customerId !== undefined) conditions.push(eq(rentalOrders.customerId, options.customerId));
  const [order] = await db
    .select({ id: rentalOrders.id, customerId: rentalOrders.customerId })
    .from(rentalOrders)
    .where(and(...conditions));
  if (order === undefined) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
  return listBills(db, deps, {
    customerId: order.customerId,
    sourceType: rentalBillSources,
    sourceId: order.id,
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
  });
}
