import { describe, expect, it } from 'vitest';
import { nextAutoDebitRetryDate } from './due-timers';
import { defaultRentalTimers, parseRentalTimers } from './timers';

describe('the next auto-debit retry after a refused attempt', () => {
  it('follows D+1, D+3, D+5 from the due date, then none', () => {
    const dueDate = '2027-02-28';
    const next = (attempt: number) => nextAutoDebitRetryDate({ dueDate, attempt, timers: defaultRentalTimers });
    expect([0, 1, 2, 3].map(next)).toEqual(['2027-03-01', '2027-03-03', '2027-03-05', null]);
  });
  it('reads the operator’s retry days, in order, across a month end', () => {
    const timers = parseRentalTimers({ autoDebitRetryDaysAfterDue: [10, 2] });
    expect(nextAutoDebitRetryDate({ dueDate: '2027-01-31', attempt: 0, timers })).toBe('2027-02-02');
    expect(nextAutoDebitRetryDate({ dueDate: '2027-01-31', attempt: 1, timers })).toBe('2027-02-10');
    expect(nextAutoDebitRetryDate({ dueDate: '2027-01-31', attempt: 2, timers })).toBeNull();
  });
});
