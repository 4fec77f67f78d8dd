// The analysis dashboard's read: feedback of a date range as the core's analysis rows, grouped by
// period and by category with rating shares and NPS, and the most frequent meaningful Chinese words
// (jieba, stop words removed). Anonymous entries count like the others; nothing here names anyone.
import type { Executor } from '@zulin/db';
import { assert, type BusinessDate, isBusinessDate } from '@zulin/kernel';
import { and, desc, gte, lte } from 'drizzle-orm';
import { type AnalysisRow, groupFeedback } from './analysis/group';
import { computeNps, ratingShares } from './analysis/nps';
import { FeedbackLimits } from './limits';
import { feedbackEntries } from './schema';
import { topWords } from './word-frequency';

export async function readFeedbackAnalysis(
  db: Executor,
  options: { fromDate: BusinessDate; toDate: BusinessDate; period: 'week' | 'month'; topWords: number },
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
    byPeriod: groupFeedback(analysisRows, options.period),
    byCategory: groupFeedback(analysisRows, 'category'),
    topWords: topWords({ texts: kept.map((r) => r.text), limit: options.topWords }),
  };
}
