import { isAppError } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { type PrepayQuoteInput, validatePrepayQuoteInput } from './quote-prepayment';

// The prepay calculator's own checks (POST /v1/installments/prepay-quote), pinned without the API so
// that the mutation run's pure tests judge them (issue #19, run of 2026-12-03): k below the term,
// and the amount a partial prepayment needs.
const input = (o: Partial<PrepayQuoteInput>): PrepayQuoteInput => ({
  principalMinor: 600_000,
  termMonths: 12,
  annualRateBps: 1200,
  method: 'equal_installment',
  startDate: '2026-01-15',
  paidPeriods: 3,
  strategy: 'reduce_term',
  prepayMinor: 100_000,
  ...o,
});

function problemPaths(o: Partial<PrepayQuoteInput>): string[] {
  try {
    validatePrepayQuoteInput(input(o));
  } catch (error) {
    if (isAppError(error) && error.code === 'INSTALLMENT_PREPAYMENT_INVALID') return error.errors.map((e) => e.path);
    throw error;
  }
  return [];
}

describe('the prepay calculator at its edges', () => {
  test('k = termMonths − 1 (11 of 12) is a quote, k = 12 and 13 are refused at paidPeriods (quote-prepayment 40: `periodsMax - 1` → `+ 1`)', () => {
    expect(problemPaths({ paidPeriods: 11 })).toEqual([]);
    expect(validatePrepayQuoteInput(input({ paidPeriods: 11 }))).toEqual({
      strategy: 'reduce_term',
      prepayMinor: 100_000,
      paidPeriods: 11,
      prepayFeeMinor: 0,
    });
    expect(problemPaths({ paidPeriods: 12 })).toEqual(['/body/paidPeriods']);
    expect(problemPaths({ paidPeriods: 13 })).toEqual(['/body/paidPeriods']);
  });

  test('both partial strategies need 1 分 or more: missing or 0 is refused at prepayMinor (quote-prepayment 58: the `reduce_term || reduce_installment` branch)', () => {
    for (const strategy of ['reduce_term', 'reduce_installment'] as const) {
      expect(problemPaths({ strategy, prepayMinor: 1 })).toEqual([]);
      expect(problemPaths({ strategy, prepayMinor: 0 })).toEqual(['/body/prepayMinor']);
      expect(problemPaths({ strategy, prepayMinor: undefined })).toEqual(['/body/prepayMinor']);
    }
    // A payoff needs no amount, only its date.
    expect(problemPaths({ strategy: 'payoff', prepayMinor: undefined, payoffDate: '2026-05-01' })).toEqual([]);
    expect(problemPaths({ strategy: 'payoff', prepayMinor: undefined })).toEqual(['/body/payoffDate']);
  });

  test('an unknown strategy is refused at strategy with the field code enum (quote-prepayment 54: the code emptied)', () => {
    expect(() => validatePrepayQuoteInput(input({ strategy: 'reduce_both' }))).toThrow(
      expect.objectContaining({
        code: 'INSTALLMENT_PREPAYMENT_INVALID',
        errors: [expect.objectContaining({ path: '/body/strategy', code: 'enum' })],
      }),
    );
  });
});

describe('the prepay calculator names each refusal in words (the field messages the API returns)', () => {
  const fieldErrors = (o: Partial<PrepayQuoteInput>) => {
    try {
      validatePrepayQuoteInput(input(o));
    } catch (error) {
      if (isAppError(error) && error.code === 'INSTALLMENT_PREPAYMENT_INVALID') return error.errors;
      throw error;
    }
    return [];
  };

  test('k, the fee, the strategy, the payoff date and a partial amount each have their own message (quote-prepayment 43–63: the texts emptied)', () => {
    expect(fieldErrors({ paidPeriods: 12, prepayFeeMinor: 100_000_001 })).toEqual([
      {
        path: '/body/paidPeriods',
        message: 'must be a whole number of periods from 0 to termMonths − 1',
        code: 'invalid',
      },
      { path: '/body/prepayFeeMinor', message: 'must be an integer number of 分 from 0 to 100000000', code: 'invalid' },
    ]);
    expect(fieldErrors({ strategy: 'reduce_both' })).toEqual([
      { path: '/body/strategy', message: 'must be one of reduce_term, reduce_installment, payoff', code: 'enum' },
    ]);
    expect(fieldErrors({ strategy: 'payoff', payoffDate: '2026-02-30' })).toEqual([
      { path: '/body/payoffDate', message: 'a payoff needs a date YYYY-MM-DD', code: 'invalid' },
    ]);
    expect(fieldErrors({ strategy: 'reduce_installment', prepayMinor: 0 })).toEqual([
      {
        path: '/body/prepayMinor',
        message: 'a partial prepayment needs a positive integer number of 分',
        code: 'invalid',
      },
    ]);
  });

  test('a fee of exactly 100000000 分 is accepted, 100000001 and −1 are refused', () => {
    expect(fieldErrors({ prepayFeeMinor: 100_000_000 })).toEqual([]);
    expect(fieldErrors({ prepayFeeMinor: -1 }).map((e) => e.path)).toEqual(['/body/prepayFeeMinor']);
  });
});
