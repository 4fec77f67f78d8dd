// Photos of a returned phone (folder `inspections`) or of a reported fault (folder `faults`): checked by their first bytes (never by the name or the declared type),
// decoded and encoded again (as feedback's uploads are) so that the stored file carries pixels only —
// no EXIF (a phone photo's GPS position, camera serial and time), XMP or IPTC: sharp writes no
// metadata unless asked, and the EXIF orientation is applied to the pixels first — then stored once
// under the data directory by the SHA-256 of the re-encoded content, and served only to staff who
// read orders and to the customer whose inspection lists them. The bytes are written before any
// transaction; a photo never named by an inspection is an unreferenced file, harmless.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImageType, sniffImageType, storeByContentHash } from '@zulin/platform';
import type { Sharp } from 'sharp';
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
  const clean = await withoutMetadata(bytes, type);
  const file = await storeByContentHash(photosDir(dataDir, folder), clean, type.extension);
  return { file, contentType: type.contentType, sizeBytes: clean.length };
}

/** sharp (libvips) loads with the first photo, not when the server starts. */
const loadSharp = async () => (await import('sharp')).default;

/**
 * The photo decoded and encoded again in its own format, upright, with no metadata. The pixel count
 * is read from the header before decoding, so a small file claiming a huge canvas costs nothing.
 */
export async function withoutMetadata(bytes: Uint8Array, type: ImageType): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const invalid = () => RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({ detail: 'The photo cannot be read.' });
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw invalid();
    });
  const pixels = (header.width ?? 0) * (header.height ?? 0);
  if (pixels === 0) throw invalid();
  if (pixels > RentalLimits.inspectionPhotoPixelsMax) {
    throw RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({
      detail: `A photo has at most ${RentalLimits.inspectionPhotoPixelsMax} pixels.`,
    });
  }
  const input = sharp(bytes, { limitInputPixels: RentalLimits.inspectionPhotoPixelsMax, failOn: 'error' }).autoOrient();
  const encoded: Sharp =
    type.extension === 'png'
      ? input.png({ compressionLevel: 9 })
      : type.extension === 'webp'
        ? input.webp({ quality: 90 })
        : input.jpeg({ quality: 90, mozjpeg: true });
  try {
    return new Uint8Array(await encoded.toBuffer());
  } catch {
    // A truncated or corrupt body behind a valid header fails here.
    throw invalid();
  }
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
