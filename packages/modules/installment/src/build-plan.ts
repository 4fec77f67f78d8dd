// The original schedule of a plan (DOMAIN §6): 等额本息, 等额本金, rate 0 and the per-period fee plan.
import { assert, Dec, mulRoundHalfUp, sumMinor } from '@zulin/kernel';
import { amortize, levelPaymentMinor, levelPrincipalMinor, monthlyRateOf } from './amortize';
import type { AmortizationRule, InstallmentPlan, InstallmentTerms } from './types';

const BPS_PER_UNIT = 10_000;

/**
 * The rule for a balance over some periods: 等额本息 with interest pays a level M; 等额本金 and any
 * plan at rate 0 repay a level principal round(B/n) ("at rate 0 both methods give the same schedule").
 */
export function ruleFor(terms: InstallmentTerms, balanceMinor: number, periods: number): AmortizationRule {
  if (terms.method === 'equal_installment' && terms.annualRateBps > 0) {
    return {
      kind: 'level_payment',
      installmentMinor: levelPaymentMinor(balanceMinor, monthlyRateOf(terms.annualRateBps), periods),
    };
  }
  return { kind: 'level_principal', principalPerPeriodMinor: levelPrincipalMinor(balanceMinor, periods) };
}

/** The fee every period pays: round(P × fee rate), on the original principal, for the whole plan. */
export function periodFeeOf(terms: InstallmentTerms): number {
  return mulRoundHalfUp(terms.principalMinor, new Dec(terms.feeRateBpsPerPeriod).div(BPS_PER_UNIT));
}

/** Builds the plan of validated terms: periods 1…n from the start date, the last absorbing the residue. */
export function buildPlan(terms: InstallmentTerms): InstallmentPlan {
  const rule = ruleFor(terms, terms.principalMinor, terms.termMonths);
  const periodFeeMinor = periodFeeOf(terms);
  const schedule = amortize({
    startDate: terms.startDate,
    monthlyRate: monthlyRateOf(terms.annualRateBps),
    openingBalanceMinor: terms.principalMinor,
    firstPeriod: 1,
    lastPeriod: terms.termMonths,
    rule,
    periodFeeMinor,
  });
  assert(schedule.length === terms.termMonths, 'one row per month of the term');
  assert(
    sumMinor(schedule.map((row) => row.principalMinor)) === terms.principalMinor,
    'the principals add up to the principal',
  );
  return { terms, rule, periodFeeMinor, schedule, prepayments: [] };
}
