// Removes an image from a product; audited (the stored file stays, shared by content hash).
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { CatalogErrors } from './errors';
import { catalogProducts } from './schema';
import { loadProduct, type ProductView, productView } from './views';

export async function removeProductImage(
  tx: Executor,
  options: { productId: string; file: string; actor: Actor; now: Date },
): Promise<ProductView> {
  const { productId, file, actor, now } = options;
  const product = await loadProduct(tx, productId, true);
  if (!product.images.some((i) => i.file === file)) throw CatalogErrors.CATALOG_IMAGE_NOT_FOUND({});
  const [row] = await tx
    .update(catalogProducts)
    .set({ images: product.images.filter((i) => i.file !== file), updatedAt: now })
    .where(eq(catalogProducts.id, productId))
    .returning();
  if (!row) throw new Error('the locked product exists');
  await audit(tx, {
    actor,
    action: 'catalog.product_image_removed',
    targetType: 'product',
    targetId: productId,
    detail: { file },
    at: now,
  });
  return productView(row);
}
