// The feedback of a date range (and of the queue's filters, a drill-down's) as one CSV file for a
// spreadsheet (issue #16): the core's columns (analysis/export.ts: UTF-8 with a byte-order mark so
// Excel reads Chinese, CRLF, formula cells neutralised), one line per entry, oldest first; products,
// warehouses and carriers by name, and where each was sent from (the form or the app's error screen). An anonymous entry is written as its handler view shows it: no
// order, the contact details typed into the text masked — and no column names a customer at all.
// Bounded like the dashboard: a range holding more than `exportRowsMax` entries is refused with
// FEEDBACK_EXPORT_TOO_LARGE rather than cut short (a file that silently lacks rows misleads).
import { readProductNames } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { listWarehouses } from '@zulin/inventory';
import type { BusinessDate } from '@zulin/kernel';
import { carrierName } from '@zulin/logistics';
import type { Locale } from '@zulin/support';
import { and, asc } from 'drizzle-orm';
import { type FeedbackCsvRow, feedbackRowsCsv } from './analysis/export';
import { FeedbackErrors } from './errors';
import { feedbackFilters, matchesWord, type QueueQuery } from './feedback-entries';
import { maskContactDetails } from './handler-view';
import { FeedbackLimits } from './limits';
import { feedbackEntries } from './schema';

export type ExportFilters = Omit<QueueQuery, 'limit' | 'cursor' | 'from' | 'to'> & {
  from: BusinessDate;
  to: BusinessDate;
};

export async function exportFeedbackCsv(
  db: Executor,
  options: { filters: ExportFilters; locale: Locale },
): Promise<{ csv: string; rows: number }> {
  const rows = await db
    .select({
      id: feedbackEntries.id,
      anonymous: feedbackEntries.anonymous,
      orderId: feedbackEntries.orderId,
      submittedOn: feedbackEntries.submittedOn,
      rating: feedbackEntries.rating,
      npsScore: feedbackEntries.npsScore,
      category: feedbackEntries.category,
      autoCategory: feedbackEntries.autoCategory,
      productId: feedbackEntries.productId,
      model: feedbackEntries.model,
      warehouseId: feedbackEntries.warehouseId,
      carrier: feedbackEntries.carrier,
      source: feedbackEntries.source,
      text: feedbackEntries.text,
    })
    .from(feedbackEntries)
    .where(and(...feedbackFilters(options.filters)))
    .orderBy(asc(feedbackEntries.submittedAt), asc(feedbackEntries.id))
    .limit(FeedbackLimits.exportRowsMax + 1);
  if (rows.length > FeedbackLimits.exportRowsMax) {
    throw FeedbackErrors.FEEDBACK_EXPORT_TOO_LARGE({
      detail: `${options.filters.from} to ${options.filters.to} holds more than ${FeedbackLimits.exportRowsMax} feedback entries with these filters; choose a shorter range or narrow the filters.`,
    });
  }
  const kept = rows.filter((r) => matchesWord(r, options.filters.word));
  const productNames = await readProductNames(db, [
    ...new Set(kept.flatMap((r) => (r.productId === null ? [] : [r.productId]))),
  ]);
  const warehouseNames = new Map((await listWarehouses(db)).map((w) => [w.id, w.name]));
  const lines: FeedbackCsvRow[] = kept.map((r) => ({
    feedbackId: r.id,
    submittedOn: r.submittedOn as BusinessDate,
    rating: r.rating,
    npsScore: r.npsScore,
    // A handler's correction counts over what classification found, as on the dashboard.
    category: r.category ?? r.autoCategory,
    // An anonymous entry names no order: it stores none in clear, and the file says so again.
    orderId: r.anonymous ? null : r.orderId,
    productId: r.productId,
    model: r.model,
    warehouseId: r.warehouseId,
    carrier: r.carrier,
    source: r.source,
    text: r.anonymous ? maskContactDetails(r.text) : r.text,
  }));
  return {
    csv: feedbackRowsCsv(lines, options.locale, {
      product: (id) => productNames.get(id) ?? id,
      warehouse: (id) => warehouseNames.get(id) ?? id,
      carrier: (code) => carrierName(code, options.locale),
    }),
    rows: lines.length,
  };
}
