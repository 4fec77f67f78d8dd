// Reads of the catalog: a product with its SKUs, a SKU's plans and offers, and the admin lists.
// Public reads see published products only; anything else answers 404, as if it did not exist.

import type { Executor } from '@zulin/db';
import { decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, asc, desc, eq, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { CatalogErrors } from './errors';
import { CatalogLimits } from './limits';
import { readRateCap } from './rate-cap-settings';
import { catalogInstallmentOffers, catalogPlans, catalogProducts, catalogSkus, type ProductStatus } from './schema';
import { skuTextMatches } from './search-products';
import { brandKeyOf, brandOfToken, likeEscape, queryTokens } from './search-text';
import {
  type InstallmentOfferView,
  loadProduct,
  loadSku,
  offerView,
  type PlanView,
  type ProductView,
  planView,
  productView,
  type SkuView,
  skuView,
} from './views';

export interface ProductDetail extends ProductView {
  skus: SkuView[];
}

export type Audience = 'public' | 'staff';

export async function getProduct(
  db: Executor,
  options: { productId: string; audience: Audience },
): Promise<ProductDetail> {
  const product = await loadProduct(db, options.productId);
  if (options.audience === 'public' && product.status !== 'published') {
    throw CatalogErrors.CATALOG_PRODUCT_NOT_FOUND({ detail: `No product ${options.productId}.` });
  }
  const skuFilter =
    options.audience === 'public'
      ? and(eq(catalogSkus.productId, product.id), eq(catalogSkus.active, true))
      : eq(catalogSkus.productId, product.id);
  // Bounded by skusPerProductMax.
  const skus = await db
    .select()
    .from(catalogSkus)
    .where(skuFilter)
    .orderBy(asc(catalogSkus.storageGb), asc(catalogSkus.condition), asc(catalogSkus.colour), asc(catalogSkus.id));
  return { ...productView(product), skus: skus.map(skuView) };
}

/** The SKU, checked visible to the audience: public callers see SKUs of published products only. */
async function visibleSku(db: Executor, skuId: string, audience: Audience) {
  const sku = await loadSku(db, skuId);
  if (audience === 'public') {
    const product = await loadProduct(db, sku.productId);
    if (product.status !== 'published' || !sku.active) {
      throw CatalogErrors.CATALOG_SKU_NOT_FOUND({ detail: `No SKU ${skuId}.` });
    }
  }
  return sku;
}

export async function getSku(db: Executor, options: { skuId: string; audience: Audience }): Promise<SkuView> {
  return skuView(await visibleSku(db, options.skuId, options.audience));
}

export async function listPlans(db: Executor, options: { skuId: string; audience: Audience }): Promise<PlanView[]> {
  const sku = await visibleSku(db, options.skuId, options.audience);
  const filter =
    options.audience === 'public'
      ? and(eq(catalogPlans.skuId, sku.id), eq(catalogPlans.active, true))
      : eq(catalogPlans.skuId, sku.id);
  // Bounded: plansPerSkuMax active plans, plus the retired ones an operator keeps for history.
  const rows = await db
    .select()
    .from(catalogPlans)
    .where(filter)
    .orderBy(asc(catalogPlans.termUnit), asc(catalogPlans.termCount), asc(catalogPlans.id))
    .limit(CatalogLimits.plansListMax);
  return rows.map(planView);
}

/** A SKU's offers: every one for staff, retired ones included; for the public, the active ones within the rate cap. */
export async function listInstallmentOffers(
  db: Executor,
  /** `at`: the instant whose rate cap hides offers above it from customers. */
  options: { skuId: string; audience: Audience; at: Date },
): Promise<InstallmentOfferView[]> {
  const sku = await visibleSku(db, options.skuId, options.audience);
  const filter =
    options.audience === 'public'
      ? and(eq(catalogInstallmentOffers.skuId, sku.id), eq(catalogInstallmentOffers.active, true))
      : eq(catalogInstallmentOffers.skuId, sku.id);
  const rows = await db
    .select()
    .from(catalogInstallmentOffers)
    .where(filter)
    .orderBy(asc(catalogInstallmentOffers.termMonths), asc(catalogInstallmentOffers.id))
    .limit(CatalogLimits.offersListMax);
  const offers = rows.map(offerView);
  if (options.audience === 'staff') return offers;
  // An offer left above a lowered cap is not offered to customers (it cannot be ordered) until an
  // operator edits or retires it; the console lists it (rate-cap-settings.ts).
  const { capBps } = await readRateCap(db, { at: options.at });
  return offers.filter((offer) => offer.aprSimpleBps <= capBps);
}

export async function getPlan(db: Executor, planId: string): Promise<PlanView> {
  const [row] = await db.select().from(catalogPlans).where(eq(catalogPlans.id, planId));
  if (!row) throw CatalogErrors.CATALOG_PLAN_NOT_FOUND({ detail: `No rental plan ${planId}.` });
  return planView(row);
}

export async function getInstallmentOffer(db: Executor, offerId: string): Promise<InstallmentOfferView> {
  const [row] = await db.select().from(catalogInstallmentOffers).where(eq(catalogInstallmentOffers.id, offerId));
  if (!row) throw CatalogErrors.CATALOG_OFFER_NOT_FOUND({ detail: `No installment offer ${offerId}.` });
  return offerView(row);
}

/** The console's product list: any status, newest first, filtered by brand and by the customers' search words. */
export async function listProductsForStaff(
  db: Executor,
  options: { status?: ProductStatus; brand?: string; q?: string; limit?: number; cursor?: string },
): Promise<Page<ProductView>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.status) conditions.push(eq(catalogProducts.status, options.status));
  if (options.brand) conditions.push(eq(catalogProducts.brand, brandKeyOf(options.brand)));
  // The customers' search rules (search-text.ts): a brand in either language filters by brand, and
  // every other token must be in the model, the series or one of the product's SKUs (a draft
  // without SKUs is found by its model).
  for (const token of queryTokens(options.q ?? '')) {
    const brand = brandOfToken(token);
    if (brand !== null) {
      conditions.push(eq(catalogProducts.brand, brand));
      continue;
    }
    const pattern = `%${likeEscape(token)}%`;
    conditions.push(
      or(
        ilike(catalogProducts.model, pattern),
        ilike(catalogProducts.series, pattern),
        sql`exists (select 1 from ${catalogSkus} s where s.product_id = ${catalogProducts.id} and ${skuTextMatches(token)})`,
      ),
    );
  }
  if (options.cursor !== undefined) {
    const [id] = decodeCursor(options.cursor);
    if (typeof id !== 'string') throw invalidCursor();
    conditions.push(lt(catalogProducts.id, id));
  }
  const rows = await db
    .select()
    .from(catalogProducts)
    .where(and(...conditions))
    .orderBy(desc(catalogProducts.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => [r.id]);
  return { data: page.data.map(productView), nextCursor: page.nextCursor };
}

export async function listSkusForStaff(
  db: Executor,
  options: { productId?: string; limit?: number; cursor?: string },
): Promise<Page<SkuView>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.productId) conditions.push(eq(catalogSkus.productId, options.productId));
  if (options.cursor !== undefined) {
    const [id] = decodeCursor(options.cursor);
    if (typeof id !== 'string') throw invalidCursor();
    conditions.push(lt(catalogSkus.id, id));
  }
  const rows = await db
    .select()
    .from(catalogSkus)
    .where(and(...conditions))
    .orderBy(desc(catalogSkus.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => [r.id]);
  return { data: page.data.map(skuView), nextCursor: page.nextCursor };
}

function invalidCursor() {
  return KernelErrors.VALIDATION_FAILED({
    errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
  });
}
