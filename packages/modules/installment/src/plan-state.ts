// Reading a plan as it stands: its invariants, the balance after k paid periods and the date a
// prepayment after period k takes effect.
import { assert, assertNonNegativeMinor, type BusinessDate, sumMinor } from '@zulin/kernel';
import { InstallmentLimits } from './limits';
import type { InstallmentPlan, ScheduleRow } from './types';

/** The last period of the plan (n, or fewer after a reduce-term prepayment). */
export function lastPeriodOf(plan: InstallmentPlan): number {
  const last = plan.schedule.at(-1);
  assert(last !== undefined, 'a plan has at least one period');
  return last.period;
}

/** The row of period k (1-based). */
export function rowOf(plan: InstallmentPlan, period: number): ScheduleRow {
  const row = plan.schedule[period - 1];
  assert(row !== undefined && row.period === period, `the plan has no period ${period}`);
  return row;
}

/**
 * B_k, the principal still owed once k periods are paid: the principals of periods k + 1 onward. This
 * holds after prepayments too, since a rebuild's principals add up to the balance it started from.
 */
export function balanceAfterPeriod(plan: InstallmentPlan, paidPeriods: number): number {
  return sumMinor(plan.schedule.slice(paidPeriods).map((row) => row.principalMinor));
}

/** A prepayment after period k takes effect on k's due date (the start date when k = 0). */
export function dueDateOfPeriod(plan: InstallmentPlan, period: number): BusinessDate {
  return period === 0 ? plan.terms.startDate : rowOf(plan, period).dueDate;
}

/** Checks what a stored plan must satisfy before money is computed from it. */
export function assertPlan(plan: InstallmentPlan): void {
  const { schedule, terms, prepayments } = plan;
  assert(schedule.length >= 1, 'a plan has at least one period');
  assert(schedule.length <= InstallmentLimits.termMonthsMax, 'a plan has at most the longest term');
  assert(prepayments.length <= InstallmentLimits.prepaymentsPerPlanMax, 'too many prepayments on a plan');
  assertNonNegativeMinor(plan.periodFeeMinor, 'periodFeeMinor');
  for (const [index, row] of schedule.entries()) {
    assert(row.period === index + 1, `periods are numbered 1, 2, …: found ${row.period} at ${index + 1}`);
    assertNonNegativeMinor(row.principalMinor, 'principalMinor');
    assertNonNegativeMinor(row.interestMinor, 'interestMinor');
    assertNonNegativeMinor(row.balanceAfterMinor, 'balanceAfterMinor');
    assert(row.feeMinor === plan.periodFeeMinor, `period ${row.period} pays the plan's fee`);
    assert(row.paymentMinor === row.principalMinor + row.interestMinor + row.feeMinor, 'payment = parts');
  }
  for (const prepayment of prepayments) {
    assert(prepayment.afterPeriod < schedule.length, 'a prepayment leaves at least one period');
    assertNonNegativeMinor(prepayment.principalMinor, 'prepaid principalMinor');
  }
  const prepaidMinor = sumMinor(prepayments.map((p) => p.principalMinor));
  const scheduledMinor = sumMinor(schedule.map((row) => row.principalMinor));
  assert(scheduledMinor + prepaidMinor === terms.principalMinor, 'principals and prepayments add up to P');
  assert(schedule.at(-1)?.balanceAfterMinor === 0, 'the last period leaves nothing owed');
}
