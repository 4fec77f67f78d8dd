// How many of a customer's tickets they took back from resolved — reopened it, or answered it after
// it was resolved (`customer_reopened_at`, set by the state change): feedback weighs it as the fact
// `ticketsReopened` (the answer did not solve it). Those of one order, and/or those last reopened
// within a time range.
import type { Executor } from '@zulin/db';
import { and, count, eq, gte, isNotNull, lte } from 'drizzle-orm';
import { supportTickets } from './schema';

export async function countTicketsReopenedByCustomer(
  db: Executor,
  options: {
    customerId: string;
    /** Only the tickets linked to this order. */
    orderId?: string | undefined;
    /** Only the tickets the customer last reopened at or after / at or before this instant. */
    reopenedFrom?: Date | undefined;
    reopenedTo?: Date | undefined;
  },
): Promise<number> {
  const conditions = [eq(supportTickets.customerId, options.customerId), isNotNull(supportTickets.customerReopenedAt)];
  if (options.orderId !== undefined) conditions.push(eq(supportTickets.orderId, options.orderId));
  if (options.reopenedFrom !== undefined) conditions.push(gte(supportTickets.customerReopenedAt, options.reopenedFrom));
  if (options.reopenedTo !== undefined) conditions.push(lte(supportTickets.customerReopenedAt, options.reopenedTo));
  const [row] = await db
    .select({ n: count() })
    .from(supportTickets)
    .where(and(...conditions));
  return Number(row?.n ?? 0);
}
