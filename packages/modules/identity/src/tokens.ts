// Access tokens: short-lived JWTs (HS256) under a key derived from the master key. They carry
// who the caller is; a staff member's role and status are re-read on every request (auth-hook.ts).
import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { IdentityErrors } from './errors';
import { derivedKey } from './keys';
import { IdentityLimits } from './limits';

const ISSUER = 'zulin';
const AUDIENCE = 'zulin-api';

export type TokenSubject = { kind: 'customer'; customerId: string } | { kind: 'staff'; staffId: string };

export interface AccessToken {
  accessToken: string;
  expiresAt: Date;
}

export async function signAccessToken(masterKey: Buffer, now: Date, subject: TokenSubject): Promise<AccessToken> {
  const issuedAtSec = Math.floor(now.getTime() / 1000);
  const expiresAtSec = issuedAtSec + IdentityLimits.accessTokenTtlSec;
  const accessToken = await new SignJWT({ knd: subject.kind })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject.kind === 'customer' ? subject.customerId : subject.staffId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAtSec)
    .setExpirationTime(expiresAtSec)
    .sign(derivedKey(masterKey, 'jwt'));
  return { accessToken, expiresAt: new Date(expiresAtSec * 1000) };
}

export async function verifyAccessToken(masterKey: Buffer, now: Date, token: string): Promise<TokenSubject> {
  try {
    const { payload } = await jwtVerify(token, derivedKey(masterKey, 'jwt'), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const sub = payload.sub ?? '';
    if (payload.knd === 'customer' && sub.startsWith('cus_')) return { kind: 'customer', customerId: sub };
    if (payload.knd === 'staff' && sub.startsWith('stf_')) return { kind: 'staff', staffId: sub };
  } catch {
    // Any failure (signature, expiry, shape) is the same answer to the caller.
  }
  throw IdentityErrors.AUTH_TOKEN_INVALID();
}

/** A fresh opaque secret with a readable prefix (`zrt_…` refresh tokens, `zpk_…` partner keys). */
export function newOpaqueToken(prefix: 'zrt' | 'zpk'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
