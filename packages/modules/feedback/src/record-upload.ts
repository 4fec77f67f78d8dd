// POST /v1/uploads, in two steps (outside systems are never called inside a transaction): the bytes
// are checked by their magic bytes, cleaned (images re-encoded without EXIF, a thumbnail; videos
// with their metadata boxes blanked) and stored by content key first; then support's
// `recordUpload` records the upload in the command's transaction under the uploader's keyed hash
// (so an anonymous feedback's files do not name the customer either). A stored blob that is never
// recorded is harmless: content-keyed.
import type { BlobStore, StoredUpload } from '@zulin/support';
import { FeedbackErrors } from './errors';
import { prepareUpload, storeUpload } from './uploads/prepare-upload';

export async function cleanAndStoreUpload(store: BlobStore, bytes: Uint8Array): Promise<StoredUpload> {
  const prepared = await prepareUpload(bytes);
  try {
    return await storeUpload(store, prepared);
  } catch (error) {
    throw FeedbackErrors.FEEDBACK_STORAGE_UNAVAILABLE({ cause: error });
  }
}
