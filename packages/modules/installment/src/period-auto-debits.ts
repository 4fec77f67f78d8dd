// The auto-debit attempts on an order's period bills as its pages show them: every attempt (the
// console: attempt, date, result) and, per unpaid bill whose newest attempt the channel refused, the
// failed-debit line (自动扣款失败，将于 X 月 X 日重试) for the customer's order page.
import { type AutoDebitAttempt, autoDebitAttemptsOf, autoDebitFailureOf } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import type { BusinessDate } from '@zulin/kernel';
import type { InstallmentDeps } from './deps';
import { installmentTimers } from './installment-settings';
import { InstallmentLimits } from './limits';
import type { BilledPeriod } from './orders';

/** The purpose payments records for a period bill's auto-debit charge. */
export const installmentAutoDebitPurpose = 'installment.auto_debit';

export interface PeriodAutoDebitFailure {
  billId: string;
  period: number;
  title: string;
  outstandingMinor: number;
  dueDate: BusinessDate;
  /** The attempt refused: 0 on the due date, n on the n-th retry day. */
  attempt: number;
  failedOn: BusinessDate;
  /** The next attempt's day, or null when no retry is left (the customer pays by hand). */
  nextRetryDate: BusinessDate | null;
}

export type PeriodAutoDebitAttempt = AutoDebitAttempt & { billId: string; period: number };

/** Every auto-debit attempt on the order's period bills, and the unpaid ones whose newest attempt failed. */
export async function periodAutoDebits(
  db: Executor,
  deps: Pick<InstallmentDeps, 'timeZone'>,
  billed: readonly BilledPeriod[],
): Promise<{ attempts: PeriodAutoDebitAttempt[]; failures: PeriodAutoDebitFailure[] }> {
  if (billed.length === 0) return { attempts: [], failures: [] };
  const retryDaysAfterDue = (await installmentTimers.read(db)).value.autoDebitRetryDaysAfterDue;
  const found = await autoDebitAttemptsOf(db, deps, {
    billIds: billed.map((b) => b.bill.id),
    purpose: installmentAutoDebitPurpose,
    // Every attempt there may have been, also under retry days an operator has since shortened.
    attemptsMax: InstallmentLimits.timerOffsetsMax + 1,
  });
  const attempts: PeriodAutoDebitAttempt[] = [];
  const failures: PeriodAutoDebitFailure[] = [];
  for (const { period, bill } of billed) {
    const made = found.get(bill.id) ?? [];
    attempts.push(...made.map((a) => ({ ...a, billId: bill.id, period })));
    if (bill.status !== 'open' && bill.status !== 'overdue') continue;
    const failure = autoDebitFailureOf({ dueDate: bill.dueDate, attempts: made, retryDaysAfterDue });
    if (failure === null) continue;
    failures.push({
      billId: bill.id,
      period,
      title: bill.title,
      outstandingMinor: bill.outstandingMinor,
      dueDate: bill.dueDate,
      ...failure,
    });
  }
  return { attempts, failures };
}
