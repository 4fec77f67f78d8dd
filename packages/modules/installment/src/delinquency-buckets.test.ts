import { describe, expect, test } from 'vitest';
import {
  bucketFor,
  checkBuckets,
  type DelinquencyBucket,
  daysPastDue,
  defaultDelinquencyBuckets,
} from './delinquency-buckets';
import { FieldProblems } from './field-problems';

function problemsOf(buckets: DelinquencyBucket[]) {
  const problems = new FieldProblems();
  checkBuckets(buckets, problems, '/body/delinquencyBuckets');
  return problems.errors.map((e) => e.path);
}

describe('delinquency buckets', () => {
  test('the defaults are M1 1–30, M2 31–60, M3 61–90 and M3+ from 91, and are valid', () => {
    expect(problemsOf([...defaultDelinquencyBuckets])).toEqual([]);
    const codeOf = (days: number) => bucketFor(defaultDelinquencyBuckets, days)?.code ?? 'current';
    expect([0, 1, 30, 31, 60, 61, 90, 91, 5000].map(codeOf)).toEqual([
      'current',
      'M1',
      'M1',
      'M2',
      'M2',
      'M3',
      'M3',
      'M3+',
      'M3+',
    ]);
  });

  test('days past due count from the oldest unpaid due date; 0 when nothing is late', () => {
    expect(daysPastDue(null, '2026-03-01')).toBe(0);
    expect(daysPastDue('2026-02-15', '2026-02-10')).toBe(0);
    expect(daysPastDue('2026-02-15', '2026-02-15')).toBe(0);
    expect(daysPastDue('2026-02-15', '2026-02-16')).toBe(1);
    expect(daysPastDue('2026-01-31', '2026-03-02')).toBe(30);
  });

  test('ranges may not overlap, leave a gap, come out of order, or end before the last', () => {
    const path = (i: number, field: string) => `/body/delinquencyBuckets/${i}/${field}`;
    // Overlap: 25 is inside 1–30.
    expect(
      problemsOf([
        { code: 'A', minDays: 1, maxDays: 30 },
        { code: 'B', minDays: 25, maxDays: 60 },
        { code: 'C', minDays: 61, maxDays: null },
      ]),
    ).toEqual([path(1, 'minDays')]);
    // Gap: days 31–39 would be in no bucket.
    expect(
      problemsOf([
        { code: 'A', minDays: 1, maxDays: 30 },
        { code: 'B', minDays: 40, maxDays: null },
      ]),
    ).toEqual([path(1, 'minDays')]);
    // Out of order.
    expect(
      problemsOf([
        { code: 'B', minDays: 31, maxDays: 60 },
        { code: 'A', minDays: 1, maxDays: 30 },
        { code: 'C', minDays: 61, maxDays: null },
      ]),
    ).toEqual([path(1, 'minDays'), path(2, 'minDays')]);
    // The last bounded, a middle one open-ended, a range ending before it starts, a duplicate code, day 0.
    expect(
      problemsOf([
        { code: 'A', minDays: 0, maxDays: 30 },
        { code: 'A', minDays: 31, maxDays: null },
        { code: 'C', minDays: 61, maxDays: 50 },
      ]),
    ).toEqual([path(0, 'minDays'), path(1, 'code'), path(1, 'maxDays'), path(2, 'maxDays')]);
    expect(problemsOf([])).toEqual(['/body/delinquencyBuckets']);
  });

  test('one open bucket from day 1 is enough', () => {
    const single = [{ code: 'late', minDays: 1, maxDays: null }];
    expect(problemsOf(single)).toEqual([]);
    expect(bucketFor(single, 400)?.code).toBe('late');
  });
});
