// The `before` facts of the machine that a customer's single-order read can know ahead (issue #14,
// H5 order page): whether the renewal window is open and whether a bill of the order is overdue. The
// machine offers `renew` and `buy_out` only when their known-ahead facts hold, so without them the
// order page could never offer either. The action itself checks them again when it is taken. A return
// parcel lost by the courier leaves nothing to dispute (`dispute_window_passed` holds).
import type { Executor } from '@zulin/db';
import { addDays, compareDates, today } from '@zulin/kernel';
import { hasOverdueBills } from './after-sales';
import { customerActions } from './customer-states';
import type { RentalDeps } from './deps';
import type { OrderFact } from './order-machine';
import type { OrderView } from './read-orders';
import { scheduleOf, termEndDate } from './rent-schedule';
import { rentalTimers } from './rental-settings';

export async function knownFacts(
  db: Executor,
  deps: RentalDeps,
  view: OrderView,
): Promise<Partial<Record<OrderFact, boolean>>> {
  const { order } = view;
  // A return parcel the courier lost has no inspection: nothing to dispute (confirm-return-lost.ts).
  const lostReturn = view.timeline.some((t) => t.action === 'lose_return_parcel')
    ? { dispute_window_passed: true }
    : {};
  const schedule = scheduleOf(order);
  if (schedule.length === 0) return lostReturn;
  const { value: timers } = await rentalTimers.read(db);
  const date = today(deps.clock, deps.timeZone);
  const endDate = termEndDate(schedule);
  const opensOn = addDays(endDate, -timers.renewalWindowDays);
  return {
    within_renewal_window: compareDates(date, opensOn) >= 0 && compareDates(date, endDate) <= 0,
    no_overdue_bills: !(await hasOverdueBills(db, deps, order.id)),
    ...lostReturn,
  };
}

/** The view with the customer's actions worked out with the facts known ahead. */
export async function withKnownFacts(db: Executor, deps: RentalDeps, view: OrderView): Promise<OrderView> {
  const facts = await knownFacts(db, deps, view);
  return {
    ...view,
    customerActions: customerActions({ status: view.order.status, openAfterSale: view.order.openAfterSale, facts }),
  };
}
