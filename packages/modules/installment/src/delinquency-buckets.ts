// Delinquency buckets (issue #15): configured ranges of days past due, the base for collections and
// for the overdue report. The ranges are sorted, contiguous and end open, so that every overdue
// order falls in exactly one bucket and none in a gap that no report would show.
import { assert, type BusinessDate, diffDays } from '@zulin/kernel';
import { type FieldProblems, isIntegerIn } from './field-problems';
import { InstallmentLimits } from './limits';

export interface DelinquencyBucket {
  /** A short stable name, e.g. M1. */
  code: string;
  /** First day past due in the bucket (1 = the day after the due date). */
  minDays: number;
  /** Last day past due in the bucket; null for the last, open-ended one. */
  maxDays: number | null;
}

/** The industry's M1–M3 and M3+ (逾期 1–30, 31–60, 61–90, 90+ 天). */
export const defaultDelinquencyBuckets: readonly DelinquencyBucket[] = Object.freeze([
  { code: 'M1', minDays: 1, maxDays: 30 },
  { code: 'M2', minDays: 31, maxDays: 60 },
  { code: 'M3', minDays: 61, maxDays: 90 },
  { code: 'M3+', minDays: 91, maxDays: null },
]);

const CODE_PATTERN = /^[A-Za-z0-9+_-]+$/;

/**
 * Adds a problem for each rule a bucket list breaks: 1 to 12 buckets; unique codes; the first starts
 * on day 1 or later; each later one starts the day after the previous ends (which also rules out
 * overlaps and gaps); every bounded range ends on or after its start; only the last is open-ended.
 */
export function checkBuckets(buckets: readonly DelinquencyBucket[], problems: FieldProblems, path: string): void {
  const L = InstallmentLimits;
  if (buckets.length < 1 || buckets.length > L.delinquencyBucketsMax) {
    problems.add(path, `must list 1 to ${L.delinquencyBucketsMax} buckets`);
    return;
  }
  const seen = new Set<string>();
  for (const [index, bucket] of buckets.entries()) {
    const at = `${path}/${index}`;
    const isLast = index === buckets.length - 1;
    const validCode = bucket.code.length <= L.bucketCodeLengthMax && CODE_PATTERN.test(bucket.code);
    problems.check(validCode, `${at}/code`, `must be 1–${L.bucketCodeLengthMax} letters, digits, +, _ or -`);
    problems.check(!seen.has(bucket.code), `${at}/code`, 'must differ from the other buckets’ codes', 'duplicate');
    seen.add(bucket.code);
    const previous = index === 0 ? undefined : buckets[index - 1];
    if (previous === undefined) {
      problems.check(
        isIntegerIn(bucket.minDays, 1, L.bucketDaysMax),
        `${at}/minDays`,
        `must be 1 to ${L.bucketDaysMax}`,
      );
    } else if (typeof previous.maxDays === 'number') {
      // An open-ended or invalid previous bucket already has its own problem; nothing to compare with.
      const expectedMin = previous.maxDays + 1;
      problems.check(
        bucket.minDays === expectedMin,
        `${at}/minDays`,
        `must be ${expectedMin}, the day after the previous bucket ends: buckets are sorted, without gaps or overlaps`,
        'contiguous',
      );
    }
    if (isLast) {
      problems.check(bucket.maxDays === null, `${at}/maxDays`, 'the last bucket must be open-ended (null)');
    } else {
      problems.check(
        isIntegerIn(bucket.maxDays, bucket.minDays, L.bucketDaysMax),
        `${at}/maxDays`,
        `must be from minDays to ${L.bucketDaysMax}`,
      );
    }
  }
}

/** Days past due of an order on a date: days since its oldest unpaid due date, 0 when not yet late. */
export function daysPastDue(oldestUnpaidDueDate: BusinessDate | null, asOfDate: BusinessDate): number {
  if (oldestUnpaidDueDate === null) return 0;
  return Math.max(0, diffDays(oldestUnpaidDueDate, asOfDate));
}

/** The bucket of a number of days past due; null while it is below the first bucket (current). */
export function bucketFor(buckets: readonly DelinquencyBucket[], days: number): DelinquencyBucket | null {
  assert(Number.isSafeInteger(days) && days >= 0, `days past due must be a non-negative integer: ${days}`);
  for (const bucket of buckets) {
    if (days >= bucket.minDays && (bucket.maxDays === null || days <= bucket.maxDays)) return bucket;
  }
  const first = buckets[0];
  assert(first !== undefined && days < first.minDays, 'validated buckets leave no gap after the first');
  return null;
}
