// Feedback grouped for the analysis dashboard: by period (day, ISO week, month), product, unit
// model, warehouse or carrier. The caller reads plain rows (phase 2: one query joining feedback to
// orders, units and shipments); everything here is arithmetic on them.
import { addDays, assert, type BusinessDate, diffDays, isBusinessDate } from '@zulin/kernel';
import type { FeedbackCategory } from '../classify/rules';
import { FeedbackLimits } from '../limits';
import { computeNps, type NpsResult, type Rating, type RatingShares, ratingShares } from './nps';

export interface AnalysisRow {
  feedbackId: string;
  /** The business date the feedback was submitted. */
  submittedOn: BusinessDate;
  rating: Rating | null;
  /** The answer to the NPS question, when given. */
  npsScore: number | null;
  category: FeedbackCategory | null;
  productId: string | null;
  model: string | null;
  warehouseId: string | null;
  carrier: string | null;
  orderId: string | null;
}

export type GroupBy = 'day' | 'week' | 'month' | 'product' | 'model' | 'warehouse' | 'carrier' | 'category';

export interface FeedbackGroup {
  /** `2025-03-10`, `2025-W11`, `2025-03`, or the product/model/warehouse/carrier/category; `(none)` when missing. */
  key: string;
  feedbacks: number;
  ratings: RatingShares;
  nps: NpsResult;
  /** Up to 20 feedback ids, for the drill-down link (the full list is a query in phase 2). */
  sampleFeedbackIds: string[];
}

export const noGroupKey = '(none)';
const sampleIdsMax = 20;

function dayNumber(date: BusinessDate): number {
  return diffDays('1970-01-01', date);
}

/** ISO 8601 week of a date, e.g. 2025-01-01 → `2025-W01`, 2024-12-30 → `2025-W01`, 2021-01-03 → `2020-W53`. */
export function isoWeekOf(date: BusinessDate): string {
  assert(isBusinessDate(date), `a business date: ${date}`);
  const day = dayNumber(date);
  // Day 0 (1970-01-01) was a Thursday; ISO weekday 1 = Monday … 7 = Sunday.
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  const thursday = day + 4 - weekday;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  // The week's Thursday decides its year; week 1 is the one holding the year's first Thursday.
  const week = Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The first and last day of a period key (`2025-03-10`, `2025-W11`, `2025-03`): the drill-down's range. */
export function periodRange(
  key: string,
  by: 'day' | 'week' | 'month',
): { fromDate: BusinessDate; toDate: BusinessDate } {
  if (by === 'day') {
    assert(isBusinessDate(key), `a day key: ${key}`);
    return { fromDate: key, toDate: key };
  }
  if (by === 'month') {
    const fromDate = `${key}-01`;
    assert(/^\d{4}-\d{2}$/.test(key) && isBusinessDate(fromDate), `a month key: ${key}`);
    const [year, month] = key.split('-').map(Number) as [number, number];
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    return { fromDate, toDate: addDays(next, -1) };
  }
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  assert(match !== null, `a week key: ${key}`);
  // Week 1 is the week holding 4 January; weeks start on Monday.
  const january4 = dayNumber(`${match[1]}-01-04`);
  const weekday = ((((january4 + 3) % 7) + 7) % 7) + 1;
  const monday = addDays('1970-01-01', january4 - (weekday - 1) + 7 * (Number(match[2]) - 1));
  assert(isoWeekOf(monday) === key, `a week that exists: ${key}`);
  return { fromDate: monday, toDate: addDays(monday, 6) };
}

function keyOf(row: AnalysisRow, by: GroupBy): string {
  switch (by) {
    case 'day':
      return row.submittedOn;
    case 'week':
      return isoWeekOf(row.submittedOn);
    case 'month':
      return row.submittedOn.slice(0, 7);
    case 'product':
      return row.productId ?? noGroupKey;
    case 'model':
      return row.model ?? noGroupKey;
    case 'warehouse':
      return row.warehouseId ?? noGroupKey;
    case 'carrier':
      return row.carrier ?? noGroupKey;
    case 'category':
      return row.category ?? noGroupKey;
  }
}

/** Groups rows by `by`; groups come sorted by key (so periods are in time order). */
export function groupFeedback(rows: readonly AnalysisRow[], by: GroupBy): FeedbackGroup[] {
  assert(rows.length <= FeedbackLimits.analysisRowsMax, 'at most analysisRowsMax rows');
  const buckets = new Map<string, AnalysisRow[]>();
  for (const row of rows) {
    const key = keyOf(row, by);
    const bucket = buckets.get(key);
    if (bucket === undefined) {
      assert(buckets.size < FeedbackLimits.analysisGroupsMax, 'at most analysisGroupsMax groups');
      buckets.set(key, [row]);
    } else bucket.push(row);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, bucket]) => ({
      key,
      feedbacks: bucket.length,
      ratings: ratingShares(bucket.flatMap((r) => (r.rating === null ? [] : [r.rating]))),
      nps: computeNps(bucket.flatMap((r) => (r.npsScore === null ? [] : [r.npsScore]))),
      sampleFeedbackIds: bucket.slice(0, sampleIdsMax).map((r) => r.feedbackId),
    }));
}
