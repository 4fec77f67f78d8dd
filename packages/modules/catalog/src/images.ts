// Product images: checked by their first bytes (never by the name or the declared type), stored
// once under the data directory by the SHA-256 of their content, and served as immutable files.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CatalogErrors } from './errors';
import type { ProductImage } from './schema';

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
