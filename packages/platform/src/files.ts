// Files kept on the data directory's disk: uploaded images stored under the hash of their bytes.
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ImageType = { contentType: string; extension: 'png' | 'jpg' | 'webp' | 'svg' };

/** The type of an image from its magic bytes (PNG, JPEG, WebP), or null when it is none of those. */
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

/**
 * Writes the bytes into `dir` under the SHA-256 of their content with the extension (nothing to do
 * when that file exists: the same bytes) and answers the file's name. Written aside and renamed, so
 * a reader never sees half a file under the final name.
 */
export async function storeByContentHash(dir: string, bytes: Uint8Array, extension: string): Promise<string> {
  const file = `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
  await mkdir(dir, { recursive: true });
  const path = join(dir, file);
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  }
  return file;
}
