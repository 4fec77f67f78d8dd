// Penalty interest on an overdue period (DOMAIN §6): daily, on the principal of that period still
// unpaid, at the policy's penalty rate (the cap by default), with actual calendar days.
import {
  assert,
  assertNonNegativeMinor,
  type BusinessDate,
  compareDates,
  Dec,
  diffDays,
  roundHalfUp,
  sumMinor,
} from '@zulin/kernel';
import { InstallmentLimits } from './limits';

const DAYS_PER_YEAR = 365;
const BPS_PER_UNIT = 10_000;

export interface PrincipalPayment {
  date: BusinessDate;
  amountMinor: number;
}

export interface AccruePenaltyOptions {
  dueDate: BusinessDate;
  asOfDate: BusinessDate;
  /** The period's scheduled principal. */
  principalMinor: number;
  /** Payments of this period's principal so far (partial payments), in any order. */
  principalPayments: readonly PrincipalPayment[];
  penaltyAnnualRateBps: number;
}

export interface AccruedPenalty {
  penaltyMinor: number;
  daysPastDue: number;
  /** Σ unpaid principal × days, in 分·days: the exact base the single rounding applies to. */
  principalDaysMinor: number;
}

/**
 * The penalty accrued on a period from its due date to asOfDate: round(Σ unpaid principal × days ×
 * rate / (10000 × 365)), rounded once, half-up. A day counts when the principal is still unpaid at
 * its end: a payment on date t stops the accrual from t on, so a period paid on its due date owes
 * nothing, and one paid the day after owes one day. Computing the whole total each time (rather
 * than adding rounded daily amounts) lets the daily tick post today's total minus what is already
 * posted, and the posted sum always equals this rounding of the exact total.
 */
export function accruePenalty(options: AccruePenaltyOptions): AccruedPenalty {
  const { dueDate, asOfDate, principalMinor, principalPayments, penaltyAnnualRateBps } = options;
  assertNonNegativeMinor(principalMinor, 'principalMinor');
  assert(Number.isSafeInteger(penaltyAnnualRateBps) && penaltyAnnualRateBps >= 0, 'a penalty rate is ≥ 0 bps');
  assert(principalPayments.length <= InstallmentLimits.paymentsPerPeriodMax, 'too many payments on one period');
  const paidMinor = sumMinor(principalPayments.map((payment) => payment.amountMinor));
  assert(paidMinor <= principalMinor, `payments of ${paidMinor} exceed the period's principal ${principalMinor}`);
  const daysPastDue = Math.max(0, diffDays(dueDate, asOfDate));
  const byDate = [...principalPayments].sort((a, b) => compareDates(a.date, b.date));
  let unpaidMinor = principalMinor;
  let cursor = dueDate;
  let principalDaysMinor = 0;
  for (const payment of byDate) {
    assertNonNegativeMinor(payment.amountMinor, 'payment amountMinor');
    if (compareDates(payment.date, asOfDate) > 0) break; // not yet made on asOfDate
    if (compareDates(payment.date, cursor) > 0) {
      principalDaysMinor += unpaidMinor * diffDays(cursor, payment.date);
      cursor = payment.date;
    }
    unpaidMinor -= payment.amountMinor;
  }
  if (compareDates(asOfDate, cursor) > 0) principalDaysMinor += unpaidMinor * diffDays(cursor, asOfDate);
  assert(Number.isSafeInteger(principalDaysMinor), 'principal × days stays a safe integer');
  const penaltyMinor = roundHalfUp(
    new Dec(principalDaysMinor).times(penaltyAnnualRateBps).div(BPS_PER_UNIT * DAYS_PER_YEAR),
  );
  return { penaltyMinor, daysPastDue, principalDaysMinor };
}
