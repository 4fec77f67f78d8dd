// Checks the terms of a plan as they arrive at the public calculator (API.md) or from an offer, and
// names every invalid field at once.
import { compareDates, isBusinessDate } from '@zulin/kernel';
import { InstallmentErrors } from './errors';
import { FieldProblems, isIntegerIn } from './field-problems';
import { InstallmentLimits } from './limits';
import { type InstallmentMethod, type InstallmentTerms, installmentMethods } from './types';

/** The body of POST /v1/installments/quote. `feeRateBpsPerPeriod` defaults to 0. */
export interface InstallmentTermsInput {
  principalMinor: number;
  termMonths: number;
  annualRateBps: number;
  method: InstallmentMethod | string;
  feeRateBpsPerPeriod?: number | undefined;
  startDate: string;
}

/** Adds a problem for every invalid field of `input` under `path` (a JSON pointer, e.g. `/body`). */
export function checkTerms(input: InstallmentTermsInput, problems: FieldProblems, path = '/body'): void {
  const L = InstallmentLimits;
  problems.check(
    isIntegerIn(input.principalMinor, 1, L.principalMinorMax),
    `${path}/principalMinor`,
    `must be an integer number of 分 from 1 to ${L.principalMinorMax}`,
  );
  problems.check(
    isIntegerIn(input.termMonths, L.termMonthsMin, L.termMonthsMax),
    `${path}/termMonths`,
    `must be a whole number of months from ${L.termMonthsMin} to ${L.termMonthsMax}`,
  );
  problems.check(
    isIntegerIn(input.annualRateBps, 0, L.annualRateBpsMax),
    `${path}/annualRateBps`,
    `must be an integer of basis points from 0 to ${L.annualRateBpsMax}`,
  );
  problems.check(
    input.feeRateBpsPerPeriod === undefined || isIntegerIn(input.feeRateBpsPerPeriod, 0, L.feeRateBpsPerPeriodMax),
    `${path}/feeRateBpsPerPeriod`,
    `must be an integer of basis points from 0 to ${L.feeRateBpsPerPeriodMax}`,
  );
  problems.check(
    (installmentMethods as readonly string[]).includes(input.method),
    `${path}/method`,
    `must be one of ${installmentMethods.join(', ')}`,
    'enum',
  );
  problems.check(
    isBusinessDate(input.startDate) && compareDates(input.startDate, L.startDateLatest) <= 0,
    `${path}/startDate`,
    `must be a calendar date YYYY-MM-DD no later than ${L.startDateLatest}`,
  );
}

/** The terms, checked; throws INSTALLMENT_TERMS_INVALID listing every invalid field. */
export function validateTerms(input: InstallmentTermsInput, path = '/body'): InstallmentTerms {
  const problems = new FieldProblems();
  checkTerms(input, problems, path);
  problems.throwIfAny(InstallmentErrors.INSTALLMENT_TERMS_INVALID);
  return {
    principalMinor: input.principalMinor,
    termMonths: input.termMonths,
    annualRateBps: input.annualRateBps,
    method: input.method as InstallmentMethod,
    feeRateBpsPerPeriod: input.feeRateBpsPerPeriod ?? 0,
    startDate: input.startDate,
  };
}
