// POST /v1/installments/prepay-quote (API.md): the quote's terms plus k and a strategy; answers with
// the quote part of settlePrepayment on the plan those terms build, so it is what an order would book.
import { isBusinessDate } from '@zulin/kernel';
import { buildPlan } from './build-plan';
import { InstallmentErrors } from './errors';
import { FieldProblems, isIntegerIn } from './field-problems';
import { InstallmentLimits } from './limits';
import type { PayoffQuote } from './pay-off';
import { type PartialPrepaymentQuote, type PrepaymentRequest, settlePrepayment } from './settle-prepayment';
import { type PrepaymentStrategy, prepaymentStrategies } from './settlement-types';
import { checkTerms, type InstallmentTermsInput, validateTerms } from './validate-terms';

/** The body of the public prepay calculator. Fields of the other strategy are ignored. */
export interface PrepayQuoteInput extends InstallmentTermsInput {
  paidPeriods: number;
  strategy: PrepaymentStrategy | string;
  prepayMinor?: number | undefined;
  payoffDate?: string | undefined;
  prepayFeeMinor?: number | undefined;
}

export function quotePrepayment(input: PrepayQuoteInput): PartialPrepaymentQuote | PayoffQuote {
  const request = validatePrepayQuoteInput(input);
  const plan = buildPlan(validateTerms(input));
  return settlePrepayment({ plan, request }).quote;
}

/**
 * Checks every field that can be checked without the schedule (terms, k against the term, the
 * strategy's own field, the fee) and names them all in one INSTALLMENT_PREPAYMENT_INVALID; what
 * depends on the schedule (X below B_k, the payoff date) settlePrepayment checks with the same code.
 */
export function validatePrepayQuoteInput(input: PrepayQuoteInput, path = '/body'): PrepaymentRequest {
  const problems = new FieldProblems();
  checkTerms(input, problems, path);
  // k is checked against the term only when the term itself is valid; otherwise against the longest.
  const termValid = isIntegerIn(input.termMonths, 1, InstallmentLimits.termMonthsMax);
  const periodsMax = termValid ? input.termMonths : InstallmentLimits.termMonthsMax;
  problems.check(
    isIntegerIn(input.paidPeriods, 0, periodsMax - 1),
    `${path}/paidPeriods`,
    'must be a whole number of periods from 0 to termMonths − 1',
  );
  problems.check(
    input.prepayFeeMinor === undefined || isIntegerIn(input.prepayFeeMinor, 0, InstallmentLimits.prepayFeeMinorMax),
    `${path}/prepayFeeMinor`,
    `must be an integer number of 分 from 0 to ${InstallmentLimits.prepayFeeMinorMax}`,
  );
  const strategy = input.strategy as PrepaymentStrategy;
  problems.check(
    prepaymentStrategies.includes(strategy),
    `${path}/strategy`,
    `must be one of ${prepaymentStrategies.join(', ')}`,
    'enum',
  );
  if (strategy === 'payoff') {
    problems.check(isBusinessDate(input.payoffDate), `${path}/payoffDate`, 'a payoff needs a date YYYY-MM-DD');
  } else if (strategy === 'reduce_term' || strategy === 'reduce_installment') {
    problems.check(
      isIntegerIn(input.prepayMinor, 1, InstallmentLimits.principalMinorMax),
      `${path}/prepayMinor`,
      'a partial prepayment needs a positive integer number of 分',
    );
  }
  problems.throwIfAny(InstallmentErrors.INSTALLMENT_PREPAYMENT_INVALID);
  const common = { paidPeriods: input.paidPeriods, prepayFeeMinor: input.prepayFeeMinor ?? 0 };
  if (strategy === 'payoff') return { strategy, payoffDate: input.payoffDate as string, ...common };
  return { strategy, prepayMinor: input.prepayMinor as number, ...common };
}
