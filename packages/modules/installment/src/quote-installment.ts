// POST /v1/installments/quote (API.md): the schedule of a plan with its totals and its IRR-based
// annual rates (DOMAIN §6, PBOC 〔2021〕 No. 3), in exactly the public shape.
import { assert, monthlyIrrRates, sumMinor } from '@zulin/kernel';
import { buildPlan } from './build-plan';
import type { InstallmentPlan, ScheduleRow } from './types';
import { type InstallmentTermsInput, validateTerms } from './validate-terms';

export interface InstallmentQuote {
  currency: 'CNY';
  principalMinor: number;
  totalInterestMinor: number;
  totalFeeMinor: number;
  totalPaymentMinor: number;
  aprSimpleBps: number;
  aprCompoundBps: number;
  schedule: ScheduleRow[];
}

export interface DisclosedRates {
  aprSimpleBps: number;
  aprCompoundBps: number;
}

/**
 * The annual rates of what the customer actually receives and pays: the monthly IRR of −received at
 * the start and +payment each period (fees included), as 12 × IRR and (1 + IRR)^12 − 1.
 */
export function discloseRates(receivedMinor: number, schedule: readonly ScheduleRow[]): DisclosedRates {
  assert(Number.isSafeInteger(receivedMinor) && receivedMinor > 0, `receivedMinor must be positive: ${receivedMinor}`);
  assert(schedule.length >= 1, 'a schedule has at least one period');
  const { aprSimpleBps, aprCompoundBps } = monthlyIrrRates([
    -receivedMinor,
    ...schedule.map((row) => row.paymentMinor),
  ]);
  return { aprSimpleBps, aprCompoundBps };
}

/** The public quote of a plan that has had no prepayment. */
export function summarizePlan(plan: InstallmentPlan): InstallmentQuote {
  assert(plan.prepayments.length === 0, 'a quote describes a plan as it was offered');
  const { schedule } = plan;
  const totalInterestMinor = sumMinor(schedule.map((row) => row.interestMinor));
  const totalFeeMinor = sumMinor(schedule.map((row) => row.feeMinor));
  const totalPaymentMinor = sumMinor(schedule.map((row) => row.paymentMinor));
  assert(
    totalPaymentMinor === plan.terms.principalMinor + totalInterestMinor + totalFeeMinor,
    'the payments are the principal plus interest plus fees',
  );
  return {
    currency: 'CNY',
    principalMinor: plan.terms.principalMinor,
    totalInterestMinor,
    totalFeeMinor,
    totalPaymentMinor,
    ...discloseRates(plan.terms.principalMinor, schedule),
    schedule,
  };
}

/** Validates the body of the public calculator and quotes it; INSTALLMENT_TERMS_INVALID names every bad field. */
export function quoteInstallment(input: InstallmentTermsInput): InstallmentQuote {
  return summarizePlan(buildPlan(validateTerms(input)));
}
