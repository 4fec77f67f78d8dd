// Edits a SKU. A price change is audited with the old and new price and published as an event,
// since quotes and deposits are measured against it.
import { type Executor, emitEvent } from '@zulin/db';
import { and, eq, ne } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { skuExists } from './create-sku';
import { type Condition, catalogSkus } from './schema';
import { searchDocument } from './search-text';
import { checkSkuFields } from './sku-rules';
import { isUniqueViolation, loadProduct, loadSku, type SkuView, skuView } from './views';

export interface SkuPatch {
  storageGb?: number;
  colour?: string;
  condition?: Condition;
  marketPriceMinor?: number;
  active?: boolean;
}

export async function updateSku(
  tx: Executor,
  options: { skuId: string; patch: SkuPatch; actor: Actor; now: Date },
): Promise<SkuView> {
  const { skuId, patch, actor, now } = options;
  try {
    const current = await loadSku(tx, skuId, true);
    const fields = {
      storageGb: patch.storageGb ?? current.storageGb,
      colour: patch.colour?.trim() ?? current.colour,
      condition: patch.condition ?? current.condition,
      marketPriceMinor: patch.marketPriceMinor ?? current.marketPriceMinor,
      currency: current.currency,
    };
    checkSkuFields(fields).throwIfAny();
    const [same] = await tx
      .select({ id: catalogSkus.id })
      .from(catalogSkus)
      .where(
        and(
          eq(catalogSkus.productId, current.productId),
          eq(catalogSkus.storageGb, fields.storageGb),
          eq(catalogSkus.colour, fields.colour),
          eq(catalogSkus.condition, fields.condition),
          ne(catalogSkus.id, skuId),
        ),
      );
    if (same) throw skuExists();
    const product = await loadProduct(tx, current.productId);
    const [row] = await tx
      .update(catalogSkus)
      .set({
        ...fields,
        active: patch.active ?? current.active,
        searchText: searchDocument({ ...product, ...fields }),
        updatedAt: now,
      })
      .where(eq(catalogSkus.id, skuId))
      .returning();
    if (!row) throw new Error('the locked SKU exists');
    await audit(tx, {
      actor,
      action: 'catalog.sku_updated',
      targetType: 'sku',
      targetId: skuId,
      detail: { ...patch },
      at: now,
    });
    if (row.marketPriceMinor !== current.marketPriceMinor) {
      await emitEvent(tx, now, {
        type: 'catalog.sku_price_changed',
        aggregateType: 'sku',
        aggregateId: skuId,
        payload: { skuId, fromMinor: current.marketPriceMinor, toMinor: row.marketPriceMinor },
      });
    }
    return skuView(row);
  } catch (error) {
    if (isUniqueViolation(error, 'catalog_skus_variant_uq')) throw skuExists();
    throw error;
  }
}
