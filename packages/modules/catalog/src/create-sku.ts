// Adds a SKU (storage × colour × condition) to a product.
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { and, count, eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { CatalogErrors } from './errors';
import { CatalogLimits } from './limits';
import { type Condition, catalogSkus } from './schema';
import { searchDocument } from './search-text';
import { checkSkuFields } from './sku-rules';
import { isUniqueViolation, loadProduct, type SkuView, skuView } from './views';

export interface SkuInput {
  productId: string;
  storageGb: number;
  colour: string;
  condition: Condition;
  marketPriceMinor: number;
  currency?: string;
}

export async function createSku(tx: Executor, options: { input: SkuInput; actor: Actor; now: Date }): Promise<SkuView> {
  const { input, actor, now } = options;
  const fields = { ...input, colour: input.colour.trim(), currency: input.currency ?? 'CNY' };
  checkSkuFields(fields).throwIfAny();
  try {
    const product = await loadProduct(tx, input.productId, true);
    const [existing] = await tx.select({ n: count() }).from(catalogSkus).where(eq(catalogSkus.productId, product.id));
    if ((existing?.n ?? 0) >= CatalogLimits.skusPerProductMax) {
      throw CatalogErrors.CATALOG_SKU_EXISTS({
        detail: `A product has at most ${CatalogLimits.skusPerProductMax} SKUs.`,
      });
    }
    const [same] = await tx
      .select({ id: catalogSkus.id })
      .from(catalogSkus)
      .where(
        and(
          eq(catalogSkus.productId, product.id),
          eq(catalogSkus.storageGb, fields.storageGb),
          eq(catalogSkus.colour, fields.colour),
          eq(catalogSkus.condition, fields.condition),
        ),
      );
    if (same) throw skuExists();
    const [row] = await tx
      .insert(catalogSkus)
      .values({
        id: newId('sku'),
        productId: product.id,
        storageGb: fields.storageGb,
        colour: fields.colour,
        condition: fields.condition,
        marketPriceMinor: fields.marketPriceMinor,
        currency: fields.currency,
        searchText: searchDocument({ ...product, ...fields }),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returns the row');
    await audit(tx, {
      actor,
      action: 'catalog.sku_created',
      targetType: 'sku',
      targetId: row.id,
      detail: { productId: product.id, marketPriceMinor: row.marketPriceMinor },
      at: now,
    });
    return skuView(row);
  } catch (error) {
    if (isUniqueViolation(error, 'catalog_skus_variant_uq')) throw skuExists();
    throw error;
  }
}

export function skuExists() {
  return CatalogErrors.CATALOG_SKU_EXISTS({});
}
