// Edits a product's descriptive fields. Its SKUs' search documents are rebuilt in the same
// transaction, since they carry the brand, model and series.
import type { Executor } from '@zulin/db';
import { and, eq, ne } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { productExists } from './create-product';
import { catalogProducts, catalogSkus } from './schema';
import { brandKeyOf, searchDocument } from './search-text';
import { isUniqueViolation, loadProduct, type ProductView, productView } from './views';

export interface ProductPatch {
  brand?: string;
  model?: string;
  series?: string | null;
  description?: string;
}

export async function updateProduct(
  tx: Executor,
  options: { productId: string; patch: ProductPatch; actor: Actor; now: Date },
): Promise<ProductView> {
  const { productId, patch, actor, now } = options;
  try {
    const current = await loadProduct(tx, productId, true);
    const brand = patch.brand === undefined ? current.brand : brandKeyOf(patch.brand);
    const model = patch.model === undefined ? current.model : patch.model.trim();
    const series = patch.series === undefined ? current.series : patch.series?.trim() || null;
    const description = patch.description === undefined ? current.description : patch.description.trim();
    if (brand !== current.brand || model !== current.model) {
      const [clash] = await tx
        .select({ id: catalogProducts.id })
        .from(catalogProducts)
        .where(
          and(eq(catalogProducts.brand, brand), eq(catalogProducts.model, model), ne(catalogProducts.id, productId)),
        );
      if (clash) throw productExists(brand, model);
    }
    const [row] = await tx
      .update(catalogProducts)
      .set({ brand, model, series, description, updatedAt: now })
      .where(eq(catalogProducts.id, productId))
      .returning();
    if (!row) throw new Error('the locked product exists');
    await rebuildSearchDocuments(tx, row);
    await audit(tx, {
      actor,
      action: 'catalog.product_updated',
      targetType: 'product',
      targetId: productId,
      detail: { ...patch },
      at: now,
    });
    return productView(row);
  } catch (error) {
    if (isUniqueViolation(error, 'catalog_products_brand_model_uq')) {
      throw productExists(patch.brand ?? '', patch.model ?? '');
    }
    throw error;
  }
}

/** Rewrites the search document of every SKU of a product (bounded by skusPerProductMax). */
export async function rebuildSearchDocuments(
  tx: Executor,
  product: { id: string; brand: string; model: string; series: string | null },
): Promise<void> {
  const skus = await tx.select().from(catalogSkus).where(eq(catalogSkus.productId, product.id));
  for (const sku of skus) {
    const searchText = searchDocument({ ...product, ...sku });
    if (searchText !== sku.searchText) {
      await tx.update(catalogSkus).set({ searchText }).where(eq(catalogSkus.id, sku.id));
    }
  }
}
