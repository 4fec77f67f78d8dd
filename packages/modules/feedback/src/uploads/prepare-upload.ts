// One uploaded file, from raw bytes to stored blobs (phase 2's `POST /v1/uploads` calls this):
// detect the type by magic bytes, check the size for that kind, clean it (images re-encoded with a
// thumbnail, videos with their metadata boxes blanked), then store it by content.

import type { BlobExtension, BlobStore } from '@zulin/support';
import { FeedbackErrors } from '../errors';
import { FeedbackLimits } from '../limits';
import { detectMediaType } from './detect-type';
import { processImage } from './process-image';
import { sanitiseVideo } from './sanitise-video';

export interface CleanFile {
  bytes: Uint8Array;
  contentType: string;
  extension: BlobExtension;
}

export type PreparedUpload =
  | { kind: 'image'; file: CleanFile; thumbnail: CleanFile; width: number; height: number }
  | { kind: 'video'; file: CleanFile; durationMs: number };

function tooLarge(kind: 'image' | 'video', maxBytes: number): never {
  throw FeedbackErrors.FEEDBACK_UPLOAD_TOO_LARGE({ detail: `A ${kind} may be at most ${maxBytes} bytes.` });
}

export async function prepareUpload(bytes: Uint8Array): Promise<PreparedUpload> {
  const type = detectMediaType(bytes);
  if (type.kind === 'heic') throw FeedbackErrors.FEEDBACK_UPLOAD_HEIC_UNSUPPORTED();
  if (type.kind === 'unsupported') throw FeedbackErrors.FEEDBACK_UPLOAD_TYPE_UNSUPPORTED();
  if (type.kind === 'image') {
    if (bytes.length > FeedbackLimits.imageBytesMax) tooLarge('image', FeedbackLimits.imageBytesMax);
    const { image, thumbnail } = await processImage(bytes, type.format);
    return {
      kind: 'image',
      file: { bytes: image.bytes, contentType: image.contentType, extension: image.extension },
      thumbnail: { bytes: thumbnail.bytes, contentType: thumbnail.contentType, extension: thumbnail.extension },
      width: image.width,
      height: image.height,
    };
  }
  if (bytes.length > FeedbackLimits.videoBytesMax) tooLarge('video', FeedbackLimits.videoBytesMax);
  const video = sanitiseVideo(bytes);
  return {
    kind: 'video',
    file: { bytes: video.bytes, contentType: type.contentType, extension: type.extension },
    durationMs: video.durationMs,
  };
}

export interface StoredUpload {
  kind: 'image' | 'video';
  key: string;
  thumbnailKey: string | null;
  contentType: string;
  sizeBytes: number;
}

/** Stores a prepared upload; a blob stored and then not referenced is harmless and reused on re-upload. */
export async function storeUpload(store: BlobStore, prepared: PreparedUpload): Promise<StoredUpload> {
  const { file } = prepared;
  const key = await store.put(file.bytes, file.extension, file.contentType);
  const thumbnailKey =
    prepared.kind === 'image'
      ? await store.put(prepared.thumbnail.bytes, prepared.thumbnail.extension, prepared.thumbnail.contentType)
      : null;
  return { kind: prepared.kind, key, thumbnailKey, contentType: file.contentType, sizeBytes: file.bytes.length };
}
