// Photos of a returned phone: checked by their first bytes (never by the name or the declared type),
// stored once under the data directory by the SHA-256 of their content, and served only to staff
// who read orders and to the customer whose inspection lists them. The bytes are written before
// any transaction; a photo never named by an inspection is an unreferenced file, harmless.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';
import type { InspectionPhoto } from './schema';

const types = [
  { contentType: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], at: 0 },
  { contentType: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff], at: 0 },
] as const;

export const inspectionPhotoPattern = /^[a-f0-9]{64}\.(png|jpg|webp)$/;

function sniff(bytes: Uint8Array): { contentType: string; extension: string } | null {
  const starts = (signature: readonly number[], offset: number) =>
    bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
  for (const t of types) if (starts(t.magic, t.at)) return t;
  // RIFF....WEBP
  if (starts([0x52, 0x49, 0x46, 0x46], 0) && starts([0x57, 0x45, 0x42, 0x50], 8)) {
    return { contentType: 'image/webp', extension: 'webp' };
  }
  return null;
}

function photosDir(dataDir: string): string {
  return join(dataDir, 'uploads', 'inspections');
}

export async function storeInspectionPhoto(dataDir: string, bytes: Uint8Array): Promise<InspectionPhoto> {
  if (bytes.length === 0 || bytes.length > RentalLimits.inspectionPhotoBytesMax) {
    throw RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({
      detail: `A photo is 1 to ${RentalLimits.inspectionPhotoBytesMax} bytes.`,
    });
  }
  const type = sniff(bytes);
  if (type === null)
    throw RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({ detail: 'Upload a PNG, JPEG or WebP photo.' });
  const file = `${createHash('sha256').update(bytes).digest('hex')}.${type.extension}`;
  const dir = photosDir(dataDir);
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

/** The stored photos named, each checked to exist (an inspection names only photos uploaded). */
export async function storedPhotos(dataDir: string, files: readonly string[]): Promise<InspectionPhoto[]> {
  if (files.length > RentalLimits.inspectionPhotosMax) {
    throw RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({
      detail: `At most ${RentalLimits.inspectionPhotosMax} photos.`,
    });
  }
  const out: InspectionPhoto[] = [];
  for (const [index, file] of [...new Set(files)].entries()) {
    const problem = () =>
      RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({
        errors: [{ path: `/body/photos/${index}`, message: 'not an uploaded photo' }],
      });
    if (!inspectionPhotoPattern.test(file)) throw problem();
    const info = await stat(join(photosDir(dataDir), file)).catch(() => null);
    if (info === null) throw problem();
    const extension = file.split('.')[1];
    const contentType = extension === 'png' ? 'image/png' : extension === 'jpg' ? 'image/jpeg' : 'image/webp';
    out.push({ file, contentType, sizeBytes: info.size });
  }
  return out;
}

export async function readInspectionPhoto(
  dataDir: string,
  photos: readonly InspectionPhoto[],
  file: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  const photo = photos.find((p) => p.file === file);
  if (photo === undefined || !inspectionPhotoPattern.test(file)) throw RentalErrors.RENTAL_INSPECTION_PHOTO_NOT_FOUND();
  const bytes = await readFile(join(photosDir(dataDir), file)).catch(() => null);
  if (bytes === null) throw RentalErrors.RENTAL_INSPECTION_PHOTO_NOT_FOUND();
  return { bytes, contentType: photo.contentType };
}
