// The shapes the installment module's HTTP API answers with (API.md fixes the calculators' fields
// exactly), and the request bodies of the public calculators.
import { Type } from 'typebox';
import { InstallmentLimits } from './limits';
import { installmentMethods, type ScheduleRow } from './types';

const Minor = (description = 'integer minor units (分)') => Type.Integer({ description });
const DateString = Type.String({ format: 'date' });
const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));

export const ScheduleRowSchema = Type.Object(
  {
    period: Type.Integer({ description: '1-based period' }),
    dueDate: DateString,
    principalMinor: Minor(),
    interestMinor: Minor(),
    feeMinor: Minor(),
    paymentMinor: Minor('principal + interest + fee of the period'),
    balanceAfterMinor: Minor('principal still owed after the period'),
  },
  { $id: 'InstallmentScheduleRow', title: 'InstallmentScheduleRow' },
);
const Row = Type.Unsafe<ScheduleRow>({ $ref: 'InstallmentScheduleRow#' });

export const InstallmentQuoteSchema = Type.Object(
  {
    aprSimpleBps: Type.Integer({
      description: 'the annualised rate, shown first: 12 × the monthly IRR of the cash flows, in bps (half-up)',
    }),
    aprCompoundBps: Type.Integer({ description: '(1 + monthly IRR)^12 − 1, in bps (half-up)' }),
    currency: Type.Literal('CNY'),
    principalMinor: Minor('the amount financed'),
    totalInterestMinor: Minor(),
    totalFeeMinor: Minor(),
    totalPaymentMinor: Minor('principal + interest + fees'),
    schedule: Type.Array(Row),
  },
  { $id: 'InstallmentQuote', title: 'InstallmentQuote' },
);

export const PartialPrepayQuoteSchema = Type.Object(
  {
    principalPrepaidMinor: Minor('X, the principal repaid now'),
    feeMinor: Minor('the prepay fee, charged on top of X'),
    balanceAfterMinor: Minor("B' = B_k − X"),
    interestSavedMinor: Minor("the old schedule's interest for periods k + 1 onward minus the new one's"),
    schedule: Type.Array(Row, { description: 'periods k + 1 onward, rebuilt' }),
  },
  { $id: 'InstallmentPartialPrepayQuote', title: 'InstallmentPartialPrepayQuote' },
);

export const PayoffQuoteSchema = Type.Object(
  {
    principalMinor: Minor('the balance after the last paid period'),
    accruedInterestMinor: Minor('interest from the last paid due date (or the start) to the payoff date'),
    feeMinor: Minor('the prepay fee'),
    payoffMinor: Minor('everything owed to close the plan that day'),
  },
  { $id: 'InstallmentPayoffQuote', title: 'InstallmentPayoffQuote' },
);

/**
 * Numbers are typed as numbers, not integers, so that the engine — not the schema — refuses a
 * fractional amount, with INSTALLMENT_TERMS_INVALID naming every bad field at once.
 */
export const TermsBody = {
  principalMinor: Type.Number({ description: 'the amount financed, 分 (1 to 100,000,000)' }),
  termMonths: Type.Number({ description: `1 to ${InstallmentLimits.termMonthsMax}` }),
  annualRateBps: Type.Number({ description: 'the nominal annual rate in basis points (0 = interest free)' }),
  method: literals(installmentMethods),
  feeRateBpsPerPeriod: Type.Optional(Type.Number({ description: 'a fee of round(P × rate) every period; default 0' })),
  startDate: Type.String({ maxLength: 10, description: 'YYYY-MM-DD; due dates keep its day of the month' }),
};

export const PrepayFields = {
  strategy: literals(['reduce_term', 'reduce_installment', 'payoff'] as const),
  prepayMinor: Type.Optional(Type.Number({ description: 'X, for reduce_term and reduce_installment' })),
  payoffDate: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD, for payoff' })),
  prepayFeeMinor: Type.Optional(Type.Number({ description: 'default 0' })),
};
