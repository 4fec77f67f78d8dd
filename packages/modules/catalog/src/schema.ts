// Tables owned by the catalog module: products, their SKUs, the rental plans and installment
// offers per SKU. No other module reads or writes them; they go through `@zulin/catalog`.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'number' });

export type ProductStatus = 'draft' | 'published' | 'unpublished';
export type Condition = 'new' | 'used_99' | 'used_95';
export type TermUnit = 'day' | 'month';
export type AddOnCode = 'screen_insurance' | 'accident_cover';
export type InstallmentMethod = 'equal_installment' | 'equal_principal';

export interface ProductImage {
  /** Content-hash file name served at `/v1/images/{file}`. */
  file: string;
  contentType: string;
  sizeBytes: number;
  /** The SKU colour the image shows (as the SKUs spell it); the H5 product page follows the pick. */
  colour?: string | null;
}

export interface PlanAddOn {
  code: AddOnCode;
  priceMinor: number;
  per: 'period' | 'once';
}

export const catalogProducts = pgTable(
  'catalog_products',
  {
    id: text('id').primaryKey(),
    /** Canonical brand key from the alias table: apple, huawei, xiaomi, honor, samsung, oppo, vivo, … */
    brand: text('brand').notNull(),
    model: text('model').notNull(),
    series: text('series'),
    description: text('description').notNull().default(''),
    images: jsonb('images').$type<ProductImage[]>().notNull().default([]),
    status: text('status', { enum: ['draft', 'published', 'unpublished'] })
      .notNull()
      .default('draft'),
    popularity: integer('popularity').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    publishedAt: instant('published_at'),
  },
  (t) => [
    index('catalog_products_status_idx').on(t.status),
    // Listing by popularity walks this index and stops after a page of products with matching SKUs.
    index('catalog_products_popularity_idx').on(t.popularity.desc(), t.id.desc()),
    uniqueIndex('catalog_products_brand_model_uq').on(t.brand, t.model),
  ],
);

export const catalogSkus = pgTable(
  'catalog_skus',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => catalogProducts.id),
    storageGb: integer('storage_gb').notNull(),
    colour: text('colour').notNull(),
    condition: text('condition', { enum: ['new', 'used_99', 'used_95'] }).notNull(),
    marketPriceMinor: minor('market_price_minor').notNull(),
    currency: text('currency').notNull().default('CNY'),
    active: boolean('active').notNull().default(true),
    /**
     * The search document: brand in Chinese and English, model, series, storage spelled several
     * ways, colour and condition, lower-cased. Rebuilt whenever the SKU or its product changes.
     */
    searchText: text('search_text').notNull(),
    // Summaries of the SKU's active plans, kept by the plan use cases so that search can filter and
    // sort without joining plans: the lowest monthly rent (null: no monthly plan) and the terms.
    lowestMonthlyRentMinor: minor('lowest_monthly_rent_minor'),
    planTerms: text('plan_terms').array().notNull().default(sql`'{}'::text[]`),
    planCount: integer('plan_count').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('catalog_skus_product_idx').on(t.productId),
    uniqueIndex('catalog_skus_variant_uq').on(t.productId, t.storageGb, t.colour, t.condition),
    index('catalog_skus_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const catalogPlans = pgTable(
  'catalog_plans',
  {
    id: text('id').primaryKey(),
    skuId: text('sku_id')
      .notNull()
      .references(() => catalogSkus.id),
    termUnit: text('term_unit', { enum: ['day', 'month'] }).notNull(),
    termCount: integer('term_count').notNull(),
    rentMinor: minor('rent_minor').notNull(),
    depositMinor: minor('deposit_minor').notNull(),
    buyoutAtEndMinor: minor('buyout_at_end_minor').notNull(),
    upfrontPeriods: integer('upfront_periods').notNull(),
    addOns: jsonb('add_ons').$type<PlanAddOn[]>().notNull().default([]),
    renewalRentMinor: minor('renewal_rent_minor').notNull(),
    currency: text('currency').notNull().default('CNY'),
    active: boolean('active').notNull().default(true),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  // One plan per term and SKU: two "12 months" plans on one phone would confuse every customer.
  (t) => [uniqueIndex('catalog_plans_sku_term_uq').on(t.skuId, t.termUnit, t.termCount).where(sql`${t.active}`)],
);

export const catalogInstallmentOffers = pgTable(
  'catalog_installment_offers',
  {
    id: text('id').primaryKey(),
    skuId: text('sku_id')
      .notNull()
      .references(() => catalogSkus.id),
    termMonths: integer('term_months').notNull(),
    annualRateBps: integer('annual_rate_bps').notNull(),
    feeRateBpsPerPeriod: integer('fee_rate_bps_per_period').notNull(),
    downPaymentBps: integer('down_payment_bps').notNull(),
    method: text('method', { enum: ['equal_installment', 'equal_principal'] }).notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('catalog_installment_offers_sku_term_uq').on(t.skuId, t.termMonths).where(sql`${t.active}`)],
);

/**
 * The catalog's operator settings (docs/modules.md, "Settings": identity's auditedSettings), one JSON
 * document per key: `rate_cap`, the one-year LPR and the multiple that cap every offer's annualised rate.
 */
export const catalogSettings = pgTable('catalog_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * The rate cap's history (rate-cap-settings.ts): every change of the LPR and the multiple, with the
 * business date from which it is in force (never before the day it was saved) and the instant that day
 * starts in the operator's time zone. The cap in force at an instant is the row with the latest
 * `effectiveAt` not after it (for one day, the change saved last). Rows are never changed or deleted.
 */
export const catalogRateCaps = pgTable(
  'catalog_rate_caps',
  {
    id: text('id').primaryKey(),
    lprBps: integer('lpr_bps').notNull(),
    capMultiple: integer('cap_multiple').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveAt: instant('effective_at').notNull(),
    setBy: text('set_by').notNull(),
    setAt: instant('set_at').notNull(),
  },
  (t) => [index('catalog_rate_caps_effective_idx').on(t.effectiveAt, t.setAt)],
);
