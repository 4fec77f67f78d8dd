// The idempotency store behind the `Idempotency-Key` header. The first request with a key claims
// it; its response (status and body) is kept for 24 hours and replayed for the same key. The same
// key with a different request is refused, and so is a second request while the first still runs.
import { assert, KernelErrors, Limits } from '@zulin/kernel';
import { and, eq, lt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from './database';
import { idempotencyKeys } from './schema';

export interface IdempotencyClaim {
  /** Who the key belongs to (a customer, a staff member, a partner, or the client address). */
  scope: string;
  key: string;
  /** Hash of method, path and body: what "the same request" means. */
  requestHash: string;
  /** Names this claim; only its holder may record the answer (`completeIdempotencyKey`). */
  token: string;
  now: Date;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: string; contentType: string | null };

export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

export async function claimIdempotencyKey(db: Executor, claim: IdempotencyClaim): Promise<ClaimOutcome> {
  assert(idempotencyKeyPattern.test(claim.key), 'the route validated the key');
  const expiresAt = new Date(claim.now.getTime() + Limits.idempotencyTtlMs);
  // A claim still "in progress" long after any request could have timed out belongs to a process
  // that died mid-request; the client may then retry it.
  const staleBefore = new Date(claim.now.getTime() - 2 * Limits.httpRequestTimeoutMs);
  // Insert, or take over a row that expired; a live row is left as it is and read back below.
  const claimed = await queryRows<{ key: string }>(
    db,
    sql`insert into ${idempotencyKeys} (scope, key, request_hash, state, claim_token, created_at, expires_at)
        values (${claim.scope}, ${claim.key}, ${claim.requestHash}, 'in_progress', ${claim.token},
                ${claim.now.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz)
        on conflict (scope, key) do update
          set request_hash = excluded.request_hash, state = 'in_progress', response_status = null,
              response_body = null, response_content_type = null, claim_token = excluded.claim_token,
              created_at = excluded.created_at, expires_at = excluded.expires_at
          where ${idempotencyKeys.expiresAt} <= excluded.created_at
             or (${idempotencyKeys.state} = 'in_progress' and ${idempotencyKeys.createdAt} <= ${staleBefore.toISOString()}::timestamptz)
        returning key`,
  );
  if (claimed.length > 0) return { kind: 'claimed' };
  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key)));
  assert(existing, 'a key that was not claimed exists');
  if (existing.requestHash !== claim.requestHash) {
    throw KernelErrors.IDEMPOTENCY_KEY_REUSED({
      detail: 'This Idempotency-Key was already used for a different request.',
    });
  }
  if (existing.state === 'in_progress') {
    throw KernelErrors.IDEMPOTENCY_REQUEST_IN_PROGRESS({
      detail: 'A request with this Idempotency-Key is still being processed; retry later.',
      headers: { 'retry-after': '1' },
    });
  }
  assert(existing.responseStatus !== null && existing.responseBody !== null, 'a completed key has its response');
  return {
    kind: 'replay',
    status: existing.responseStatus,
    body: existing.responseBody,
    contentType: existing.responseContentType,
  };
}

/**
 * Records the answer of the claim `token` holds. Run it in the command's own transaction: then a
 * committed command always has its answer and a rolled-back one never does. False when the claim
 * is no longer this token's (it was taken over after looking abandoned): the caller must then roll
 * its command back. The update locks the row, so a takeover racing this transaction waits for it
 * and then finds the key completed.
 */
export async function completeIdempotencyKey(
  db: Executor,
  claim: { scope: string; key: string; token: string },
  response: { status: number; body: string; contentType: string | null },
): Promise<boolean> {
  const updated = await db
    .update(idempotencyKeys)
    .set({
      state: 'completed',
      responseStatus: response.status,
      responseBody: response.body,
      responseContentType: response.contentType,
      claimToken: null,
    })
    .where(
      and(
        eq(idempotencyKeys.scope, claim.scope),
        eq(idempotencyKeys.key, claim.key),
        eq(idempotencyKeys.state, 'in_progress'),
        eq(idempotencyKeys.claimToken, claim.token),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return updated.length === 1;
}

/** Frees a key whose request failed on our side (5xx), so that the client may retry it. */
export async function releaseIdempotencyKey(
  db: Executor,
  claim: { scope: string; key: string; token: string },
): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.scope, claim.scope),
        eq(idempotencyKeys.key, claim.key),
        eq(idempotencyKeys.state, 'in_progress'),
        eq(idempotencyKeys.claimToken, claim.token),
      ),
    );
}

export async function purgeExpiredIdempotencyKeys(db: Executor, now: Date): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, now))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
