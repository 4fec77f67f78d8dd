// The analysis dashboard's data: feedback ratings, NPS, categories, the breakdowns by product, model,
// warehouse and carrier, and top words; ticket and chat volume with SLA attainment and chat ratings;
// and the CSV export of the feedback behind them.
import { useQuery } from '@tanstack/react-query';
import type { paths } from '@zulin/sdk';
import { saveBlob } from '@zulin/web';
import { api } from './api';
import { unwrap } from './ledger-api';

export type FeedbackAnalysis =
  paths['/v1/admin/feedback/analysis']['get']['responses'][200]['content']['application/json'];
export type BreakdownBy = keyof FeedbackAnalysis['breakdowns'];
export type ExportQuery = NonNullable<paths['/v1/admin/feedback/export.csv']['get']['parameters']['query']>;

/** The dashboard over `range` (the server's last 180 days when a bound is left out). */
export function useFeedbackAnalysis(
  period: 'week' | 'month',
  locale: 'zh-CN' | 'en',
  range: { from?: string; to?: string },
) {
  return useQuery({
    queryKey: ['admin', 'feedback', 'analysis', period, locale, range.from ?? null, range.to ?? null],
    queryFn: () =>
      unwrap(api.GET('/v1/admin/feedback/analysis', { params: { query: { period, words: 30, locale, ...range } } })),
  });
}

export function useSupportStats() {
  return useQuery({
    queryKey: ['admin', 'support', 'stats'],
    queryFn: () => unwrap(api.GET('/v1/admin/support/stats')),
  });
}

/**
 * The CSV needs the bearer token: fetched through the client and handed to the browser as a blob.
 * Without a range (the queue's filters may leave it out) the server's last 180 days, named so.
 */
export async function downloadFeedbackCsv(query: ExportQuery): Promise<void> {
  const blob = await unwrap(api.GET('/v1/admin/feedback/export.csv', { params: { query }, parseAs: 'blob' }));
  const range = query.from && query.to ? `${query.from}-${query.to}` : 'latest';
  saveBlob(blob as Blob, `zulin-feedback-${range}.csv`);
}
