// Closing settled returns (DOMAIN §5, `settled → closed`): once the dispute window of the inspection
// has passed (the day after its last day) and every bill of the order (rent and exit bills, the
// inspection's included) is paid or waived, and no dispute of the inspection is open: a disputed
// inspection holds the order until a person resolves it (resolve-inspection-dispute.ts), and an
// adjusted outcome whose money waits for a second person holds it until that is approved.
// A return whose parcel the carrier lost (confirm-return-lost.ts) has no inspection and nothing to
// dispute: its window is the day the loss was confirmed (its carrier claim's `lostOn`), and it closes
// with the reason `return_parcel_lost` once its bills are paid or waived.
// Sweep `rental.close_settled_orders`: every settled order past its window, oldest first, a page at a time.
import { listBills } from '@zulin/billing';
import type { Database } from '@zulin/db';
import { compareDates, today } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, gt, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalLimits } from './limits';
import { loadOrderForUpdate, moveOrder, systemMover } from './order-store';
import { rentalBillSources } from './read-order-bills';
import { rentalCarrierClaims, rentalInspections, rentalOrders } from './schema';

export async function closeSettledOrders(database: Database, deps: RentalDeps): Promise<{ closed: number }> {
  const todayDate = today(deps.clock, deps.timeZone);
  let closed = 0;
  // Pages through every settled order past its window (oldest first): orders that still owe a bill
  // stay settled and must not keep the ones behind them from closing.
  let after: { disputeUntil: string; orderId: string } | undefined;
  // The inspection's dispute window, or for a lost return parcel the day the loss was confirmed.
  const windowEnd = sql<string>`coalesce(${rentalInspections.disputeUntil}, ${rentalCarrierClaims.lostOn})`;
  for (;;) {
    const rows = await database.db
      .select({ orderId: rentalOrders.id, disputeUntil: windowEnd, claimId: rentalCarrierClaims.id })
      .from(rentalOrders)
      .leftJoin(rentalInspections, eq(rentalInspections.orderId, rentalOrders.id))
      // Only a lost RETURN parcel's claim settles an order (an outbound one was filed while it was shipped).
      .leftJoin(
        rentalCarrierClaims,
        and(eq(rentalCarrierClaims.orderId, rentalOrders.id), eq(rentalCarrierClaims.direction, 'return')),
      )
      .where(
        and(
          eq(rentalOrders.status, 'settled'),
          lt(windowEnd, todayDate),
          // An open dispute (disputed, not resolved) or a credit awaiting approval holds the order.
          or(
            isNull(rentalInspections.disputedAt),
            and(
              isNotNull(rentalInspections.disputeResolvedAt),
              ne(rentalInspections.disputeRefundState, 'awaiting_approval'),
            ),
          ),
          after === undefined
            ? undefined
            : or(
                gt(windowEnd, after.disputeUntil),
                and(eq(windowEnd, after.disputeUntil), gt(rentalOrders.id, after.orderId)),
              ),
        ),
      )
      .orderBy(asc(windowEnd), asc(rentalOrders.id))
      .limit(RentalLimits.closeSettledBatch);
    // A date column read through coalesce comes back as text on PostgreSQL and PGlite alike.
    const due = rows.map((r) => ({ ...r, disputeUntil: String(r.disputeUntil).slice(0, 10) }));
    for (const { orderId, disputeUntil, claimId } of due) {
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
          set: { closedAt: now, closeReason: claimId === null ? 'returned' : 'return_parcel_lost' },
          detail: claimId === null ? { disputeUntil } : { disputeUntil, claimId },
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
