// Early full repayment on any day (DOMAIN §6): the balance after the last paid period, the interest
// accrued on it since that period's due date (actual days / 365), and the prepay fee.
import { assert, type BusinessDate, Dec, diffDays, roundHalfUp, sumMinor } from '@zulin/kernel';
import { balanceAfterPeriod, dueDateOfPeriod } from './plan-state';
import type { PeriodChange, SettlementLine } from './settlement-types';
import type { InstallmentPlan } from './types';

const DAYS_PER_YEAR = 365;
const BPS_PER_UNIT = 10_000;

/** POST /v1/installments/prepay-quote's answer for a payoff (API.md). */
export interface PayoffQuote {
  principalMinor: number;
  accruedInterestMinor: number;
  feeMinor: number;
  payoffMinor: number;
}

/** How the accrued interest was found, for the contract, the receipt and the audit. */
export interface InterestAccrual {
  balanceMinor: number;
  annualRateBps: number;
  fromDate: BusinessDate;
  toDate: BusinessDate;
  days: number;
}

export interface PayoffOptions {
  plan: InstallmentPlan;
  paidPeriods: number;
  payoffDate: BusinessDate;
  prepayFeeMinor: number;
}

export interface Payoff {
  quote: PayoffQuote;
  accrual: InterestAccrual;
  lines: SettlementLine[];
  periodChanges: PeriodChange[];
}

/** round(balance × annualRateBps × days / (10000 × 365)), half-up, in one rounding. */
export function accruedInterestMinor(balanceMinor: number, annualRateBps: number, days: number): number {
  assert(Number.isSafeInteger(days) && days >= 0, `days must be a non-negative integer: ${days}`);
  return roundHalfUp(
    new Dec(balanceMinor)
      .times(annualRateBps)
      .times(days)
      .div(BPS_PER_UNIT * DAYS_PER_YEAR),
  );
}

/**
 * The payoff of a validated request (payoffDate on or after the last paid due date). Future interest
 * and future per-period fees are not owed. A period whose due date is already behind the payoff date
 * is in arrears: its interest is inside the accrual (which runs over all the days), and its fee was
 * earned, so it is owed with the payoff; a period due on the payoff date itself is not in arrears.
 */
export function payOff({ plan, paidPeriods, payoffDate, prepayFeeMinor }: PayoffOptions): Payoff {
  const balanceMinor = balanceAfterPeriod(plan, paidPeriods);
  const fromDate = dueDateOfPeriod(plan, paidPeriods);
  const days = diffDays(fromDate, payoffDate);
  assert(days >= 0, 'a payoff date is on or after the last paid due date');
  const interestMinor = accruedInterestMinor(balanceMinor, plan.terms.annualRateBps, days);
  const open = plan.schedule.slice(paidPeriods);
  const inArrears = open.filter((row) => diffDays(row.dueDate, payoffDate) > 0);
  const periodFeesMinor = sumMinor(inArrears.map((row) => row.feeMinor));
  const feeMinor = prepayFeeMinor + periodFeesMinor;
  const payoffMinor = balanceMinor + interestMinor + feeMinor;
  const lines: SettlementLine[] = [
    ...open.map((row) => ({ kind: 'principal' as const, period: row.period, amountMinor: row.principalMinor })),
    { kind: 'interest', period: null, amountMinor: interestMinor },
    ...inArrears.map((row) => ({ kind: 'period_fee' as const, period: row.period, amountMinor: row.feeMinor })),
    { kind: 'prepay_fee', period: null, amountMinor: prepayFeeMinor },
  ];
  const paying = lines.filter((line) => line.amountMinor > 0);
  assert(sumMinor(paying.map((line) => line.amountMinor)) === payoffMinor, 'the lines add up to the payoff');
  return {
    quote: { principalMinor: balanceMinor, accruedInterestMinor: interestMinor, feeMinor, payoffMinor },
    accrual: { balanceMinor, annualRateBps: plan.terms.annualRateBps, fromDate, toDate: payoffDate, days },
    lines: paying,
    periodChanges: open.map((row) => ({ period: row.period, before: row, after: null })),
  };
}
