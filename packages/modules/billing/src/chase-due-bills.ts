// The daily chase of due bills, shared by rental's rent bills (tick `rental.collect_rent`) and
// installment's period bills (tick `installment.collect_period_bills`): for the business date, every
// unpaid bill of the caller's sources due within the window the offsets span is read in keyset pages,
// and in one transaction per bill (1) the reminder due that day (`billReminderDue`) is handed to the
// caller's `remind` — which sends it through notification, once per bill and offset — and (2) the
// auto-debit attempt due that day (`autoDebitAttemptDue`) is charged through the customer's agreement
// (`chargeBillAttempt`). The offsets, the purpose and the bounds are the caller's settings.
import { type Executor, transaction } from '@zulin/db';
import { addDays, assert, type BusinessDate } from '@zulin/kernel';
import { autoDebitAttemptDue, autoDebitBillSources, chargeBillAttempt } from './auto-debit';
import { type BillReminder, billReminderDue } from './bill-reminders';
import type { BillingDeps } from './deps';
import { unpaidBillsDueBetween } from './due-bills';

export type DueBill = Awaited<ReturnType<typeof unpaidBillsDueBetween>>[number];

export type ChaseResult = {
  reminded: number;
  charged: number;
  /** Attempts due but not made: no agreement, above its cap, made already, or an earlier one still open. */
  skipped: number;
};

export async function chaseDueBills(
  db: Executor,
  deps: Pick<BillingDeps, 'clock'>,
  options: {
    sourceTypes: readonly string[];
    businessDate: BusinessDate;
    reminderDaysBeforeDue: readonly number[];
    reminderDaysAfterDue: readonly number[];
    retryDaysAfterDue: readonly number[];
    /** The payments purpose of the auto-debit charges (the caller's subscriber applies them). */
    purpose: string;
    batchSize: number;
    pagesMax: number;
    /** Sends the reminder in the bill's transaction; true when it was new. */
    remind: (tx: Executor, bill: DueBill, reminder: BillReminder) => Promise<boolean>;
  },
): Promise<ChaseResult> {
  // One list of the bills auto-debit pays: what the notices name is what this charges.
  assert(
    options.sourceTypes.every((t) => (autoDebitBillSources as readonly string[]).includes(t)),
    'auto-debit chases only autoDebitBillSources',
  );
  const { businessDate } = options;
  const daysBack = Math.max(0, ...options.reminderDaysAfterDue, ...options.retryDaysAfterDue);
  const daysAhead = Math.max(0, ...options.reminderDaysBeforeDue);
  const result: ChaseResult = { reminded: 0, charged: 0, skipped: 0 };
  let after: { dueDate: BusinessDate; id: string } | undefined;
  for (let page = 0; page < options.pagesMax; page++) {
    const bills = await unpaidBillsDueBetween(db, {
      sourceTypes: options.sourceTypes,
      fromDate: addDays(businessDate, -daysBack),
      toDate: addDays(businessDate, daysAhead),
      limit: options.batchSize,
      ...(after === undefined ? {} : { after }),
    });
    for (const bill of bills) {
      const reminder = billReminderDue({
        dueDate: bill.dueDate,
        businessDate,
        daysBeforeDue: options.reminderDaysBeforeDue,
        daysAfterDue: options.reminderDaysAfterDue,
      });
      const attempt = autoDebitAttemptDue({
        dueDate: bill.dueDate,
        businessDate,
        retryDaysAfterDue: options.retryDaysAfterDue,
      });
      if (reminder === null && attempt === null) continue;
      await transaction(db, async (tx) => {
        if (reminder !== null && (await options.remind(tx, bill, reminder))) result.reminded += 1;
        if (attempt !== null) {
          const charged = await chargeBillAttempt(tx, deps, {
            bill,
            attempt: attempt.attempt,
            purpose: options.purpose,
          });
          if (charged) result.charged += 1;
          else result.skipped += 1;
        }
      });
    }
    const last = bills.at(-1);
    if (last === undefined || bills.length < options.batchSize) break;
    after = { dueDate: last.dueDate, id: last.id };
  }
  return result;
}
