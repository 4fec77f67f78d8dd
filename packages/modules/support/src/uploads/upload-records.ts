// Uploads as records: who uploaded a cleaned file (a keyed hash, never the id in clear), and what
// holds it once attached. Feedback cleans and stores the bytes (`POST /v1/uploads`) and attaches
// them to a feedback; support attaches them to ticket and chat messages. Both go through here, so
// "only the uploader, only once" is one rule in one place.
import type { Executor } from '@zulin/db';
import { blindIndex } from '@zulin/identity';
import { type Clock, newId } from '@zulin/kernel';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type AttachedFile, uploads } from '../schema';

export type UploadOwner = { customerId: string } | { staffId: string };

/**
 * The keyed hash an upload is kept under. A customer's is the one feedback's author index uses
 * (`feedback_author`), so a customer's uploads and anonymous feedback stay linkable only by the key.
 */
export function uploadOwnerIndex(masterKey: Buffer, owner: UploadOwner): string {
  return 'customerId' in owner
    ? blindIndex(masterKey, 'feedback_author', owner.customerId)
    : blindIndex(masterKey, 'upload_staff', owner.staffId);
}

export interface StoredUpload {
  kind: 'image' | 'video';
  key: string;
  thumbnailKey: string | null;
  contentType: string;
  sizeBytes: number;
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
  deps: { clock: Clock; masterKey: Buffer },
  options: { owner: UploadOwner; stored: StoredUpload },
): Promise<UploadView> {
  const now = deps.clock.now();
  const id = newId('upl', deps.clock);
  const { stored } = options;
  await tx.insert(uploads).values({
    id,
    ownerIndex: uploadOwnerIndex(deps.masterKey, options.owner),
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

/**
 * Attaches the uploads to `attachedTo` (`feedback:<id>`, `ticket:<id>`, `chat:<id>`) in the order
 * given, locking them: each must be the owner's and not attached yet. Answers null (the caller
 * refuses with its own code) when one is someone else's, attached already, unknown, or repeated.
 */
export async function attachUploads(
  tx: Executor,
  options: { ownerIndex: string; uploadIds: readonly string[]; attachedTo: string },
): Promise<AttachedFile[] | null> {
  if (options.uploadIds.length === 0) return [];
  if (new Set(options.uploadIds).size !== options.uploadIds.length) return null;
  const rows = await tx
    .select()
    .from(uploads)
    .where(
      and(
        inArray(uploads.id, [...options.uploadIds]),
        eq(uploads.ownerIndex, options.ownerIndex),
        isNull(uploads.feedbackId),
        isNull(uploads.attachedTo),
      ),
    )
    .for('update');
  if (rows.length !== options.uploadIds.length) return null;
  await tx
    .update(uploads)
    .set({ attachedTo: options.attachedTo })
    .where(inArray(uploads.id, [...options.uploadIds]));
  return options.uploadIds.map((uploadId) => {
    const row = rows.find((r) => r.id === uploadId);
    if (row === undefined) throw new Error('unreachable: every id was found');
    return { uploadId, kind: row.kind, key: row.key, thumbnailKey: row.thumbnailKey };
  });
}

/** Whether `key` is one of the files (or their thumbnails). */
export function holdsKey(files: readonly AttachedFile[], key: string): boolean {
  return files.some((f) => f.key === key || f.thumbnailKey === key);
}
