// POST /v1/uploads, in two steps (outside systems are never called inside a transaction): the bytes
// are checked by their magic bytes, cleaned (images re-encoded without EXIF, a thumbnail; videos
// with their metadata boxes blanked) and stored by content key first; then the upload is recorded
// in the command's transaction under the uploader's keyed hash (so an anonymous feedback's files do
// not name the customer either). A stored blob that is never recorded is harmless: content-keyed.
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import { authorIndexOf } from './feedback-entries';
import { feedbackUploads } from './schema';
import { prepareUpload, type StoredUpload, storeUpload } from './uploads/prepare-upload';
import type { BlobStore } from './uploads/storage';

export async function cleanAndStoreUpload(store: BlobStore, bytes: Uint8Array): Promise<StoredUpload> {
  const prepared = await prepareUpload(bytes);
  try {
    return await storeUpload(store, prepared);
  } catch (error) {
    throw FeedbackErrors.FEEDBACK_STORAGE_UNAVAILABLE({ cause: error });
  }
}

export interface UploadView {
  id: string;
  kind: 'image' | 'video';
  contentType: string;
  sizeBytes: number;
  hasThumbnail: boolean;
  createdAt: Date;
}

export async function recordUpload(
  tx: Executor,
  deps: FeedbackDeps,
  options: { customerId: string; stored: StoredUpload },
): Promise<UploadView> {
  const now = deps.clock.now();
  const id = newId('upl', deps.clock);
  const { stored } = options;
  await tx.insert(feedbackUploads).values({
    id,
    ownerIndex: authorIndexOf(deps.masterKey, options.customerId),
    kind: stored.kind,
    key: stored.key,
    thumbnailKey: stored.thumbnailKey,
    contentType: stored.contentType,
    sizeBytes: stored.sizeBytes,
    createdAt: now,
  });
  return {
    id,
    kind: stored.kind,
    contentType: stored.contentType,
    sizeBytes: stored.sizeBytes,
    hasThumbnail: stored.thumbnailKey !== null,
    createdAt: now,
  };
}
