// The unpaid-order timer (DOMAIN §5: 2 h after signing by default): a sweep that cancels every order
// still awaiting payment past its deadline and puts its unit back in stock, each order under its row
// lock (SKIP LOCKED: an order being paid right now is left to that payment), its open channel payment
// abandoned (closed at the channel by payments' janitor). Set-based, bounded,
// idempotent: a second run finds nothing.
import { type Executor, transaction } from '@zulin/db';
import { returnCoupons } from '@zulin/marketing';
import { and, asc, eq, lte } from 'drizzle-orm';
import { abandonFirstPayments, releaseUnitOf } from './cancel-order';
import type { RentalDeps } from './deps';
import { RentalLimits } from './limits';
import { moveOrder, systemMover } from './order-store';
import { rentalOrders } from './schema';

export async function expireUnpaidOrders(db: Executor, deps: RentalDeps): Promise<{ cancelled: number }> {
  let cancelled = 0;
  for (let batch = 0; batch < RentalLimits.expireBatchesPerRun; batch++) {
    const done = await transaction(db, async (tx) => {
      const now = deps.clock.now();
      const due = await tx
        .select()
        .from(rentalOrders)
        .where(and(eq(rentalOrders.status, 'awaiting_payment'), lte(rentalOrders.paymentDeadlineAt, now)))
        .orderBy(asc(rentalOrders.paymentDeadlineAt), asc(rentalOrders.id))
        .limit(RentalLimits.expireBatchSize)
        .for('update', { skipLocked: true });
      for (const order of due) {
        await moveOrder(tx, {
          order,
          action: 'expire_payment',
          by: systemMover,
          now,
          facts: { payment_deadline_passed: true },
          set: { closedAt: now, closeReason: 'unpaid' },
          detail: { paymentDeadlineAt: order.paymentDeadlineAt?.toISOString() ?? null },
        });
        await releaseUnitOf(tx, order, now, 'order_unpaid_expired');
        await returnCoupons(tx, now, { orderId: order.id });
        await abandonFirstPayments(tx, deps, order);
      }
      return due.length;
    });
    cancelled += done;
    if (done < RentalLimits.expireBatchSize) break;
  }
  return { cancelled };
}
