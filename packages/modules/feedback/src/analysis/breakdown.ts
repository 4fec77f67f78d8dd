// Feedback broken down by the phone and its journey — product, unit model, warehouse, carrier — for
// the analysis dashboard (seed 001 "分析反馈数据与租赁订单的关联"): each group's count, rating shares, NPS
// and its most frequent categories, the largest groups first. Bounded for the screen: the first
// `groupsMax` groups, the rest folded into one "others" line. Entries that do not name the dimension
// (general feedback without an order, an order not shipped yet) are counted apart, not as a group.
import { assert } from '@zulin/kernel';
import { type FeedbackCategory, feedbackCategories } from '../classify/rules';
import { FeedbackLimits } from '../limits';
import type { AnalysisRow } from './group';
import { computeNps, type NpsResult, type RatingShares, ratingShares } from './nps';

export const breakdownDimensions = ['product', 'model', 'warehouse', 'carrier'] as const;
export type BreakdownBy = (typeof breakdownDimensions)[number];

export interface CategoryCount {
  category: FeedbackCategory;
  feedbacks: number;
}

export interface BreakdownFigures {
  feedbacks: number;
  ratings: RatingShares;
  nps: NpsResult;
  /** The most frequent categories, most first (ties in the categories' order); uncategorised left out. */
  topCategories: CategoryCount[];
}

export interface BreakdownGroup extends BreakdownFigures {
  /** The product id, the model, the warehouse id or the carrier code: what the queue filters by. */
  key: string;
}

export interface Breakdown {
  by: BreakdownBy;
  /** Largest first (then by key), at most `groupsMax`. */
  groups: BreakdownGroup[];
  /** The groups beyond `groupsMax`, folded together; null when there are none. */
  others: (BreakdownFigures & { groups: number }) | null;
  /** Entries that do not name the dimension. */
  unknown: number;
}

function dimensionOf(row: AnalysisRow, by: BreakdownBy): string | null {
  switch (by) {
    case 'product':
      return row.productId;
    case 'model':
      return row.model;
    case 'warehouse':
      return row.warehouseId;
    case 'carrier':
      return row.carrier;
  }
}

function figuresOf(rows: readonly AnalysisRow[], categoriesMax: number): BreakdownFigures {
  const counts = new Map<FeedbackCategory, number>();
  for (const row of rows) if (row.category !== null) counts.set(row.category, (counts.get(row.category) ?? 0) + 1);
  const topCategories = feedbackCategories
    .flatMap((category) => {
      const feedbacks = counts.get(category) ?? 0;
      return feedbacks === 0 ? [] : [{ category, feedbacks }];
    })
    // A stable sort: equal counts keep the categories' own order.
    .sort((a, b) => b.feedbacks - a.feedbacks)
    .slice(0, categoriesMax);
  return {
    feedbacks: rows.length,
    ratings: ratingShares(rows.flatMap((r) => (r.rating === null ? [] : [r.rating]))),
    nps: computeNps(rows.flatMap((r) => (r.npsScore === null ? [] : [r.npsScore]))),
    topCategories,
  };
}

export function breakdownFeedback(
  rows: readonly AnalysisRow[],
  by: BreakdownBy,
  options: { groupsMax?: number; categoriesMax?: number } = {},
): Breakdown {
  const groupsMax = options.groupsMax ?? FeedbackLimits.breakdownGroupsMax;
  const categoriesMax = options.categoriesMax ?? FeedbackLimits.breakdownCategoriesMax;
  assert(rows.length <= FeedbackLimits.analysisRowsMax, 'at most analysisRowsMax rows');
  assert(Number.isSafeInteger(groupsMax) && groupsMax >= 1, 'groupsMax is a positive integer');
  const buckets = new Map<string, AnalysisRow[]>();
  let unknown = 0;
  for (const row of rows) {
    const key = dimensionOf(row, by);
    if (key === null) {
      unknown += 1;
      continue;
    }
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [row]);
    else bucket.push(row);
  }
  const sorted = [...buckets.entries()].sort(([ka, a], [kb, b]) =>
    a.length !== b.length ? b.length - a.length : ka < kb ? -1 : ka > kb ? 1 : 0,
  );
  const rest = sorted.slice(groupsMax);
  return {
    by,
    groups: sorted.slice(0, groupsMax).map(([key, bucket]) => ({ key, ...figuresOf(bucket, categoriesMax) })),
    others:
      rest.length === 0
        ? null
        : {
            groups: rest.length,
            ...figuresOf(
              rest.flatMap(([, bucket]) => bucket),
              categoriesMax,
            ),
          },
    unknown,
  };
}
