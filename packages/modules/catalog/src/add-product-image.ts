// Adds an uploaded image (type sniffed from its bytes, stored by content hash) to a product; audited.
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { CatalogErrors } from './errors';
import { sniffImageType, storeImageFile } from './images';
import { CatalogLimits } from './limits';
import { catalogProducts, type ProductImage } from './schema';
import { loadProduct, type ProductView, productView } from './views';

/**
 * Adds an uploaded image to a product. The file is written before the transaction; a file whose
 * transaction then fails is only an unreferenced blob, harmless and reused if uploaded again.
 */
export async function addProductImage(
  tx: Executor,
  options: { productId: string; bytes: Uint8Array; dataDir: string; actor: Actor; now: Date },
): Promise<ProductView> {
  const { productId, bytes, actor, now } = options;
  if (bytes.length > CatalogLimits.imageBytesMax) {
    throw CatalogErrors.CATALOG_IMAGE_TOO_LARGE({
      detail: `Images may be at most ${CatalogLimits.imageBytesMax} bytes.`,
    });
  }
  const type = sniffImageType(bytes);
  if (type === null) throw CatalogErrors.CATALOG_IMAGE_TYPE_UNSUPPORTED({ detail: 'Upload a PNG, JPEG or WebP file.' });
  await loadProduct(tx, productId);
  const image = await storeImageFile(options.dataDir, bytes, type);
  return attachImage(tx, { productId, image, actor, now });
}

export async function attachImage(
  tx: Executor,
  options: { productId: string; image: ProductImage; actor: Actor; now: Date },
): Promise<ProductView> {
  const { productId, image, actor, now } = options;
  const product = await loadProduct(tx, productId, true);
  if (product.images.some((i) => i.file === image.file)) return productView(product);
  if (product.images.length >= CatalogLimits.imagesPerProductMax) {
    throw CatalogErrors.CATALOG_IMAGE_LIMIT_REACHED({
      detail: `A product has at most ${CatalogLimits.imagesPerProductMax} images.`,
    });
  }
  const [row] = await tx
    .update(catalogProducts)
    .set({ images: [...product.images, image], updatedAt: now })
    .where(eq(catalogProducts.id, productId))
    .returning();
  if (!row) throw new Error('the locked product exists');
  await audit(tx, {
    actor,
    action: 'catalog.product_image_added',
    targetType: 'product',
    targetId: productId,
    detail: { file: image.file },
    at: now,
  });
  return productView(row);
}
