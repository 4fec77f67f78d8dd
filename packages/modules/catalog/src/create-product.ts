// Creates a product in draft. It is shown to customers only once published (publish-product.ts).
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { CatalogErrors } from './errors';
import { catalogProducts } from './schema';
import { brandKeyOf } from './search-text';
import { isUniqueViolation, type ProductView, productView } from './views';

export interface ProductInput {
  brand: string;
  model: string;
  series?: string | null;
  description?: string;
}

export async function createProduct(
  tx: Executor,
  options: { input: ProductInput; actor: Actor; now: Date },
): Promise<ProductView> {
  const { input, actor, now } = options;
  const brand = brandKeyOf(input.brand);
  const model = input.model.trim();
  try {
    const [existing] = await tx
      .select({ id: catalogProducts.id })
      .from(catalogProducts)
      .where(and(eq(catalogProducts.brand, brand), eq(catalogProducts.model, model)));
    if (existing) throw productExists(brand, model);
    const [row] = await tx
      .insert(catalogProducts)
      .values({
        id: newId('prd'),
        brand,
        model,
        series: input.series?.trim() || null,
        description: input.description?.trim() ?? '',
        status: 'draft',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returns the row');
    await audit(tx, {
      actor,
      action: 'catalog.product_created',
      targetType: 'product',
      targetId: row.id,
      detail: { brand, model },
      at: now,
    });
    return productView(row);
  } catch (error) {
    if (isUniqueViolation(error, 'catalog_products_brand_model_uq')) throw productExists(brand, model);
    throw error;
  }
}

export function productExists(brand: string, model: string) {
  return CatalogErrors.CATALOG_PRODUCT_EXISTS({ detail: `A product ${brand} ${model} exists already.` });
}
