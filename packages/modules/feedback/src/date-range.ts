// The submission dates the analysis, the queue's drill-down and the CSV export read: business dates
// (`YYYY-MM-DD` in the operator's time zone), `from` through `to` inclusive. The route schemas check
// the pattern, which lets 2026-02-30 through: a date that does not exist, or a `from` after `to`, is
// refused with FEEDBACK_ANALYSIS_RANGE_INVALID, never a 500.
import { addDays, type BusinessDate, isBusinessDate } from '@zulin/kernel';
import { Type } from 'typebox';
import { FeedbackErrors } from './errors';
import { FeedbackLimits } from './limits';

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });

/** Checks `from` and `to` as given (either may be absent). */
export function checkDates(query: { from?: string | undefined; to?: string | undefined }): void {
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !isBusinessDate(value)) {
      throw FeedbackErrors.FEEDBACK_ANALYSIS_RANGE_INVALID({
        errors: [{ path: `/query/${field}`, message: 'Not a calendar date' }],
      });
    }
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw FeedbackErrors.FEEDBACK_ANALYSIS_RANGE_INVALID({
      errors: [{ path: '/query/from', message: 'from is after to' }],
    });
  }
}

/** The range asked for, through today and over the last `analysisDefaultDays` days by default. */
export function analysisRange(
  query: { from?: string | undefined; to?: string | undefined },
  today: BusinessDate,
): { fromDate: BusinessDate; toDate: BusinessDate } {
  checkDates(query);
  const toDate = query.to ?? today;
  const fromDate = query.from ?? addDays(toDate, -(FeedbackLimits.analysisDefaultDays - 1));
  checkDates({ from: fromDate, to: toDate });
  return { fromDate, toDate };
}
