// Rotates a refresh token within its family; a reused or revoked token revokes the whole family,
// except a repeat within IdentityLimits.refreshReuseGraceMs of the rotation (a second tab).
import { type Executor, queryRows } from '@zulin/db';
import { type Refusal, refuse } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { IdentityErrors } from './errors';
import { IdentityLimits } from './limits';
import { insertRefreshToken, revokeFamily, type Session } from './sessions';
import { sha256Hex, signAccessToken, type TokenSubject } from './tokens';

interface RefreshRow {
  id: string;
  family_id: string;
  subject_kind: 'customer' | 'staff';
  subject_id: string;
  expires_at: Date | string;
  rotated_at: Date | string | null;
  revoked_at: Date | string | null;
}

type RefreshOutcome = { kind: 'ok'; session: Session } | { kind: 'reused' } | { kind: 'invalid' };

/**
 * Rotates a refresh token. A reused one revokes its whole family: that revocation must commit
 * although the caller gets an error, so the refusal is returned (`refuse`), not thrown.
 */
export async function refreshSession(
  tx: Executor,
  masterKey: Buffer,
  now: Date,
  refreshToken: string,
): Promise<Session | Refusal> {
  const outcome = await (async (): Promise<RefreshOutcome> => {
    const rows = await queryRows<RefreshRow>(
      tx,
      sql`select id, family_id, subject_kind, subject_id, expires_at, rotated_at, revoked_at
          from identity_refresh_tokens where token_hash = ${sha256Hex(refreshToken)} for update`,
    );
    const row = rows[0];
    if (row === undefined) return { kind: 'invalid' };
    // A token rotated moments ago and presented again is a second tab that read it before the
    // first tab's answer arrived: it gets a sibling pair in the family. Any other repeat is a reuse.
    const rotatedMsAgo = row.rotated_at === null ? null : now.getTime() - new Date(row.rotated_at).getTime();
    const secondTab = rotatedMsAgo !== null && rotatedMsAgo <= IdentityLimits.refreshReuseGraceMs;
    if (row.revoked_at !== null || (row.rotated_at !== null && !secondTab)) {
      await revokeFamily(tx, row.family_id, now);
      return { kind: 'reused' };
    }
    if (new Date(row.expires_at).getTime() <= now.getTime()) return { kind: 'invalid' };
    const subject: TokenSubject =
      row.subject_kind === 'customer'
        ? { kind: 'customer', customerId: row.subject_id }
        : { kind: 'staff', staffId: row.subject_id };
    if (!(await subjectIsActive(tx, subject))) {
      await revokeFamily(tx, row.family_id, now);
      return { kind: 'invalid' };
    }
    // The first rotation's time stays: the grace runs from it, not from the latest repeat.
    if (!secondTab) await tx.execute(sql`update identity_refresh_tokens set rotated_at = ${now} where id = ${row.id}`);
    // Customers slide their 30 days forward; a staff session keeps the end it got at login.
    const expiresAt =
      subject.kind === 'customer'
        ? new Date(now.getTime() + IdentityLimits.customerRefreshTtlMs)
        : new Date(row.expires_at);
    const next = await insertRefreshToken(tx, subject, row.family_id, now, expiresAt);
    const access = await signAccessToken(masterKey, now, subject);
    return {
      kind: 'ok',
      session: {
        accessToken: access.accessToken,
        accessTokenExpiresAt: access.expiresAt.toISOString(),
        refreshToken: next,
      },
    };
  })();
  if (outcome.kind === 'reused') return refuse(IdentityErrors.AUTH_REFRESH_TOKEN_REUSED());
  if (outcome.kind === 'invalid') return refuse(IdentityErrors.AUTH_REFRESH_TOKEN_INVALID());
  return outcome.session;
}

async function subjectIsActive(tx: Executor, subject: TokenSubject): Promise<boolean> {
  const rows =
    subject.kind === 'customer'
      ? await queryRows(
          tx,
          sql`select 1 from identity_customers where id = ${subject.customerId} and status = 'active'`,
        )
      : await queryRows(tx, sql`select 1 from identity_staff where id = ${subject.staffId} and status = 'active'`);
  return rows.length > 0;
}
