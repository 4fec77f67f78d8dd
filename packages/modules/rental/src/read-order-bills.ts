// The bills of one order (API.md `GET /v1/rentals/{id}/bills`), read through billing's index: the
// rent periods the daily tick issued, the exit charges (early return, buyout, renewal) and the
// inspection charges — every bill whose source is this order. Another customer's order is not found.
import { type BillView, listBills } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import type { Page } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { rentalOrders } from './schema';

/** The `sourceType` of every bill the rental module issues. */
export const rentalBillSource = 'rental';

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
    sourceType: rentalBillSource,
    sourceId: order.id,
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
  });
}
