// The shapes the catalog hands out (to routes and to other modules), and the row loaders the use
// cases share. Rows never leave the module as they are: a view names money with its unit and adds
// what people need (brand names, image URLs, a term label).
import type { Executor } from '@zulin/db';
import { offerAnnualisedRates } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { CatalogErrors } from './errors';
import {
  type AddOnCode,
  type Condition,
  catalogInstallmentOffers,
  catalogPlans,
  catalogProducts,
  catalogSkus,
  type InstallmentMethod,
  type PlanAddOn,
  type ProductStatus,
  type TermUnit,
} from './schema';
import { brandOf, conditionLabels, storageLabel } from './search-text';

export type ProductRow = typeof catalogProducts.$inferSelect;
export type SkuRow = typeof catalogSkus.$inferSelect;
export type PlanRow = typeof catalogPlans.$inferSelect;
export type OfferRow = typeof catalogInstallmentOffers.$inferSelect;

export interface ImageView {
  file: string;
  url: string;
  contentType: string;
  sizeBytes: number;
  colour?: string | null;
}

export interface ProductView {
  id: string;
  brand: string;
  brandName: string;
  brandNameZh: string;
  model: string;
  series: string | null;
  description: string;
  images: ImageView[];
  status: ProductStatus;
  popularity: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface SkuView {
  id: string;
  productId: string;
  storageGb: number;
  storageLabel: string;
  colour: string;
  condition: Condition;
  conditionLabel: string;
  marketPriceMinor: number;
  currency: string;
  active: boolean;
  /** The lowest monthly rent over the SKU's active monthly plans; null when it has none. */
  lowestMonthlyRentMinor: number | null;
  /** The terms of its active plans, e.g. ["7d", "12m"]. */
  planTerms: string[];
  createdAt: string;
  updatedAt: string;
}

export interface PlanView {
  id: string;
  skuId: string;
  termUnit: TermUnit;
  termCount: number;
  /** "12m", "7d": the term as used by the search filter. */
  term: string;
  rentMinor: number;
  depositMinor: number;
  buyoutAtEndMinor: number;
  upfrontPeriods: number;
  addOns: PlanAddOn[];
  renewalRentMinor: number;
  currency: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface InstallmentOfferView {
  id: string;
  aprSimpleBps: number;
  aprCompoundBps: number;
  skuId: string;
  termMonths: number;
  annualRateBps: number;
  feeRateBpsPerPeriod: number;
  downPaymentBps: number;
  method: InstallmentMethod;
  interestFree: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function imageUrl(file: string): string {
  return `/v1/images/${file}`;
}

export function productView(row: ProductRow): ProductView {
  const brand = brandOf(row.brand);
  return {
    id: row.id,
    brand: brand.key,
    brandName: brand.name,
    brandNameZh: brand.nameZh,
    model: row.model,
    series: row.series,
    description: row.description,
    images: row.images.map((image) => ({ ...image, url: imageUrl(image.file) })),
    status: row.status,
    popularity: row.popularity,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export function skuView(row: SkuRow): SkuView {
  return {
    id: row.id,
    productId: row.productId,
    storageGb: row.storageGb,
    storageLabel: storageLabel(row.storageGb),
    colour: row.colour,
    condition: row.condition,
    conditionLabel: conditionLabels[row.condition].zh,
    marketPriceMinor: row.marketPriceMinor,
    currency: row.currency,
    active: row.active,
    lowestMonthlyRentMinor: row.lowestMonthlyRentMinor,
    planTerms: row.planTerms,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function termKey(termUnit: TermUnit, termCount: number): string {
  return `${termCount}${termUnit === 'month' ? 'm' : 'd'}`;
}

export function planView(row: PlanRow): PlanView {
  return {
    id: row.id,
    skuId: row.skuId,
    termUnit: row.termUnit,
    termCount: row.termCount,
    term: termKey(row.termUnit, row.termCount),
    rentMinor: row.rentMinor,
    depositMinor: row.depositMinor,
    buyoutAtEndMinor: row.buyoutAtEndMinor,
    upfrontPeriods: row.upfrontPeriods,
    addOns: row.addOns,
    renewalRentMinor: row.renewalRentMinor,
    currency: row.currency,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function offerView(row: OfferRow): InstallmentOfferView {
  // The rate the cap was checked against (kernel's one computation), for every screen to show first.
  const rates = offerAnnualisedRates(row);
  return {
    id: row.id,
    aprSimpleBps: rates.aprSimpleBps,
    aprCompoundBps: rates.aprCompoundBps,
    skuId: row.skuId,
    termMonths: row.termMonths,
    annualRateBps: row.annualRateBps,
    feeRateBpsPerPeriod: row.feeRateBpsPerPeriod,
    downPaymentBps: row.downPaymentBps,
    method: row.method,
    interestFree: row.annualRateBps === 0 && row.feeRateBpsPerPeriod === 0,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Loads a product, optionally locking it for the rest of the transaction; 404 when absent. */
export async function loadProduct(tx: Executor, productId: string, lock = false): Promise<ProductRow> {
  const query = tx.select().from(catalogProducts).where(eq(catalogProducts.id, productId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw CatalogErrors.CATALOG_PRODUCT_NOT_FOUND({ detail: `No product ${productId}.` });
  return row;
}

export async function loadSku(tx: Executor, skuId: string, lock = false): Promise<SkuRow> {
  const query = tx.select().from(catalogSkus).where(eq(catalogSkus.id, skuId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw CatalogErrors.CATALOG_SKU_NOT_FOUND({ detail: `No SKU ${skuId}.` });
  return row;
}

export async function loadPlan(tx: Executor, planId: string): Promise<PlanRow> {
  const [row] = await tx.select().from(catalogPlans).where(eq(catalogPlans.id, planId));
  if (!row) throw CatalogErrors.CATALOG_PLAN_NOT_FOUND({ detail: `No rental plan ${planId}.` });
  return row;
}

export async function loadOffer(tx: Executor, offerId: string): Promise<OfferRow> {
  const [row] = await tx.select().from(catalogInstallmentOffers).where(eq(catalogInstallmentOffers.id, offerId));
  if (!row) throw CatalogErrors.CATALOG_OFFER_NOT_FOUND({ detail: `No installment offer ${offerId}.` });
  return row;
}

export const addOnCodes: readonly AddOnCode[] = ['screen_insurance', 'accident_cover'];

/** Postgres unique violations, so a race on a unique index becomes the same 409 as the pre-check. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.code ?? e.cause?.code;
  const name = e.constraint ?? e.cause?.constraint;
  return code === '23505' && (name === undefined || name === constraint);
}
