// Sessions: a short-lived access token plus an opaque refresh token stored as its SHA-256. Each
// refresh rotates the token inside its family; presenting a token that was already rotated (or
// revoked) means it leaked or was replayed, so the whole family is revoked.
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
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

export async function insertRefreshToken(
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

export async function revokeFamily(tx: Executor, familyId: string, now: Date): Promise<void> {
  await tx.execute(
    sql`update identity_refresh_tokens set revoked_at = ${now} where family_id = ${familyId} and revoked_at is null`,
  );
}

/** Revokes every session of a subject (staff disabled, customer blocked). */
export async function revokeAllSessions(tx: Executor, now: Date, subject: TokenSubject): Promise<void> {
  const { kind, id } = subjectColumns(subject);
  await tx.execute(sql`update identity_refresh_tokens set revoked_at = ${now}
      where subject_kind = ${kind} and subject_id = ${id} and revoked_at is null`);
}
