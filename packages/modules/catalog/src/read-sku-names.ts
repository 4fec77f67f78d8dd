// The phone a SKU is, named as people read it: brand (in Chinese), model, storage and colour —
// "苹果 iPhone 15 Pro 256GB 黑色钛金属". One name for every screen, contract, label and list, read
// for many SKUs in one query.
import type { Executor } from '@zulin/db';
import { eq, inArray } from 'drizzle-orm';
import { catalogProducts, catalogSkus } from './schema';
import { brandOf, storageLabel } from './search-text';

function skuDisplayName(parts: { brand: string; model: string; storageGb: number; colour: string }): string {
  return `${brandOf(parts.brand).nameZh} ${parts.model} ${storageLabel(parts.storageGb)} ${parts.colour}`;
}

/** Each SKU's display name by id; ids of no SKU are simply absent. */
export async function readSkuNames(db: Executor, skuIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(skuIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: catalogSkus.id,
      brand: catalogProducts.brand,
      model: catalogProducts.model,
      storageGb: catalogSkus.storageGb,
      colour: catalogSkus.colour,
    })
    .from(catalogSkus)
    .innerJoin(catalogProducts, eq(catalogProducts.id, catalogSkus.productId))
    .where(inArray(catalogSkus.id, ids));
  return new Map(rows.map((row) => [row.id, skuDisplayName(row)]));
}
