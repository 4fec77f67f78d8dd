// Sessions: a short-lived access token plus an opaque refresh token stored as its SHA-256. Each
// refresh rotates the token inside its family; presenting a token that was already rotated (or
// revoked) means it leaked or was replayed, so the whole family is revoked.
import { type Executor, queryRows, transaction } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { type Refusal, refuse } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { IdentityErrors } from './errors';
import { IdentityLimits } from './limits';
import { newOpaqueToken, sha256Hex, signAccessToken, type TokenSubject } from './tokens';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

function subjectColumns(subject: TokenSubject): { kind: 'customer' | 'staff'; id: string } {
  return subject.kind === 'customer'
    ? { kind: 'customer', id: subject.customerId }
    : { kind: 'staff', id: subject.staffId };
}

async function insertRefreshToken(
  tx: Executor,
  subject: TokenSubject,
  familyId: string,
  now: Date,
  expiresAt: Date,
): Promise<string> {
  const token = newOpaqueToken('zrt');
  const { kind, id } = subjectColumns(subject);
  await tx.execute(sql`
    insert into identity_refresh_tokens (id, family_id, subject_kind, subject_id, token_hash, created_at, expires_at)
    values (${newId('rtk')}, ${familyId}, ${kind}, ${id}, ${sha256Hex(token)}, ${now}, ${expiresAt})`);
  return token;
}

/** Starts a new session (a new refresh-token family) for a subject who just proved who they are. */
export async function startSession(
  tx: Executor,
  masterKey: Buffer,
  now: Date,
  subject: TokenSubject,
): Promise<Session> {
  const ttlMs = subject.kind === 'customer' ? IdentityLimits.customerRefreshTtlMs : IdentityLimits.staffSessionTtlMs;
  const refreshToken = await insertRefreshToken(tx, subject, newId('rtf'), now, new Date(now.getTime() + ttlMs));
  const access = await signAccessToken(masterKey, now, subject);
  return { accessToken: access.accessToken, accessTokenExpiresAt: access.expiresAt.toISOString(), refreshToken };
}

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
    if (row.rotated_at !== null || row.revoked_at !== null) {
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
    await tx.execute(sql`update identity_refresh_tokens set rotated_at = ${now} where id = ${row.id}`);
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

async function revokeFamily(tx: Executor, familyId: string, now: Date): Promise<void> {
  await tx.execute(
    sql`update identity_refresh_tokens set revoked_at = ${now} where family_id = ${familyId} and revoked_at is null`,
  );
}

/** Ends the session the refresh token belongs to; unknown tokens are ignored (logout always succeeds). */
export async function endSession(db: Executor, now: Date, refreshToken: string): Promise<void> {
  await transaction(db, async (tx) => {
    const rows = await queryRows<{ family_id: string }>(
      tx,
      sql`select family_id from identity_refresh_tokens where token_hash = ${sha256Hex(refreshToken)}`,
    );
    const row = rows[0];
    if (row !== undefined) await revokeFamily(tx, row.family_id, now);
  });
}

/** Revokes every session of a subject (staff disabled, customer blocked). */
export async function revokeAllSessions(tx: Executor, now: Date, subject: TokenSubject): Promise<void> {
  const { kind, id } = subjectColumns(subject);
  await tx.execute(sql`update identity_refresh_tokens set revoked_at = ${now}
      where subject_kind = ${kind} and subject_id = ${id} and revoked_at is null`);
}
