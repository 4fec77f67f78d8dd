// The one function that both quotes and books a prepayment (DOMAIN §6, issue #15): the public
// calculator shows its `quote`, and an order's booking posts its `lines` and stores its `planAfter`,
// so the amounts shown before paying are, to the cent, what is then allocated.
import { assert, type BusinessDate, diffDays, isBusinessDate, sumMinor } from '@zulin/kernel';
import { InstallmentErrors } from './errors';
import { FieldProblems, isIntegerIn } from './field-problems';
import { InstallmentLimits } from './limits';
import { type InterestAccrual, type PayoffQuote, payOff } from './pay-off';
import { assertPlan, balanceAfterPeriod, dueDateOfPeriod, lastPeriodOf } from './plan-state';
import { type PartialStrategy, rebuildSchedule } from './rebuild-schedule';
import type { PeriodChange, SettlementLine } from './settlement-types';
import type { InstallmentPlan, ScheduleRow } from './types';

export interface PartialPrepaymentRequest {
  strategy: PartialStrategy;
  paidPeriods: number;
  prepayMinor: number;
  prepayFeeMinor: number;
}

export interface PayoffRequest {
  strategy: 'payoff';
  paidPeriods: number;
  payoffDate: BusinessDate;
  prepayFeeMinor: number;
}

export type PrepaymentRequest = PartialPrepaymentRequest | PayoffRequest;

/** POST /v1/installments/prepay-quote's answer for a partial prepayment (API.md). */
export interface PartialPrepaymentQuote {
  principalPrepaidMinor: number;
  feeMinor: number;
  balanceAfterMinor: number;
  interestSavedMinor: number;
  schedule: ScheduleRow[];
}

interface SettlementCommon {
  paidPeriods: number;
  /** The day the money is applied: k's due date for a partial prepayment, the payoff date for a payoff. */
  effectiveDate: BusinessDate;
  /** What the customer pays now; the lines add up to it. */
  totalDueMinor: number;
  lines: SettlementLine[];
  periodChanges: PeriodChange[];
}

export interface PartialPrepaymentSettlement extends SettlementCommon {
  strategy: PartialStrategy;
  quote: PartialPrepaymentQuote;
  /** The plan to store once the money is booked: periods 1…k as paid, then the rebuilt ones. */
  planAfter: InstallmentPlan;
}

export interface PayoffSettlement extends SettlementCommon {
  strategy: 'payoff';
  quote: PayoffQuote;
  accrual: InterestAccrual;
}

export type PrepaymentSettlement = PartialPrepaymentSettlement | PayoffSettlement;

export interface SettlePrepaymentOptions {
  plan: InstallmentPlan;
  request: PrepaymentRequest;
  /** Where the request's fields sit in the caller's input, for the 422's field paths. */
  path?: string;
}

/** Quotes and books a prepayment; INSTALLMENT_PREPAYMENT_INVALID names every field the plan refuses. */
export function settlePrepayment(
  options: SettlePrepaymentOptions & { request: PartialPrepaymentRequest },
): PartialPrepaymentSettlement;
export function settlePrepayment(options: SettlePrepaymentOptions & { request: PayoffRequest }): PayoffSettlement;
export function settlePrepayment(options: SettlePrepaymentOptions): PrepaymentSettlement;
export function settlePrepayment({ plan, request, path = '/body' }: SettlePrepaymentOptions): PrepaymentSettlement {
  assertPlan(plan);
  checkRequest(plan, request, path);
  if (request.strategy === 'payoff') {
    const payoff = payOff({ plan, ...request });
    return {
      strategy: 'payoff',
      paidPeriods: request.paidPeriods,
      effectiveDate: request.payoffDate,
      ...payoff,
      totalDueMinor: payoff.quote.payoffMinor,
    };
  }
  return settlePartial(plan, request);
}

function checkRequest(plan: InstallmentPlan, request: PrepaymentRequest, path: string): void {
  const problems = new FieldProblems();
  const last = lastPeriodOf(plan);
  const k = request.paidPeriods;
  problems.check(
    isIntegerIn(k, 0, last - 1),
    `${path}/paidPeriods`,
    `must be a whole number of periods from 0 to ${last - 1}: at least one period must be left`,
  );
  problems.check(
    isIntegerIn(request.prepayFeeMinor, 0, InstallmentLimits.prepayFeeMinorMax),
    `${path}/prepayFeeMinor`,
    `must be an integer number of 分 from 0 to ${InstallmentLimits.prepayFeeMinorMax}`,
  );
  if (problems.isEmpty && request.strategy !== 'payoff') {
    const balanceMinor = balanceAfterPeriod(plan, k);
    problems.check(
      isIntegerIn(request.prepayMinor, 1, balanceMinor - 1),
      `${path}/prepayMinor`,
      `must be an integer number of 分 above 0 and below the balance of ${balanceMinor} 分 after period ${k}`,
    );
  }
  if (problems.isEmpty && request.strategy === 'payoff') {
    const fromDate = dueDateOfPeriod(plan, k);
    problems.check(
      isBusinessDate(request.payoffDate) && diffDays(fromDate, request.payoffDate) >= 0,
      `${path}/payoffDate`,
      `must be a calendar date YYYY-MM-DD on or after ${fromDate}, the due date of the last paid period`,
    );
  }
  problems.throwIfAny(InstallmentErrors.INSTALLMENT_PREPAYMENT_INVALID);
}

function settlePartial(plan: InstallmentPlan, request: PartialPrepaymentRequest): PartialPrepaymentSettlement {
  const { paidPeriods: k, prepayMinor, prepayFeeMinor, strategy } = request;
  const balanceMinor = balanceAfterPeriod(plan, k) - prepayMinor;
  const { rule, rows } = rebuildSchedule({ plan, paidPeriods: k, balanceMinor, strategy });
  const before = plan.schedule.slice(k);
  const interestSavedMinor = interestOf(before) - interestOf(rows);
  const planAfter: InstallmentPlan = {
    ...plan,
    rule,
    schedule: [...plan.schedule.slice(0, k), ...rows],
    prepayments: [...plan.prepayments, { afterPeriod: k, principalMinor: prepayMinor, strategy }],
  };
  assertPlan(planAfter);
  const lines: SettlementLine[] = [
    { kind: 'principal' as const, period: null, amountMinor: prepayMinor },
    { kind: 'prepay_fee' as const, period: null, amountMinor: prepayFeeMinor },
  ].filter((line) => line.amountMinor > 0);
  return {
    strategy,
    paidPeriods: k,
    effectiveDate: dueDateOfPeriod(plan, k),
    totalDueMinor: prepayMinor + prepayFeeMinor,
    lines,
    periodChanges: changesBetween(before, rows),
    planAfter,
    quote: {
      principalPrepaidMinor: prepayMinor,
      feeMinor: prepayFeeMinor,
      balanceAfterMinor: balanceMinor,
      interestSavedMinor,
      schedule: rows,
    },
  };
}

function interestOf(rows: readonly ScheduleRow[]): number {
  return sumMinor(rows.map((row) => row.interestMinor));
}

/** Every period from k + 1 to the later of the two last periods, as it was and as it becomes. */
function changesBetween(before: readonly ScheduleRow[], after: readonly ScheduleRow[]): PeriodChange[] {
  const first = before[0]?.period;
  assert(first !== undefined && after[0]?.period === first, 'both schedules start at period k + 1');
  const count = Math.max(before.length, after.length);
  return Array.from({ length: count }, (_, index) => ({
    period: first + index,
    before: before[index] ?? null,
    after: after[index] ?? null,
  }));
}
