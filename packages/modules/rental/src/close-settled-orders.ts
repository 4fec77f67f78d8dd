// Closing settled returns (DOMAIN §5, `settled → closed`): once the dispute window of the inspection
// has passed (the day after its last day) and every bill of the order (rent and exit bills, the
// inspection's included) is paid or waived. An open dispute does not hold the order by itself: a
// person settles it by waiving or refunding, and an unpaid disputed bill keeps the order open.
// Sweep `rental.close_settled_orders`: every settled order past its window, oldest first, a page at a time.
import { listBills } from '@zulin/billing';
import type { Database } from '@zulin/db';
import { compareDates, today } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, gt, lt, or } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalLimits } from './limits';
import { loadOrderForUpdate, moveOrder, systemMover } from './order-store';
import { rentalBillSources } from './read-order-bills';
import { rentalInspections, rentalOrders } from './schema';

export async function closeSettledOrders(database: Database, deps: RentalDeps): Promise<{ closed: number }> {
  const todayDate = today(deps.clock, deps.timeZone);
  let closed = 0;
  // Pages through every settled order past its window (oldest first): orders that still owe a bill
  // stay settled and must not keep the ones behind them from closing.
  let after: { disputeUntil: string; orderId: string } | undefined;
  for (;;) {
    const due = await database.db
      .select({ orderId: rentalOrders.id, disputeUntil: rentalInspections.disputeUntil })
      .from(rentalOrders)
      .innerJoin(rentalInspections, eq(rentalInspections.orderId, rentalOrders.id))
      .where(
        and(
          eq(rentalOrders.status, 'settled'),
          lt(rentalInspections.disputeUntil, todayDate),
          after === undefined
            ? undefined
            : or(
                gt(rentalInspections.disputeUntil, after.disputeUntil),
                and(eq(rentalInspections.disputeUntil, after.disputeUntil), gt(rentalOrders.id, after.orderId)),
              ),
        ),
      )
      .orderBy(asc(rentalInspections.disputeUntil), asc(rentalOrders.id))
      .limit(RentalLimits.closeSettledBatch);
    for (const { orderId, disputeUntil } of due) {
      const unpaid = await listBills(database.db, deps, {
        sourceType: rentalBillSources,
        sourceId: orderId,
        status: 'unpaid',
        limit: 1,
      });
      if (unpaid.data.length > 0) continue;
      const moved = await runCommand(database, async (tx) => {
        const order = await loadOrderForUpdate(tx, orderId);
        if (order.status !== 'settled') return false;
        const now = deps.clock.now();
        await moveOrder(tx, {
          order,
          action: 'close',
          by: systemMover,
          now,
          facts: { bills_settled: true, dispute_window_passed: compareDates(todayDate, disputeUntil) > 0 },
          set: { closedAt: now, closeReason: 'returned' },
          detail: { disputeUntil },
        });
        return true;
      });
      if (moved) closed += 1;
    }
    const last = due.at(-1);
    if (last === undefined || due.length < RentalLimits.closeSettledBatch) return { closed };
    after = last;
  }
}
