// What the timers ask for on a given business date: which reminder to send and which auto-debit to
// try for a bill due on a given date, and when an unpaid order lapses. The daily ticks call these for
// each open bill; the sandbox test clock runs the ticks day by day, so every date is asked about once.
import { assert, type BusinessDate, diffDays, isBusinessDate } from '@zulin/kernel';
import type { RentalTimers } from './timers';

export type BillReminder = { kind: 'before_due'; days: number } | { kind: 'after_due'; days: number };

/** The reminder due on `businessDate` for a bill due on `dueDate` (T−7, T−3, T−1, D+1, D+3 by default), if any. */
export function reminderDue(options: {
  dueDate: BusinessDate;
  businessDate: BusinessDate;
  timers: RentalTimers;
}): BillReminder | null {
  const offset = offsetDays(options.dueDate, options.businessDate);
  if (offset < 0 && options.timers.reminderDaysBeforeDue.includes(-offset))
    return { kind: 'before_due', days: -offset };
  if (offset > 0 && options.timers.reminderDaysAfterDue.includes(offset)) return { kind: 'after_due', days: offset };
  return null;
}

/**
 * The auto-debit attempt due on `businessDate`: attempt 0 on the due date, then retry n on the n-th
 * configured day after it (D+1, D+3, D+5 by default). The caller tries only while the bill is unpaid.
 */
export function autoDebitAttemptDue(options: {
  dueDate: BusinessDate;
  businessDate: BusinessDate;
  timers: RentalTimers;
}): { attempt: number; daysAfterDue: number } | null {
  const offset = offsetDays(options.dueDate, options.businessDate);
  if (offset === 0) return { attempt: 0, daysAfterDue: 0 };
  const retryIndex = [...options.timers.autoDebitRetryDaysAfterDue].sort((a, b) => a - b).indexOf(offset);
  return retryIndex >= 0 ? { attempt: retryIndex + 1, daysAfterDue: offset } : null;
}

/** The instant after which an order signed at `signedAt` and still unpaid is cancelled. */
export function unpaidOrderDeadline(options: { signedAt: Date; timers: RentalTimers }): Date {
  const signedMs = options.signedAt.getTime();
  assert(Number.isFinite(signedMs), 'signedAt must be a valid instant');
  return new Date(signedMs + options.timers.unpaidOrderCancelMinutes * 60_000);
}

/** Whether an order signed at `signedAt` and still unpaid at `now` is to be cancelled. */
export function isUnpaidOrderExpired(options: { signedAt: Date; now: Date; timers: RentalTimers }): boolean {
  return options.now.getTime() >= unpaidOrderDeadline(options).getTime();
}

/** businessDate − dueDate in days: negative before the due date. */
function offsetDays(dueDate: BusinessDate, businessDate: BusinessDate): number {
  assert(isBusinessDate(dueDate), `dueDate must be a business date: ${dueDate}`);
  assert(isBusinessDate(businessDate), `businessDate must be a business date: ${businessDate}`);
  return diffDays(dueDate, businessDate);
}
