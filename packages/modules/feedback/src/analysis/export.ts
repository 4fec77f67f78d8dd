// The analysis screens' CSV downloads, with headers in the staff member's language. Shares are
// written as percentages with two decimals from their basis points (exact: 3334 bps → 33.34).
import type { Locale } from '@zulin/support';
import type { FeedbackCategory } from '../classify/rules';
import type { FeedbackSource } from '../feedback-source';
import { type CsvCell, toCsv } from './csv';
import type { AnalysisRow, FeedbackGroup, GroupBy } from './group';
import type { Rating } from './nps';

const groupHeaders: Record<Locale, Record<GroupBy, string>> = {
  'zh-CN': {
    day: '日期',
    week: '周',
    month: '月份',
    product: '商品',
    model: '机型',
    warehouse: '仓库',
    carrier: '承运商',
    category: '分类',
  },
  en: {
    day: 'Date',
    week: 'Week',
    month: 'Month',
    product: 'Product',
    model: 'Model',
    warehouse: 'Warehouse',
    carrier: 'Carrier',
    category: 'Category',
  },
};

const columns: Record<Locale, readonly string[]> = {
  'zh-CN': ['反馈数', '好评', '中评', '差评', '好评率%', '差评率%', 'NPS 答题数', 'NPS'],
  en: ['Feedbacks', 'Good', 'Neutral', 'Bad', 'Good %', 'Bad %', 'NPS responses', 'NPS'],
};

function percent(bps: number): string {
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0')}`;
}

export function groupsCsv(groups: readonly FeedbackGroup[], by: GroupBy, locale: Locale): string {
  const rows: CsvCell[][] = groups.map((g) => [
    g.key,
    g.feedbacks,
    g.ratings.counts.good,
    g.ratings.counts.neutral,
    g.ratings.counts.bad,
    g.ratings.total === 0 ? null : percent(g.ratings.sharesBps.good),
    g.ratings.total === 0 ? null : percent(g.ratings.sharesBps.bad),
    g.nps.responses,
    g.nps.nps,
  ]);
  return toCsv([groupHeaders[locale][by], ...columns[locale]], rows);
}

const rowHeaders: Record<Locale, readonly string[]> = {
  'zh-CN': ['反馈编号', '提交日期', '评价', 'NPS', '分类', '订单', '商品', '机型', '仓库', '承运商', '来源', '内容'],
  en: [
    'Feedback',
    'Submitted',
    'Rating',
    'NPS',
    'Category',
    'Order',
    'Product',
    'Model',
    'Warehouse',
    'Carrier',
    'Source',
    'Text',
  ],
};

/** Ratings and categories as the console words them. */
const ratingLabels: Record<Locale, Record<Rating, string>> = {
  'zh-CN': { good: '满意', neutral: '一般', bad: '不满意' },
  en: { good: 'Good', neutral: 'Okay', bad: 'Bad' },
};
/** Where an entry was sent from, as the console's detail words it. */
const sourceLabels: Record<Locale, Record<FeedbackSource, string>> = {
  'zh-CN': { form: '反馈表单', error_screen: 'App 出错页' },
  en: { form: 'Feedback form', error_screen: 'App error screen' },
};
const categoryLabels: Record<Locale, Record<FeedbackCategory, string>> = {
  'zh-CN': { device: '设备', logistics: '物流', billing: '账单', service: '服务', app: 'App' },
  en: { device: 'Device', logistics: 'Logistics', billing: 'Billing', service: 'Service', app: 'App' },
};

/** How the ids of a line are named in the file (the product's and warehouse's names, the carrier's); ids by default. */
export interface CsvNames {
  product(productId: string): string;
  warehouse(warehouseId: string): string;
  carrier(code: string): string;
}

const asIs: CsvNames = { product: (id) => id, warehouse: (id) => id, carrier: (code) => code };

/** A line of the feedback download: the analysis' row, where it was sent from and the text. */
export type FeedbackCsvRow = AnalysisRow & { source: FeedbackSource; text: string };

/**
 * One line per feedback, for the drill-down download. `text` is what the customer wrote — the cell
 * most likely to start with "=" — and goes through the same formula guard as every cell. Rows of
 * anonymous feedback must come with `orderId: null` and their text masked (the caller builds them
 * as the handler view does).
 */
export function feedbackRowsCsv(rows: readonly FeedbackCsvRow[], locale: Locale, names: CsvNames = asIs): string {
  return toCsv(
    rowHeaders[locale],
    rows.map((r) => [
      r.feedbackId,
      r.submittedOn,
      r.rating === null ? null : ratingLabels[locale][r.rating],
      r.npsScore,
      r.category === null ? null : categoryLabels[locale][r.category],
      r.orderId,
      r.productId === null ? null : names.product(r.productId),
      r.model,
      r.warehouseId === null ? null : names.warehouse(r.warehouseId),
      r.carrier === null ? null : names.carrier(r.carrier),
      sourceLabels[locale][r.source],
      r.text,
    ]),
  );
}
