// The one loop that lays out periods (DOMAIN §6), used by the original schedule and by every rebuild
// after a prepayment, so that both round the same way.
import {
  assert,
  assertNonNegativeMinor,
  type BusinessDate,
  Dec,
  type Decimal,
  monthlyDueDate,
  mulRoundHalfUp,
  roundHalfUp,
} from '@zulin/kernel';
import { InstallmentLimits } from './limits';
import type { AmortizationRule, ScheduleRow } from './types';

const MONTHS_PER_YEAR = 12;
const BPS_PER_UNIT = 10_000;

/** The monthly rate r = annual rate / 12, exactly (1200 bps → 0.01). */
export function monthlyRateOf(annualRateBps: number): Decimal {
  return new Dec(annualRateBps).div(BPS_PER_UNIT * MONTHS_PER_YEAR);
}

/** M = B·r·(1+r)^n / ((1+r)^n − 1), rounded half-up to 分; at r = 0 the level payment is round(B/n). */
export function levelPaymentMinor(balanceMinor: number, monthlyRate: Decimal, periods: number): number {
  assertNonNegativeMinor(balanceMinor, 'balanceMinor');
  assert(Number.isInteger(periods) && periods >= 1, `periods must be a positive integer: ${periods}`);
  if (monthlyRate.isZero()) return roundHalfUp(new Dec(balanceMinor).div(periods));
  const growth = monthlyRate.plus(1).pow(periods);
  return roundHalfUp(new Dec(balanceMinor).times(monthlyRate).times(growth).div(growth.minus(1)));
}

/** round(B/n) half-up: the level principal of 等额本金 and of every plan at rate 0. */
export function levelPrincipalMinor(balanceMinor: number, periods: number): number {
  assertNonNegativeMinor(balanceMinor, 'balanceMinor');
  assert(Number.isInteger(periods) && periods >= 1, `periods must be a positive integer: ${periods}`);
  return roundHalfUp(new Dec(balanceMinor).div(periods));
}

export interface AmortizeOptions {
  /** The plan's start date: period j falls due j months after it, on its day (clamped to month end). */
  startDate: BusinessDate;
  monthlyRate: Decimal;
  /** The balance before `firstPeriod`. */
  openingBalanceMinor: number;
  firstPeriod: number;
  /** The period that repays whatever is left. */
  lastPeriod: number;
  rule: AmortizationRule;
  periodFeeMinor: number;
}

/**
 * Periods firstPeriod…lastPeriod. Each pays interest round(balance·r) on the balance before it; its
 * principal is M − interest (level payment) or p (level principal), never more than the balance; the
 * last period repays the whole remaining balance, so the principals add up to the opening balance.
 */
export function amortize(options: AmortizeOptions): ScheduleRow[] {
  const { startDate, monthlyRate, openingBalanceMinor, firstPeriod, lastPeriod, rule, periodFeeMinor } = options;
  assertNonNegativeMinor(openingBalanceMinor, 'openingBalanceMinor');
  assertNonNegativeMinor(periodFeeMinor, 'periodFeeMinor');
  assert(Number.isInteger(firstPeriod) && firstPeriod >= 1, `firstPeriod must be 1 or more: ${firstPeriod}`);
  assert(lastPeriod >= firstPeriod, `lastPeriod ${lastPeriod} must not precede firstPeriod ${firstPeriod}`);
  assert(lastPeriod <= InstallmentLimits.termMonthsMax, `lastPeriod must be at most the longest term: ${lastPeriod}`);
  const rows: ScheduleRow[] = [];
  let balanceMinor = openingBalanceMinor;
  for (let period = firstPeriod; period <= lastPeriod; period++) {
    const interestMinor = mulRoundHalfUp(balanceMinor, monthlyRate);
    const principalMinor = period === lastPeriod ? balanceMinor : regularPrincipal(rule, interestMinor, balanceMinor);
    balanceMinor -= principalMinor;
    rows.push({
      period,
      dueDate: monthlyDueDate(startDate, period),
      principalMinor,
      interestMinor,
      feeMinor: periodFeeMinor,
      paymentMinor: principalMinor + interestMinor + periodFeeMinor,
      balanceAfterMinor: balanceMinor,
    });
  }
  assert(balanceMinor === 0, 'the last period repays the whole balance');
  return rows;
}

function regularPrincipal(rule: AmortizationRule, interestMinor: number, balanceMinor: number): number {
  const dueMinor = rule.kind === 'level_payment' ? rule.installmentMinor - interestMinor : rule.principalPerPeriodMinor;
  // A level payment always covers its interest: M ≥ round(B₀·r) ≥ round(B·r) for every later B ≤ B₀.
  assert(dueMinor >= 0, `the installment must cover the interest: ${dueMinor}`);
  return Math.min(dueMinor, balanceMinor);
}
