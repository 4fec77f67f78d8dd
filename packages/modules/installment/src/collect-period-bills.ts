// Auto-debit of installment period bills (issue #15, DOMAIN §5): the daily tick
// `installment.collect_period_bills` charges every unpaid period bill through its customer's active
// withholding agreement on the due date, then on each retry day (D+1, D+3, D+5 by default:
// the operator's timers, installment-settings.ts) while it is still unpaid. The machinery is billing's,
// shared with rental's rent bills (`chargeBillAttempt`: one payment order per bill and attempt, never
// twice, nothing while an earlier attempt is open or above the agreement's cap); payments' agreement
// sweep sends the charge after the commit. A charge that succeeds pays the bill through billing's
// allocation (penalty → fees → interest → principal), so the penalty the overdue tick (00:30) booked
// for the late days is paid first, and billing's `bill_paid` event drives the funder split as for
// any payment. A refused charge is told to the customer (`bills.auto_debit_failed` / `_final`).
// The same tick reminds the customer of each unpaid period bill T−3 and T−1 before its due date and D+1
// and D+3 after it (by default: the operator's timers; billing's `billReminderDue`), once per bill and
// offset (notification's `sendBillReminder`, recorded in contracts' evidence log on the order): the
// amount owed and whether auto-debit will take it (an active agreement whose cap covers the amount).
import {
  agreementThatCovers,
  autoDebitFailedNotice,
  type ChaseResult,
  chaseDueBills,
  getBill,
  parseAutoDebitReference,
} from '@zulin/billing';
import { appendEvidence } from '@zulin/contracts';
import type { Executor } from '@zulin/db';
import type { BusinessDate } from '@zulin/kernel';
import { notify, sendBillReminder } from '@zulin/notification';
import type { InstallmentDeps } from './deps';
import { installmentTimers } from './installment-settings';
import { InstallmentLimits } from './limits';
import { billSourceTypes } from './orders';
import { installmentAutoDebitPurpose } from './period-auto-debits';

/** The reminder's template: before or after the due date, with or without auto-debit to take it. */
const reminderTemplates = {
  before_due: { manual: 'bills.installment_due_soon', autoDebit: 'bills.installment_due_soon_auto_debit' },
  after_due: {
    manual: 'bills.installment_overdue_reminder',
    autoDebit: 'bills.installment_overdue_reminder_auto_debit',
  },
} as const;

export type PeriodCollectionResult = ChaseResult;

/** The day's chase of period bills: billing's `chaseDueBills` with the installment's limits and templates. */
export async function collectPeriodBills(
  db: Executor,
  deps: InstallmentDeps,
  businessDate: BusinessDate,
): Promise<PeriodCollectionResult> {
  const { value: timers } = await installmentTimers.read(db);
  return chaseDueBills(db, deps, {
    sourceTypes: [billSourceTypes.period],
    businessDate,
    reminderDaysBeforeDue: timers.reminderDaysBeforeDue,
    reminderDaysAfterDue: timers.reminderDaysAfterDue,
    retryDaysAfterDue: timers.autoDebitRetryDaysAfterDue,
    purpose: installmentAutoDebitPurpose,
    batchSize: InstallmentLimits.collectBatchSize,
    pagesMax: InstallmentLimits.collectPagesPerRun,
    async remind(tx, bill, reminder) {
      // Whether auto-debit will take it: an active agreement whose per-charge cap covers what is owed.
      const byAutoDebit = (await agreementThatCovers(tx, bill)) !== null;
      const templates = reminderTemplates[reminder.kind];
      return sendBillReminder(tx, deps, {
        bill,
        reminder,
        template: byAutoDebit ? templates.autoDebit : templates.manual,
        dedupePrefix: 'installment.reminder',
        evidence: {
          append: appendEvidence,
          subject: { kind: 'installment', id: bill.sourceId },
          kind: 'installment.reminder_sent',
        },
      });
    },
  });
}

/** Tells the customer that the auto-debit of a period bill was refused, and when it is tried again. */
export async function notifyPeriodAutoDebitFailed(
  tx: Executor,
  deps: InstallmentDeps,
  payment: { reference: string; customerId: string },
): Promise<void> {
  const parsed = parseAutoDebitReference(payment.reference);
  if (parsed === null) return;
  const bill = await getBill(tx, deps, parsed.billId, payment.customerId);
  if (bill.outstandingMinor === 0) return;
  await notify(tx, deps, {
    customerId: payment.customerId,
    category: 'bills',
    ...autoDebitFailedNotice({
      bill,
      attempt: parsed.attempt,
      retryDaysAfterDue: (await installmentTimers.read(tx)).value.autoDebitRetryDaysAfterDue,
    }),
    dedupeKey: `installment.auto_debit_failed:${payment.reference}`,
  });
}
