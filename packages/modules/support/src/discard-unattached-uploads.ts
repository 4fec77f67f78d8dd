// Uploads nobody attached (issue #16): a customer who uploads a photo and never sends the feedback,
// ticket message or chat message it was for leaves a file behind. After a day (the client uploads and
// then sends within minutes) the sweep deletes the record and then — after the commit, outside the
// transaction — the bytes, unless another upload still names the same content (keys are content
// addressed, so two people's identical photo is one blob). A blob whose delete fails is left; the
// record is gone either way and nothing refers to it.
import { type Executor, queryRows, transaction } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { SupportLimits } from './limits';
import type { BlobStore } from './uploads/storage';

export type DiscardReport = { discarded: number; blobsDeleted: number };

export async function discardUnattachedUploads(
  db: Executor,
  deps: { clock: Clock; store: BlobStore },
  limit: number = SupportLimits.unattachedUploadsBatchSize,
): Promise<DiscardReport> {
  const cutoff = new Date(deps.clock.now().getTime() - SupportLimits.unattachedUploadKeepHours * 3_600_000);
  const discarded = await transaction(db, (tx) =>
    queryRows<{ key: string; thumbnail_key: string | null }>(
      tx,
      sql`delete from feedback_uploads where id in (
            select id from feedback_uploads
             where attached_to is null and feedback_id is null and created_at < ${cutoff.toISOString()}
             order by created_at limit ${limit} for update skip locked)
          returning key, thumbnail_key`,
    ),
  );
  const keys = [...new Set(discarded.flatMap((r) => (r.thumbnail_key === null ? [r.key] : [r.key, r.thumbnail_key])))];
  // One read for every key: which of them another upload record still names.
  const stillNamed =
    keys.length === 0
      ? new Set<string>()
      : new Set(
          (
            await queryRows<{ key: string }>(
              db,
              sql`select key from feedback_uploads where key in ${keys}
                  union select thumbnail_key from feedback_uploads where thumbnail_key in ${keys}`,
            )
          ).map((r) => r.key),
        );
  let blobsDeleted = 0;
  for (const key of keys) {
    if (stillNamed.has(key)) continue;
    try {
      await deps.store.delete(key);
      blobsDeleted++;
    } catch {
      // Left on disk: harmless (no record names it); the next upload of the same bytes reuses it.
    }
  }
  return { discarded: discarded.length, blobsDeleted };
}
