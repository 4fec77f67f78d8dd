// The rate cap as an operator setting (DOMAIN §6, issue #15): no offer's annualised rate may exceed
// `capMultiple` × the one-year LPR (贷款市场报价利率, published by the PBOC every month). Kept the one
// way (identity's auditedSettings, catalog_settings under `rate_cap`): kernel's defaultRateCapRule
// (4 × 3.00 % = 12.00 %) while nothing is stored, each change checked, audited with before/after and
// announced (`catalog.rate_cap_changed`).
//
// Catalog owns it because it owns offers; the installment module reads it through catalog's index
// (`readRateCap`) to refuse orders on an offer above it and to bound the penalty rate. Lowering the
// cap under an active offer is allowed: the offer stays (an operator edits or retires it), customers
// no longer see it and it can no longer be ordered, and the settings view lists it. Orders placed
// earlier keep the terms they were placed with.
import type { Executor } from '@zulin/db';
import { auditedSettings, type SettingsMeta, type StaffPrincipal } from '@zulin/identity';
import { defaultRateCapRule, offerAnnualisedRates, type RateCapRule, rateCapBpsOf } from '@zulin/kernel';
import { and, asc, count, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { CatalogErrors } from './errors';
import { CatalogLimits } from './limits';
import { readSkuProducts } from './read-sku-names';
import { catalogInstallmentOffers } from './schema';

const L = CatalogLimits;

/** The JSON Schema of the rate cap, for the console's form and the settings API. */
export const rateCapSchema = Type.Object(
  {
    lprBps: Type.Integer({
      minimum: 1,
      maximum: L.rateCapLprBpsMax,
      description: 'the one-year loan prime rate (LPR) in basis points: 3.45 % is 345',
    }),
    capMultiple: Type.Integer({
      minimum: 1,
      maximum: L.rateCapMultipleMax,
      description: 'the cap on any offer’s annualised rate is this many times the LPR',
    }),
  },
  { additionalProperties: false },
);

/** A rate in basis points as a percentage with two decimals: 1380 → "13.80". */
export function percentOfBps(bps: number): string {
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0')}`;
}

/**
 * Checks a rate cap from outside and names every bad field (CATALOG_RATE_CAP_INVALID): whole numbers
 * in range, and the cap they make at most 100 % a year. Missing fields take their default.
 */
export function parseRateCap(input: unknown): RateCapRule {
  const merged = typeof input === 'object' && input !== null ? { ...defaultRateCapRule, ...input } : input;
  const errors = Value.Errors(rateCapSchema, merged).map((e) => ({
    path: `/body${e.instancePath}`,
    message: e.message,
    code: 'invalid',
  }));
  if (errors.length === 0) {
    const rule = merged as RateCapRule;
    const capBps = rateCapBpsOf(rule);
    if (capBps > L.rateCapBpsMax) {
      errors.push({
        path: '/body/capMultiple',
        message: `${rule.capMultiple} × LPR ${percentOfBps(rule.lprBps)} % is a cap of ${percentOfBps(capBps)} %; the cap may be at most ${percentOfBps(L.rateCapBpsMax)} %`,
        code: 'cap_too_high',
      });
    }
  }
  if (errors.length > 0) {
    throw CatalogErrors.CATALOG_RATE_CAP_INVALID({ detail: `${errors.length} field(s) are not valid.`, errors });
  }
  const { lprBps, capMultiple } = merged as RateCapRule;
  return { lprBps, capMultiple };
}

export const installmentRateCap = auditedSettings<RateCapRule>({
  table: 'catalog_settings',
  key: 'rate_cap',
  defaults: defaultRateCapRule,
  parse: parseRateCap,
  auditAction: 'catalog.rate_cap_changed',
  eventType: 'catalog.rate_cap_changed',
});

/** The rate cap in force: the LPR, the multiple and the cap they make, in basis points. */
export interface RateCap extends RateCapRule {
  capBps: number;
}

function capOf(rule: RateCapRule): RateCap {
  return { lprBps: rule.lprBps, capMultiple: rule.capMultiple, capBps: rateCapBpsOf(rule) };
}

/**
 * The rate cap in force, read when it is needed (offer saving, order placing, the penalty rate's
 * check) and in the caller's transaction when there is one. A writer that acts on it reads it with
 * `guard: true`: a change of the cap then waits for that writer's transaction, and the writer waits
 * for a change under way — an offer saved at the instant the cap is lowered is checked against the
 * new cap, and the change's list of offers above the cap includes it.
 */
export async function readRateCap(db: Executor, options?: { guard?: boolean }): Promise<RateCap> {
  return capOf((await installmentRateCap.read(db, options)).value);
}

/** An active offer whose annualised rate is above the cap: not shown to customers, not orderable. */
export interface OfferAboveCap {
  offerId: string;
  skuId: string;
  productId: string;
  /** "苹果 iPhone 15 Pro 256GB 黑色钛金属" */
  skuName: string;
  termMonths: number;
  aprSimpleBps: number;
}

/**
 * The active offers above a cap: their number, and the first `offersAboveCapListed` by product. Offers
 * share a handful of pricings (term, rate, fee, method), so the annualised rate is computed once per
 * pricing, not once per offer (the seed alone has thousands of offers).
 */
export async function offersAboveCap(db: Executor, capBps: number): Promise<{ total: number; data: OfferAboveCap[] }> {
  const o = catalogInstallmentOffers;
  const pricings = await db
    .select({
      termMonths: o.termMonths,
      annualRateBps: o.annualRateBps,
      feeRateBpsPerPeriod: o.feeRateBpsPerPeriod,
      method: o.method,
      n: count(),
    })
    .from(o)
    .where(eq(o.active, true))
    .groupBy(o.termMonths, o.annualRateBps, o.feeRateBpsPerPeriod, o.method);
  const above = pricings
    .map((p) => ({ ...p, aprSimpleBps: offerAnnualisedRates(p).aprSimpleBps }))
    .filter((p) => p.aprSimpleBps > capBps);
  const total = above.reduce((sum, p) => sum + Number(p.n), 0);
  const rows: (Omit<OfferAboveCap, 'offerId' | 'productId' | 'skuName'> & { id: string })[] = [];
  for (const p of above) {
    if (rows.length >= L.offersAboveCapListed) break;
    const offers = await db
      .select({ id: o.id, skuId: o.skuId, termMonths: o.termMonths })
      .from(o)
      .where(
        and(
          eq(o.active, true),
          eq(o.termMonths, p.termMonths),
          eq(o.annualRateBps, p.annualRateBps),
          eq(o.feeRateBpsPerPeriod, p.feeRateBpsPerPeriod),
          eq(o.method, p.method),
        ),
      )
      .orderBy(asc(o.id))
      .limit(L.offersAboveCapListed - rows.length);
    rows.push(...offers.map((offer) => ({ ...offer, aprSimpleBps: p.aprSimpleBps })));
  }
  const products = await readSkuProducts(db, [...new Set(rows.map((r) => r.skuId))]);
  const data = rows.map((r) => {
    const sku = products.get(r.skuId);
    return {
      offerId: r.id,
      skuId: r.skuId,
      productId: sku?.productId ?? '',
      skuName: sku?.skuName ?? r.skuId,
      termMonths: r.termMonths,
      aprSimpleBps: r.aprSimpleBps,
    };
  });
  data.sort((a, b) => a.skuName.localeCompare(b.skuName, 'zh-CN') || a.termMonths - b.termMonths);
  return { total, data };
}

/** What the settings routes answer: the rule, the cap it makes, the offers above it, and who changed it. */
export async function presentRateCap(
  db: Executor,
  stored: { value: RateCapRule; updatedBy: string | null; updatedAt: Date | null },
) {
  const meta: SettingsMeta<RateCapRule> = await installmentRateCap.present(db, stored);
  const cap = capOf(stored.value);
  return {
    rateCap: stored.value,
    capBps: cap.capBps,
    offersAboveCap: await offersAboveCap(db, cap.capBps),
    ...meta,
  };
}

/** Changes the rate cap (checked, audited, announced) in the caller's transaction; answers the new view. */
export async function saveRateCap(tx: Executor, options: { input: unknown; staff: StaffPrincipal; now: Date }) {
  const saved = await installmentRateCap.save(tx, options);
  return presentRateCap(tx, saved);
}
