// What the timers ask for on a given business date: which reminder to send and which auto-debit to
// try for a bill due on a given date, and when an unpaid order lapses. The daily ticks call these for
// each open bill; the sandbox test clock runs the ticks day by day, so every date is asked about once.
import {
  type BillReminder,
  autoDebitAttemptDue as billingAutoDebitAttemptDue,
  nextAutoDebitRetryDate as billingNextAutoDebitRetryDate,
  billReminderDue,
} from '@zulin/billing';
import { assert, type BusinessDate } from '@zulin/kernel';
import type { RentalTimers } from './timers';

export type { BillReminder };

/** The reminder due on `businessDate` for a bill due on `dueDate` (T−7, T−3, T−1, D+1, D+3 by default), if any. */
export function reminderDue(options: {
  dueDate: BusinessDate;
  businessDate: BusinessDate;
  timers: RentalTimers;
}): BillReminder | null {
  return billReminderDue({
    dueDate: options.dueDate,
    businessDate: options.businessDate,
    daysBeforeDue: options.timers.reminderDaysBeforeDue,
    daysAfterDue: options.timers.reminderDaysAfterDue,
  });
}

/**
 * The auto-debit attempt due on `businessDate`: attempt 0 on the due date, then retry n on the n-th
 * configured day after it (D+1, D+3, D+5 by default) — billing's shared rule with the rental's timers.
 */
export function autoDebitAttemptDue(options: {
  dueDate: BusinessDate;
  businessDate: BusinessDate;
  timers: RentalTimers;
}): { attempt: number; daysAfterDue: number } | null {
  return billingAutoDebitAttemptDue({ ...options, retryDaysAfterDue: options.timers.autoDebitRetryDaysAfterDue });
}

/** The day of the next auto-debit attempt after attempt `attempt` failed, or null when none is left. */
export function nextAutoDebitRetryDate(options: {
  dueDate: BusinessDate;
  attempt: number;
  timers: RentalTimers;
}): BusinessDate | null {
  return billingNextAutoDebitRetryDate({ ...options, retryDaysAfterDue: options.timers.autoDebitRetryDaysAfterDue });
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
