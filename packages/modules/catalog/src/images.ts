// Product images: checked by their first bytes (never by the name or the declared type), stored
// once under the data directory by the SHA-256 of their content, and served as immutable files.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { CatalogErrors } from './errors';
import { CatalogLimits } from './limits';
import { catalogProducts, type ProductImage } from './schema';
import { loadProduct, type ProductView, productView } from './views';

export type ImageType = { contentType: string; extension: 'png' | 'jpg' | 'webp' | 'svg' };

/** The type of an image from its magic bytes, or null when it is none we accept for upload. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (signature: readonly number[], offset = 0) =>
    bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', extension: 'png' };
  if (starts([0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', extension: 'jpg' };
  // RIFF....WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) {
    return { contentType: 'image/webp', extension: 'webp' };
  }
  return null;
}

const contentTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  // Only the demo seed writes SVG (generated here, never uploaded); it is served with a CSP that
  // forbids scripts.
  svg: 'image/svg+xml',
};

export const imageFilePattern = /^[a-f0-9]{64}\.(png|jpg|webp|svg)$/;

export function uploadsDir(dataDir: string): string {
  return join(dataDir, 'uploads', 'images');
}

/** Writes the bytes under their content hash (a no-op when that file exists) and names the file. */
export async function storeImageFile(dataDir: string, bytes: Uint8Array, type: ImageType): Promise<ProductImage> {
  const file = `${createHash('sha256').update(bytes).digest('hex')}.${type.extension}`;
  const dir = uploadsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, file);
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) {
    // Write then rename, so a reader never sees half a file under the final name.
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  }
  return { file, contentType: type.contentType, sizeBytes: bytes.length };
}

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

/** Reads a stored image for serving; 404 for a name that is not one of ours or no file. */
export async function readImage(dataDir: string, file: string): Promise<{ bytes: Buffer; contentType: string }> {
  const match = imageFilePattern.exec(file);
  if (match === null) throw CatalogErrors.CATALOG_IMAGE_NOT_FOUND({});
  try {
    const bytes = await readFile(join(uploadsDir(dataDir), file));
    return { bytes, contentType: contentTypes[match[1] ?? ''] ?? 'application/octet-stream' };
  } catch {
    throw CatalogErrors.CATALOG_IMAGE_NOT_FOUND({});
  }
}
