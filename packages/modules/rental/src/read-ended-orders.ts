// Orders by the moment they first entered one of some states (for feedback: the rentals that ended in
// a range of days, whose rating window reaches its reminder). "First" is by the timeline's order
// (`seq`), as an order's timeline reads: a later step into another of the states (settled → closed)
// does not count again. Oldest first, a page at a time after a cursor.
import { type Executor, queryRows } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { RentalLimits } from './limits';
import type { OrderState } from './order-machine';
import { rentalOrderEvents, rentalOrders } from './schema';

export interface OrderEntry {
  orderId: string;
  customerId: string;
  /** The state its first step into the given states went to, and when. */
  to: OrderState;
  at: Date;
}

export async function listOrdersFirstEntering(
  db: Executor,
  options: {
    states: readonly OrderState[];
    /** The first such step happened at or after `from` and before `before`. */
    from: Date;
    before: Date;
    /** The last entry of the previous page. */
    after?: { at: Date; orderId: string } | undefined;
    limit: number;
  },
): Promise<OrderEntry[]> {
  assert(options.states.length > 0, 'at least one state');
  assert(
    Number.isSafeInteger(options.limit) && options.limit >= 1 && options.limit <= RentalLimits.enteredOrdersPageMax,
    'a page within enteredOrdersPageMax',
  );
  const states = sql.join(
    options.states.map((s) => sql`${s}`),
    sql`, `,
  );
  const after =
    options.after === undefined
      ? sql``
      : sql`and (e.at > ${options.after.at.toISOString()}::timestamptz
              or (e.at = ${options.after.at.toISOString()}::timestamptz and e.order_id > ${options.after.orderId}))`;
  const rows = await queryRows<{ order_id: string; customer_id: string; to_status: OrderState; at: Date | string }>(
    db,
    sql`select e.order_id, o.customer_id, e.to_status, e.at
        from ${rentalOrderEvents} e
        join ${rentalOrders} o on o.id = e.order_id
        where e.to_status in (${states})
          and e.at >= ${options.from.toISOString()}::timestamptz
          and e.at < ${options.before.toISOString()}::timestamptz
          and not exists (
            select 1 from ${rentalOrderEvents} p
            where p.order_id = e.order_id and p.seq < e.seq and p.to_status in (${states}))
          ${after}
        order by e.at, e.order_id
        limit ${options.limit}`,
  );
  return rows.map((r) => ({ orderId: r.order_id, customerId: r.customer_id, to: r.to_status, at: new Date(r.at) }));
}
