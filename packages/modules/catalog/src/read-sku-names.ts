// The phone a SKU is, named as people read it: brand (in Chinese), model, storage and colour —
// "苹果 iPhone 15 Pro 256GB 黑色钛金属". One name for every screen, contract, label and list, read
// for many SKUs in one query. A product is named the way the console's product list names it: brand
// (in Chinese) and model, "苹果 iPhone 15 Pro".
import type { Executor } from '@zulin/db';
import { eq, inArray } from 'drizzle-orm';
import { catalogProducts, catalogSkus } from './schema';
import { brandOf, storageLabel } from './search-text';

function skuDisplayName(parts: { brand: string; model: string; storageGb: number; colour: string }): string {
  return `${productDisplayName(parts)} ${storageLabel(parts.storageGb)} ${parts.colour}`;
}

function productDisplayName(parts: { brand: string; model: string }): string {
  return `${brandOf(parts.brand).nameZh} ${parts.model}`;
}

/** Each SKU's display name by id; ids of no SKU are simply absent. */
export async function readSkuNames(db: Executor, skuIds: readonly string[]): Promise<Map<string, string>> {
  const skus = await readSkuProducts(db, skuIds);
  return new Map([...skus].map(([id, sku]) => [id, sku.skuName]));
}

/** A SKU's product and both names, as feedback stores them for a rented phone (issue #16). */
export interface SkuProduct {
  productId: string;
  /** "苹果 iPhone 15 Pro" */
  productName: string;
  /** "苹果 iPhone 15 Pro 256GB 黑色钛金属" (readSkuNames' name). */
  skuName: string;
}

/** Each SKU's product id, product name and SKU name by SKU id; ids of no SKU are simply absent. */
export async function readSkuProducts(db: Executor, skuIds: readonly string[]): Promise<Map<string, SkuProduct>> {
  const ids = [...new Set(skuIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: catalogSkus.id,
      productId: catalogSkus.productId,
      brand: catalogProducts.brand,
      model: catalogProducts.model,
      storageGb: catalogSkus.storageGb,
      colour: catalogSkus.colour,
    })
    .from(catalogSkus)
    .innerJoin(catalogProducts, eq(catalogProducts.id, catalogSkus.productId))
    .where(inArray(catalogSkus.id, ids));
  return new Map(
    rows.map((row) => [
      row.id,
      { productId: row.productId, productName: productDisplayName(row), skuName: skuDisplayName(row) },
    ]),
  );
}

/** Each product's name ("苹果 iPhone 15 Pro") by id; ids of no product are simply absent. */
export async function readProductNames(db: Executor, productIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: catalogProducts.id, brand: catalogProducts.brand, model: catalogProducts.model })
    .from(catalogProducts)
    .where(inArray(catalogProducts.id, ids));
  return new Map(rows.map((row) => [row.id, productDisplayName(row)]));
}
