// The rate cap as an operator setting (DOMAIN §6, issue #15): no offer's annualised rate may exceed
// `capMultiple` × the one-year LPR (贷款市场报价利率, published by the PBOC every month). Each change is
// kept (catalog_rate_caps, never changed or deleted) with the business date from which it is in force —
// today or a later day, never the past, so a new LPR is entered when it is published and takes effect
// on its day; kernel's defaultRateCapRule (4 × 3.00 % = 12.00 %) before any change. Each change is
// checked, audited with the cap it replaces on that day and announced (`catalog.rate_cap_changed`).
// Whoever reads the cap reads the one in force at its own instant (readRateCap's `at`).
//
// Catalog owns it because it owns offers; the installment module reads it through catalog's index
// (`readRateCap`) to refuse orders on an offer above it and to bound the penalty rate. Lowering the
// cap under an active offer is allowed: the offer stays (an operator edits or retires it), customers
// no longer see it and it can no longer be ordered, and the settings view lists it. Orders placed
// earlier keep the terms they were placed with.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal, staffNames } from '@zulin/identity';
import {
  addDays,
  assert,
  businessDateOf,
  type Clock,
  defaultRateCapRule,
  isBusinessDate,
  newId,
  offerAnnualisedRates,
  type RateCapRule,
  rateCapBpsOf,
  startOfDayInstant,
} from '@zulin/kernel';
import { and, asc, count, desc, eq, gt, lte, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { CatalogErrors } from './errors';
import { CatalogLimits } from './limits';
import { readSkuProducts } from './read-sku-names';
import { catalogInstallmentOffers, catalogRateCaps } from './schema';

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

/** The lock of the rate cap: shared by guarded readers, exclusive for a change (the audited setting's key). */
const lockKey = sql`hashtextextended(${'catalog_settings:rate_cap'}, 0)`;

/** The rate cap in force: the LPR, the multiple and the cap they make, in basis points. */
export interface RateCap extends RateCapRule {
  capBps: number;
}

function capOf(rule: RateCapRule): RateCap {
  return { lprBps: rule.lprBps, capMultiple: rule.capMultiple, capBps: rateCapBpsOf(rule) };
}

export type RateCapChange = typeof catalogRateCaps.$inferSelect;

const newestFirst = [desc(catalogRateCaps.effectiveAt), desc(catalogRateCaps.setAt), desc(catalogRateCaps.id)];

/** The change in force at an instant (the latest effective not after it; for one day, the last saved), if any. */
async function changeInForce(db: Executor, at: Date): Promise<RateCapChange | undefined> {
  const [row] = await db
    .select()
    .from(catalogRateCaps)
    .where(lte(catalogRateCaps.effectiveAt, at))
    .orderBy(...newestFirst)
    .limit(1);
  return row;
}

/**
 * The rate cap in force at `at` (an offer saved, an order placed, a quote, a penalty rate: their own
 * instant; a change takes effect at the start of its business day), read when it is needed and in the
 * caller's transaction when there is one; kernel's default (4 × 3.00 %) before any change. A writer that
 * acts on it reads it with `guard: true`: a change of the cap then waits for that writer's transaction,
 * and the writer waits for a change under way — an offer saved at the instant the cap is lowered is
 * checked against the new cap, and the change's list of offers above the cap includes it.
 */
export async function readRateCap(db: Executor, options: { at: Date; guard?: boolean }): Promise<RateCap> {
  if (options.guard) await db.execute(sql`select pg_advisory_xact_lock_shared(${lockKey})`);
  return capOf((await changeInForce(db, options.at)) ?? defaultRateCapRule);
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

/** A change of the cap, as the settings view lists it. */
async function presentChanges(db: Executor, rows: RateCapChange[]) {
  const names = await staffNames(db, [...new Set(rows.map((r) => r.setBy))]);
  return rows.map((r) => ({
    id: r.id,
    lprBps: r.lprBps,
    capMultiple: r.capMultiple,
    capBps: rateCapBpsOf(r),
    effectiveFrom: r.effectiveFrom,
    setBy: r.setBy,
    setByName: names.get(r.setBy) ?? null,
    setAt: r.setAt.toISOString(),
  }));
}

/**
 * What the settings routes answer at `now`: the rule in force, the cap it makes, the offers above it,
 * who changed it and from when; the changes scheduled for a later day (each with how many active
 * offers would be above it) and the latest changes, newest first.
 */
export async function presentRateCap(db: Executor, now: Date) {
  const inForce = await changeInForce(db, now);
  const rule: RateCapRule = inForce === undefined ? { ...defaultRateCapRule } : inForce;
  const cap = capOf(rule);
  const scheduledRows = await db
    .select()
    .from(catalogRateCaps)
    .where(gt(catalogRateCaps.effectiveAt, now))
    .orderBy(asc(catalogRateCaps.effectiveAt), asc(catalogRateCaps.setAt), asc(catalogRateCaps.id))
    .limit(L.rateCapHistoryListed);
  const historyRows = await db
    .select()
    .from(catalogRateCaps)
    .orderBy(...newestFirst)
    .limit(L.rateCapHistoryListed);
  const scheduled = [];
  for (const change of await presentChanges(db, scheduledRows)) {
    scheduled.push({ ...change, offersAboveCapTotal: (await offersAboveCap(db, change.capBps)).total });
  }
  const setByName = inForce === undefined ? null : ((await staffNames(db, [inForce.setBy])).get(inForce.setBy) ?? null);
  return {
    rateCap: { lprBps: cap.lprBps, capMultiple: cap.capMultiple },
    capBps: cap.capBps,
    effectiveFrom: inForce?.effectiveFrom ?? null,
    offersAboveCap: await offersAboveCap(db, cap.capBps),
    defaults: { ...defaultRateCapRule },
    updatedBy: inForce?.setBy ?? null,
    updatedByName: setByName,
    updatedAt: inForce?.setAt.toISOString() ?? null,
    scheduled,
    history: await presentChanges(db, historyRows),
  };
}

/**
 * Changes the rate cap from a business date (`effectiveFrom`, default today; not before today, at most
 * `rateCapEffectiveDaysAheadMax` days ahead): checked, kept in the history, audited with the cap it
 * replaces on that day and announced, in the caller's transaction; answers the view at `now`.
 */
export async function saveRateCap(
  tx: Executor,
  options: { input: unknown; staff: StaffPrincipal; clock: Clock; timeZone: string },
) {
  const { staff, timeZone } = options;
  const now = options.clock.now();
  const input = typeof options.input === 'object' && options.input !== null ? { ...options.input } : options.input;
  let effectiveFrom: unknown;
  if (typeof input === 'object' && input !== null && 'effectiveFrom' in input) {
    effectiveFrom = (input as { effectiveFrom?: unknown }).effectiveFrom;
    delete (input as { effectiveFrom?: unknown }).effectiveFrom;
  }
  const rule = parseRateCap(input);
  const todayIs = businessDateOf(now, timeZone);
  const from = effectiveFrom === undefined ? todayIs : effectiveFrom;
  const latest = addDays(todayIs, L.rateCapEffectiveDaysAheadMax);
  if (!isBusinessDate(from) || from < todayIs || from > latest) {
    throw CatalogErrors.CATALOG_RATE_CAP_INVALID({
      detail: `A change of the rate cap takes effect from a date from ${todayIs} (today) to ${latest}.`,
      errors: [
        {
          path: '/body/effectiveFrom',
          message: `from ${todayIs} to ${latest}`,
          code: isBusinessDate(from) && from < todayIs ? 'effective_from_past' : 'effective_from_invalid',
        },
      ],
    });
  }
  // Exclusive: readers that acted on the old cap (guarded reads) have committed before the change is written.
  await tx.execute(sql`select pg_advisory_xact_lock(${lockKey})`);
  // The day it starts: the start of the business day, or now when that is today (never in the past).
  const dayStart = startOfDayInstant(from, timeZone);
  const effectiveAt = new Date(Math.max(dayStart.getTime(), now.getTime()));
  const before = capOf((await changeInForce(tx, effectiveAt)) ?? defaultRateCapRule);
  const [row] = await tx
    .insert(catalogRateCaps)
    .values({
      id: newId('rcap', options.clock),
      lprBps: rule.lprBps,
      capMultiple: rule.capMultiple,
      effectiveFrom: from,
      effectiveAt,
      setBy: staff.staffId,
      setAt: now,
    })
    .returning();
  assert(row !== undefined, 'the rate cap change insert returns its row');
  const changed = (['lprBps', 'capMultiple'] as const).filter((key) => rule[key] !== before[key]);
  await recordAudit(tx, {
    actor: staff,
    action: 'catalog.rate_cap_changed',
    targetType: 'catalog_settings',
    targetId: 'rate_cap',
    detail: {
      changed,
      before: { lprBps: before.lprBps, capMultiple: before.capMultiple },
      after: rule,
      effectiveFrom: from,
      changeId: row.id,
    },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'catalog.rate_cap_changed',
    aggregateType: 'catalog_settings',
    aggregateId: 'rate_cap',
    payload: { changedBy: staff.staffId, keys: changed, effectiveFrom: from },
  });
  return presentRateCap(tx, now);
}
