// A SKU as inventory needs it to file a phone: its product, storage, colour and condition (the
// variant), with the display name, and the sibling of another condition — the same product, storage
// and colour (one SKU per variant: catalog_skus_variant_uq). A returned phone graded A is filed
// under the 99新 sibling of the 全新 SKU it was rented as (docs/catalog-inventory.md, "Grade and condition").
import type { Executor } from '@zulin/db';
import { and, eq, inArray } from 'drizzle-orm';
import { readSkuNames } from './read-sku-names';
import { type Condition, catalogSkus } from './schema';

export interface SkuVariant {
  skuId: string;
  productId: string;
  storageGb: number;
  colour: string;
  condition: Condition;
  active: boolean;
  /** "苹果 iPhone 15 Pro 256GB 黑色钛金属" (readSkuNames' name; the condition is not part of it). */
  skuName: string;
}

const variantColumns = {
  skuId: catalogSkus.id,
  productId: catalogSkus.productId,
  storageGb: catalogSkus.storageGb,
  colour: catalogSkus.colour,
  condition: catalogSkus.condition,
  active: catalogSkus.active,
};

/** Each SKU's variant by id, in one query for the variants and one for the names; unknown ids are absent. */
export async function readSkuVariants(db: Executor, skuIds: readonly string[]): Promise<Map<string, SkuVariant>> {
  const ids = [...new Set(skuIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.select(variantColumns).from(catalogSkus).where(inArray(catalogSkus.id, ids));
  const names = await readSkuNames(db, ids);
  return new Map(rows.map((row) => [row.skuId, { ...row, skuName: names.get(row.skuId) ?? row.skuId }]));
}

/**
 * Each SKU's condition by id, in one query (no names): what a reservation or an availability count
 * needs to match a unit's grade; unknown ids are absent.
 */
export async function readSkuConditions(db: Executor, skuIds: readonly string[]): Promise<Map<string, Condition>> {
  const ids = [...new Set(skuIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ skuId: catalogSkus.id, condition: catalogSkus.condition })
    .from(catalogSkus)
    .where(inArray(catalogSkus.id, ids));
  return new Map(rows.map((row) => [row.skuId, row.condition]));
}

/** The SKU of the same product, storage and colour in `condition` (itself when it is in it), or null. */
export async function findSkuOfCondition(
  db: Executor,
  options: { skuId: string; condition: Condition },
): Promise<SkuVariant | null> {
  const [of] = await db.select(variantColumns).from(catalogSkus).where(eq(catalogSkus.id, options.skuId));
  if (of === undefined) return null;
  const [sibling] = await db
    .select(variantColumns)
    .from(catalogSkus)
    .where(
      and(
        eq(catalogSkus.productId, of.productId),
        eq(catalogSkus.storageGb, of.storageGb),
        eq(catalogSkus.colour, of.colour),
        eq(catalogSkus.condition, options.condition),
      ),
    );
  if (sibling === undefined) return null;
  const names = await readSkuNames(db, [sibling.skuId]);
  return { ...sibling, skuName: names.get(sibling.skuId) ?? sibling.skuId };
}
