// Images are decoded and encoded again, never stored as uploaded: the new file carries pixels only.
// EXIF (GPS position, camera serial, time), XMP and IPTC are dropped because sharp writes no
// metadata unless asked to; the EXIF orientation is applied to the pixels first so that the photo
// stays upright without it. Re-encoding also defuses files crafted to attack image decoders in the
// browsers that later show them. The pixel limit is checked from the header before decoding, so a
// small file claiming a huge canvas (a decompression bomb) costs nothing.
import type { Metadata, OutputInfo, Sharp } from 'sharp';
import { FeedbackErrors } from '../errors';
import { FeedbackLimits } from '../limits';
import type { ImageFormat } from './detect-type';

export interface ProcessedFile {
  bytes: Uint8Array;
  contentType: string;
  extension: 'jpg' | 'png' | 'webp';
  width: number;
  height: number;
}

function encoder(image: Sharp, format: ImageFormat): Sharp {
  if (format === 'png') return image.png({ compressionLevel: 9 });
  if (format === 'webp') return image.webp({ quality: 85 });
  return image.jpeg({ quality: 85, mozjpeg: true });
}

const contentTypes = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
const extensions = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const;

/** sharp (libvips) loads with the first upload, not when the server starts (issue #10). */
const loadSharp = async () => (await import('sharp')).default;

async function checkedPixels(bytes: Uint8Array): Promise<void> {
  const sharp = await loadSharp();
  let metadata: Metadata;
  try {
    // Only the header is read here; sharp's own pixel limit would hide "too large" behind "invalid".
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw FeedbackErrors.FEEDBACK_UPLOAD_IMAGE_INVALID();
  }
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  if (pixels === 0) throw FeedbackErrors.FEEDBACK_UPLOAD_IMAGE_INVALID();
  if (pixels > FeedbackLimits.imagePixelsMax) {
    throw FeedbackErrors.FEEDBACK_UPLOAD_TOO_LARGE({
      detail: `Images may have at most ${FeedbackLimits.imagePixelsMax} pixels.`,
    });
  }
}

async function render(pipeline: Sharp): Promise<{ data: Buffer; info: OutputInfo }> {
  try {
    return await pipeline.toBuffer({ resolveWithObject: true });
  } catch {
    // A truncated or corrupt body behind a valid header fails here.
    throw FeedbackErrors.FEEDBACK_UPLOAD_IMAGE_INVALID();
  }
}

/** The image re-encoded in its own format (at most imageEdgeMaxPx a side) and a square WebP thumbnail. */
export async function processImage(
  bytes: Uint8Array,
  format: ImageFormat,
): Promise<{ image: ProcessedFile; thumbnail: ProcessedFile }> {
  await checkedPixels(bytes);
  const sharp = await loadSharp();
  const input = () => sharp(bytes, { limitInputPixels: FeedbackLimits.imagePixelsMax, failOn: 'error' }).autoOrient();
  const edge = FeedbackLimits.imageEdgeMaxPx;
  const image = await render(
    encoder(input().resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true }), format),
  );
  const thumbEdge = FeedbackLimits.thumbnailEdgePx;
  const thumbnail = await render(
    input().resize({ width: thumbEdge, height: thumbEdge, fit: 'cover' }).webp({ quality: 75 }),
  );
  return {
    image: {
      bytes: new Uint8Array(image.data),
      contentType: contentTypes[format],
      extension: extensions[format],
      width: image.info.width,
      height: image.info.height,
    },
    thumbnail: {
      bytes: new Uint8Array(thumbnail.data),
      contentType: 'image/webp',
      extension: 'webp',
      width: thumbnail.info.width,
      height: thumbnail.info.height,
    },
  };
}
