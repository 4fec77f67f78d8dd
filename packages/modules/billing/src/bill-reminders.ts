// Reminders of a bill's due date (DOMAIN §5), shared by every module that chases its bills — rental's
// rent bills (T−7, T−3, T−1, D+1, D+3 from its timers) and installment's period bills (T−3, T−1, D+1,
// D+3 from its limits): which reminder is due on a business date, and the dedupe key that makes it go
// out once per bill and offset whatever the reruns. Sending it is notification's `sendBillReminder`.
import { assert, type BusinessDate, diffDays, isBusinessDate } from '@zulin/kernel';

export type BillReminder = { kind: 'before_due'; days: number } | { kind: 'after_due'; days: number };

/** The reminder due on `businessDate` for a bill due on `dueDate`, if any: T−n for n in `daysBeforeDue`, D+n for n in `daysAfterDue`. */
export function billReminderDue(options: {
  dueDate: BusinessDate;
  businessDate: BusinessDate;
  daysBeforeDue: readonly number[];
  daysAfterDue: readonly number[];
}): BillReminder | null {
  assert(isBusinessDate(options.dueDate), `dueDate must be a business date: ${options.dueDate}`);
  assert(isBusinessDate(options.businessDate), `businessDate must be a business date: ${options.businessDate}`);
  const offset = diffDays(options.dueDate, options.businessDate);
  if (offset < 0 && options.daysBeforeDue.includes(-offset)) return { kind: 'before_due', days: -offset };
  if (offset > 0 && options.daysAfterDue.includes(offset)) return { kind: 'after_due', days: offset };
  return null;
}

/** `<prefix>:<billId>:<kind>:<days>`: one notice per bill and offset (`rental.reminder:bil_…:before_due:3`). */
export const billReminderDedupeKey = (prefix: string, billId: string, reminder: BillReminder) =>
  `${prefix}:${billId}:${reminder.kind}:${reminder.days}`;
