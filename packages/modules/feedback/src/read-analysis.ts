// The analysis dashboard's read: feedback of a date range as the core's analysis rows, grouped by
// period (each with its first and last day, for the drill-down) and by category with rating shares
// and NPS, broken down by product, unit model, warehouse and carrier (named: product and warehouse
// names, carriers as logistics names them), and the most frequent meaningful Chinese words (jieba,
// stop words removed). Anonymous entries count like the others; nothing here names anyone.
import { readProductNames } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { listWarehouses } from '@zulin/inventory';
import { assert, type BusinessDate, compareDates, isBusinessDate } from '@zulin/kernel';
import { carrierName } from '@zulin/logistics';
import type { Locale } from '@zulin/support';
import { and, desc, gte, lte } from 'drizzle-orm';
import { type Breakdown, type BreakdownBy, breakdownDimensions, breakdownFeedback } from './analysis/breakdown';
import { type AnalysisRow, groupFeedback, periodRange } from './analysis/group';
import { computeNps, ratingShares } from './analysis/nps';
import { FeedbackLimits } from './limits';
import { feedbackEntries } from './schema';
import { topWords } from './word-frequency';

/** Each group's key named: product and warehouse names, carriers in `locale`, the model as stored. */
async function namedBreakdowns(db: Executor, rows: readonly AnalysisRow[], locale: Locale) {
  const breakdowns = Object.fromEntries(breakdownDimensions.map((by) => [by, breakdownFeedback(rows, by)])) as Record<
    BreakdownBy,
    Breakdown
  >;
  const productNames = await readProductNames(
    db,
    breakdowns.product.groups.map((g) => g.key),
  );
  const warehouseNames = new Map((await listWarehouses(db)).map((w) => [w.id, w.name]));
  const nameOf: Record<BreakdownBy, (key: string) => string> = {
    product: (key) => productNames.get(key) ?? key,
    model: (key) => key,
    warehouse: (key) => warehouseNames.get(key) ?? key,
    carrier: (key) => carrierName(key, locale),
  };
  return Object.fromEntries(
    breakdownDimensions.map((by) => {
      const b = breakdowns[by];
      return [by, { ...b, groups: b.groups.map((g) => ({ ...g, name: nameOf[by](g.key) })) }];
    }),
  ) as Record<BreakdownBy, Breakdown & { groups: (Breakdown['groups'][number] & { name: string })[] }>;
}

export async function readFeedbackAnalysis(
  db: Executor,
  options: {
    fromDate: BusinessDate;
    toDate: BusinessDate;
    period: 'week' | 'month';
    topWords: number;
    /** The language carriers are named in. */
    locale?: Locale;
  },
) {
  assert(isBusinessDate(options.fromDate) && isBusinessDate(options.toDate), 'dates checked by the route');
  const rows = await db
    .select({
      id: feedbackEntries.id,
      submittedOn: feedbackEntries.submittedOn,
      rating: feedbackEntries.rating,
      npsScore: feedbackEntries.npsScore,
      category: feedbackEntries.category,
      autoCategory: feedbackEntries.autoCategory,
      productId: feedbackEntries.productId,
      model: feedbackEntries.model,
      warehouseId: feedbackEntries.warehouseId,
      carrier: feedbackEntries.carrier,
      orderId: feedbackEntries.orderId,
      text: feedbackEntries.text,
    })
    .from(feedbackEntries)
    .where(and(gte(feedbackEntries.submittedOn, options.fromDate), lte(feedbackEntries.submittedOn, options.toDate)))
    .orderBy(desc(feedbackEntries.submittedOn), desc(feedbackEntries.id))
    .limit(FeedbackLimits.analysisReadRowsMax + 1);
  // A range beyond the bound is answered for its newest rows (the recent weeks matter most) and says
  // so; the analysis reads them oldest first.
  const truncated = rows.length > FeedbackLimits.analysisReadRowsMax;
  const kept = (truncated ? rows.slice(0, FeedbackLimits.analysisReadRowsMax) : rows).reverse();
  const analysisRows: AnalysisRow[] = kept.map((r) => ({
    feedbackId: r.id,
    submittedOn: r.submittedOn as BusinessDate,
    rating: r.rating,
    npsScore: r.npsScore,
    // A handler's correction counts over what classification found.
    category: r.category ?? r.autoCategory,
    productId: r.productId,
    model: r.model,
    warehouseId: r.warehouseId,
    carrier: r.carrier,
    orderId: r.orderId,
  }));
  return {
    fromDate: options.fromDate,
    toDate: options.toDate,
    feedbacks: analysisRows.length,
    truncated,
    ratings: ratingShares(analysisRows.flatMap((r) => (r.rating === null ? [] : [r.rating]))),
    nps: computeNps(analysisRows.flatMap((r) => (r.npsScore === null ? [] : [r.npsScore]))),
    // Each period with the days it covers within the range: the queue's from/to for its drill-down.
    byPeriod: groupFeedback(analysisRows, options.period).map((g) => {
      const range = periodRange(g.key, options.period);
      return {
        ...g,
        fromDate: compareDates(range.fromDate, options.fromDate) < 0 ? options.fromDate : range.fromDate,
        toDate: compareDates(range.toDate, options.toDate) > 0 ? options.toDate : range.toDate,
      };
    }),
    byCategory: groupFeedback(analysisRows, 'category'),
    breakdowns: await namedBreakdowns(db, analysisRows, options.locale ?? 'zh-CN'),
    topWords: topWords({ texts: kept.map((r) => r.text), limit: options.topWords }),
  };
}
