// Photos of a returned phone (folder `inspections`) or of a reported fault (folder `faults`): checked by their first bytes (never by the name or the declared type),
// stored once under the data directory by the SHA-256 of their content, and served only to staff
// who read orders and to the customer whose inspection lists them. The bytes are written before
// any transaction; a photo never named by an inspection is an unreferenced file, harmless.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sniffImageType, storeByContentHash } from '@zulin/platform';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';
import type { InspectionPhoto } from './schema';

export const inspectionPhotoPattern = /^[a-f0-9]{64}\.(png|jpg|webp)$/;

/** Where the photos of returns (`inspections`) and of fault reports (`faults`) are kept. */
export type PhotoFolder = 'inspections' | 'faults';

function photosDir(dataDir: string, folder: PhotoFolder): string {
  return join(dataDir, 'uploads', folder);
}

export async function storeInspectionPhoto(
  dataDir: string,
  bytes: Uint8Array,
  folder: PhotoFolder = 'inspections',
): Promise<InspectionPhoto> {
  if (bytes.length === 0 || bytes.length > RentalLimits.inspectionPhotoBytesMax) {
    throw RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({
      detail: `A photo is 1 to ${RentalLimits.inspectionPhotoBytesMax} bytes.`,
    });
  }
  const type = sniffImageType(bytes);
  if (type === null)
    throw RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({ detail: 'Upload a PNG, JPEG or WebP photo.' });
  const file = await storeByContentHash(photosDir(dataDir, folder), bytes, type.extension);
  return { file, contentType: type.contentType, sizeBytes: bytes.length };
}

/** The stored photos named, each checked to exist (an inspection names only photos uploaded). */
export async function storedPhotos(
  dataDir: string,
  files: readonly string[],
  folder: PhotoFolder = 'inspections',
  max: number = RentalLimits.inspectionPhotosMax,
): Promise<InspectionPhoto[]> {
  if (files.length > max) {
    throw RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({
      detail: `At most ${max} photos.`,
    });
  }
  const out: InspectionPhoto[] = [];
  for (const [index, file] of [...new Set(files)].entries()) {
    const problem = () =>
      RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({
        errors: [{ path: `/body/photos/${index}`, message: 'not an uploaded photo' }],
      });
    if (!inspectionPhotoPattern.test(file)) throw problem();
    const info = await stat(join(photosDir(dataDir, folder), file)).catch(() => null);
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
  folder: PhotoFolder = 'inspections',
): Promise<{ bytes: Buffer; contentType: string }> {
  const photo = photos.find((p) => p.file === file);
  if (photo === undefined || !inspectionPhotoPattern.test(file)) throw RentalErrors.RENTAL_INSPECTION_PHOTO_NOT_FOUND();
  const bytes = await readFile(join(photosDir(dataDir, folder), file)).catch(() => null);
  if (bytes === null) throw RentalErrors.RENTAL_INSPECTION_PHOTO_NOT_FOUND();
  return { bytes, contentType: photo.contentType };
}
