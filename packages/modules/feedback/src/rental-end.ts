// When a rental ended, for its rating window: the first step of its timeline into settled (the return
// inspection is done), bought_out or closed, as a business date in the operator's time zone. The
// rating route (submit-feedback.ts) and the daily reminder (send-rating-reminders.ts) both read it here.
import { type BusinessDate, businessDateOf } from '@zulin/kernel';
import type { OrderState } from '@zulin/rental';

export const rentalEndStates: readonly OrderState[] = Object.freeze(['settled', 'bought_out', 'closed']);

/** The end date of a rental from its timeline (in order), or null while it runs. */
export function rentalEndedOn(
  timeline: readonly { to: OrderState; at: Date }[],
  timeZone: string,
): BusinessDate | null {
  const ended = timeline.find((step) => rentalEndStates.includes(step.to));
  return ended ? businessDateOf(ended.at, timeZone) : null;
}
