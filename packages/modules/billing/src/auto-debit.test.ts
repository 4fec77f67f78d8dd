// The auto-debit days and notices shared by rent and installment bills: attempt 0 on the due date, then
// one attempt on each retry day (D+1, D+3, D+5 by default) and on no other day; the notice names the
// next retry day, and the last refusal gets its own text. Property: for any set of retry days, walking
// the days from the due date gives exactly one attempt per retry day, numbered in order, and the next
// retry day after attempt n is the day of attempt n + 1.
import { addDays, type BusinessDate } from '@zulin/kernel';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  autoDebitAttemptDue,
  autoDebitFailedNotice,
  autoDebitFailureOf,
  autoDebitReference,
  nextAutoDebitRetryDate,
  parseAutoDebitReference,
} from './auto-debit';

const retryDaysAfterDue = [1, 3, 5];
const dueDate = '2026-05-02' as BusinessDate;

describe('auto-debit days', () => {
  test('due date, D+1, D+3, D+5 — and nothing before, on D+2, D+4 or after D+5', () => {
    const days = Array.from({ length: 9 }, (_, i) => i - 1).map((offset) => [
      offset,
      autoDebitAttemptDue({ dueDate, businessDate: addDays(dueDate, offset), retryDaysAfterDue })?.attempt ?? null,
    ]);
    expect(days).toEqual([
      [-1, null],
      [0, 0],
      [1, 1],
      [2, null],
      [3, 2],
      [4, null],
      [5, 3],
      [6, null],
      [7, null],
    ]);
    expect(nextAutoDebitRetryDate({ dueDate, attempt: 0, retryDaysAfterDue })).toBe('2026-05-03');
    expect(nextAutoDebitRetryDate({ dueDate, attempt: 1, retryDaysAfterDue })).toBe('2026-05-05');
    expect(nextAutoDebitRetryDate({ dueDate, attempt: 2, retryDaysAfterDue })).toBe('2026-05-07');
    expect(nextAutoDebitRetryDate({ dueDate, attempt: 3, retryDaysAfterDue })).toBeNull();
    // Unsorted settings mean the same days.
    expect(autoDebitAttemptDue({ dueDate, businessDate: '2026-05-05', retryDaysAfterDue: [5, 1, 3] })).toEqual({
      attempt: 2,
      daysAfterDue: 3,
    });
  });

  test('references name the bill and the attempt', () => {
    expect(autoDebitReference('bill_01ABC', 2)).toBe('bill_01ABC#2');
    expect(parseAutoDebitReference('bill_01ABC#2')).toEqual({ billId: 'bill_01ABC', attempt: 2 });
    expect(parseAutoDebitReference('bill_01ABC')).toBeNull();
  });

  test('the notice: the retry day while one is left, the final text after the last', () => {
    const bill = { title: '第 2 期分期', outstandingMinor: 53_325, dueDate };
    expect(autoDebitFailedNotice({ bill, attempt: 1, retryDaysAfterDue })).toEqual({
      template: 'bills.auto_debit_failed',
      params: { title: '第 2 期分期', outstandingMinor: 53_325, retryDate: '2026-05-05' },
    });
    expect(autoDebitFailedNotice({ bill, attempt: 3, retryDaysAfterDue })).toEqual({
      template: 'bills.auto_debit_failed_final',
      params: { title: '第 2 期分期', outstandingMinor: 53_325, dueDate },
    });
  });

  test('the failed line follows the newest attempt only', () => {
    const attempt = (n: number, state: string) => ({
      attempt: n,
      paymentId: `pay_${n}`,
      state,
      amountMinor: 100,
      date: addDays(dueDate, [0, 1, 3, 5][n] ?? 0),
      failureReason: null,
    });
    expect(autoDebitFailureOf({ dueDate, attempts: [attempt(0, 'failed')], retryDaysAfterDue })).toEqual({
      attempt: 0,
      failedOn: dueDate,
      nextRetryDate: '2026-05-03',
    });
    expect(
      autoDebitFailureOf({ dueDate, attempts: [attempt(0, 'failed'), attempt(1, 'pending')], retryDaysAfterDue }),
    ).toBeNull();
    expect(autoDebitFailureOf({ dueDate, attempts: [], retryDaysAfterDue })).toBeNull();
  });

  test('property: one attempt per retry day, in order; the next retry day is the next attempt’s day', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 10 }),
        fc.integer({ min: 0, max: 3000 }),
        (retries, shift) => {
          const due = addDays('2026-01-31' as BusinessDate, shift);
          const sorted = [...retries].sort((a, b) => a - b);
          const attempts: { attempt: number; day: BusinessDate }[] = [];
          for (let offset = -3; offset <= 63; offset++) {
            const day = addDays(due, offset);
            const found = autoDebitAttemptDue({ dueDate: due, businessDate: day, retryDaysAfterDue: retries });
            if (found) attempts.push({ attempt: found.attempt, day });
          }
          expect(attempts.map((a) => a.attempt)).toEqual(Array.from({ length: sorted.length + 1 }, (_, i) => i));
          expect(attempts.map((a) => a.day)).toEqual([due, ...sorted.map((d) => addDays(due, d))]);
          for (let n = 0; n <= sorted.length; n++) {
            expect(nextAutoDebitRetryDate({ dueDate: due, attempt: n, retryDaysAfterDue: retries })).toBe(
              attempts[n + 1]?.day ?? null,
            );
          }
        },
      ),
    );
  });
});
