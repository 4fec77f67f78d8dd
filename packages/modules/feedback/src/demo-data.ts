// Demo feedback for the analysis screens: a few hundred entries in both languages, across the
// categories, ratings, models, warehouses and carriers, from a seeded random source so that the
// same seed always gives the same data (and tests can pin it). The data carries patterns for the
// dashboards to find: one carrier is slower, one refurbished model has more device complaints. The
// seed spreads it over the demo catalog's phones, warehouses and carriers (`dimensions`).
import { addDays, assert, type BusinessDate } from '@zulin/kernel';
import type { Rating } from './analysis/nps';
import type { FeedbackCategory } from './classify/rules';
import { complaints, mildPraise, praise } from './demo-texts';
import { FeedbackLimits } from './limits';

export interface DemoFeedback {
  id: string;
  locale: 'zh-CN' | 'en';
  submittedOn: BusinessDate;
  timing: 'during_rental' | 'after_rental' | 'general';
  anonymous: boolean;
  rating: Rating;
  /** Answer to "是否推荐给他人?", when given. */
  npsScore: number | null;
  phoneQualityScore: number | null;
  serviceQualityScore: number | null;
  text: string;
  /** The category the text was written about; null for praise. What classification should find. */
  writtenAbout: FeedbackCategory | null;
  productId: string;
  model: string;
  warehouseId: string;
  carrier: string;
}

/** mulberry32: a tiny, well-mixed 32-bit generator; plenty for demo data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Pick = <T>(items: readonly T[]) => T;

/** What the demo entries are spread over: the phones, the warehouses and the carriers, and the planted patterns. */
export interface DemoDimensions {
  /** `model` is stored on the entry; `label` is how a customer names the phone in a text. */
  models: readonly { productId: string; model: string; label: string }[];
  warehouses: readonly string[];
  carriers: readonly { code: string; zh: string; en: string }[];
  /** The model whose batch is tired (more device complaints), and the slower carrier (more logistics ones). */
  tiredModel: string;
  slowCarrier: string;
}

/** Made-up phones, warehouses and carriers, for the core's own tests (the seed passes the demo catalog's). */
export const defaultDemoDimensions: DemoDimensions = Object.freeze({
  models: [
    { productId: 'prd_demo_iphone16pro', model: 'iPhone 16 Pro', label: 'iPhone 16 Pro' },
    { productId: 'prd_demo_iphone15', model: 'iPhone 15', label: 'iPhone 15' },
    { productId: 'prd_demo_mate70', model: 'HUAWEI Mate 70', label: 'HUAWEI Mate 70' },
    { productId: 'prd_demo_xiaomi15', model: 'Xiaomi 15', label: 'Xiaomi 15' },
    { productId: 'prd_demo_magic7', model: 'HONOR Magic7', label: 'HONOR Magic7' },
    { productId: 'prd_demo_findx8', model: 'OPPO Find X8', label: 'OPPO Find X8' },
  ],
  warehouses: ['wh_shanghai', 'wh_shenzhen', 'wh_chengdu'],
  carriers: [
    { code: 'SF', zh: '顺丰', en: 'SF Express' },
    { code: 'JD', zh: '京东', en: 'JD Logistics' },
    { code: 'ZTO', zh: '中通', en: 'ZTO' },
  ],
  tiredModel: 'iPhone 15',
  slowCarrier: 'ZTO',
});

function weighted<T>(next: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

function score(next: () => number, min: number, max: number): number {
  return min + Math.floor(next() * (max - min + 1));
}

function complaintCategory(next: () => number, dims: DemoDimensions, model: string, carrier: string): FeedbackCategory {
  // The patterns the dashboards should surface: one carrier is slower, one model's batch is tired.
  return weighted(next, [
    ['device', model === dims.tiredModel ? 50 : 25],
    ['logistics', carrier === dims.slowCarrier ? 45 : 18],
    ['billing', 22],
    ['service', 15],
    ['app', 10],
  ] as const);
}

function textFor(pick: Pick, rating: Rating, locale: 'zh-CN' | 'en', about: FeedbackCategory | null): string {
  if (about === null) return pick(praise[locale]);
  const complaint = pick(complaints[about][locale]);
  return rating === 'neutral' ? `${complaint}${locale === 'en' ? ' ' : ''}${pick(mildPraise[locale])}` : complaint;
}

function npsFor(next: () => number, rating: Rating): number {
  if (rating === 'good') return next() < 0.75 ? score(next, 9, 10) : score(next, 7, 8);
  if (rating === 'neutral') return score(next, 5, 8);
  return score(next, 0, 6);
}

function entry(
  next: () => number,
  index: number,
  startDate: BusinessDate,
  days: number,
  dims: DemoDimensions,
): DemoFeedback {
  const pick: Pick = (items) => items[Math.floor(next() * items.length)]!;
  const locale = next() < 0.7 ? 'zh-CN' : 'en';
  const { productId, model, label } = pick(dims.models);
  const carrier = pick(dims.carriers);
  const rating = weighted<Rating>(next, [
    ['good', 55],
    ['neutral', 20],
    ['bad', 25],
  ] as const);
  const about = rating === 'good' ? null : complaintCategory(next, dims, model, carrier.code);
  const nps = next() < 0.8 ? npsFor(next, rating) : null;
  const text = textFor(pick, rating, locale, about)
    .replaceAll('{model}', label)
    .replaceAll('{carrier}', locale === 'en' ? carrier.en : carrier.zh)
    .replaceAll('{days}', String(score(next, 3, 9)));
  return {
    id: `fb_demo${String(index + 1).padStart(4, '0')}`,
    locale,
    submittedOn: addDays(startDate, score(next, 0, days - 1)),
    timing: about === 'device' && next() < 0.4 ? 'during_rental' : next() < 0.9 ? 'after_rental' : 'general',
    anonymous: next() < 0.3,
    rating,
    npsScore: nps,
    phoneQualityScore: next() < 0.7 ? (about === 'device' ? score(next, 2, 6) : score(next, 7, 10)) : null,
    serviceQualityScore: next() < 0.7 ? (about === 'service' ? score(next, 1, 5) : score(next, 6, 10)) : null,
    text,
    writtenAbout: about,
    productId,
    model,
    warehouseId: pick(dims.warehouses),
    carrier: carrier.code,
  };
}

export function generateDemoFeedback(options: {
  seed: number;
  count: number;
  startDate: BusinessDate;
  /** Entries are spread over this many days from startDate. */
  days: number;
  /** The phones, warehouses and carriers (the seed's: the demo catalog's); made-up ones by default. */
  dimensions?: DemoDimensions;
}): DemoFeedback[] {
  const { count, days } = options;
  const dims = options.dimensions ?? defaultDemoDimensions;
  assert(
    dims.models.length > 0 && dims.warehouses.length > 0 && dims.carriers.length > 0,
    'at least one model, warehouse and carrier',
  );
  assert(
    Number.isSafeInteger(count) && count > 0 && count <= FeedbackLimits.demoEntriesMax,
    'count within demoEntriesMax',
  );
  assert(Number.isSafeInteger(days) && days > 0 && days <= 3660, 'days is 1–3660');
  const next = random(options.seed);
  return Array.from({ length: count }, (_, index) => entry(next, index, options.startDate, days, dims));
}
