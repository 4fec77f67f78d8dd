// Product images: checked by their first bytes (never by the name or the declared type), stored
// once under the data directory by the SHA-256 of their content, and served as immutable files.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImageType, storeByContentHash } from '@zulin/platform';
import { CatalogErrors } from './errors';
import type { ProductImage } from './schema';

export { type ImageType, sniffImageType } from '@zulin/platform';

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
  const file = await storeByContentHash(uploadsDir(dataDir), bytes, type.extension);
  return { file, contentType: type.contentType, sizeBytes: bytes.length };
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
