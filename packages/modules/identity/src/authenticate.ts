// Turns the credentials of a request into a Principal: a bearer access token (customer or staff),
// or a partner API key (`Authorization: Bearer zpk_…` or `X-Api-Key: zpk_…`).
import { type Executor, queryRows } from '@zulin/db';
import { sql } from 'drizzle-orm';
import { IdentityErrors } from './errors';
import { isRole, permissionsOf } from './permissions';
import type { Principal } from './principal';
import { sha256Hex, verifyAccessToken } from './tokens';

export interface Credentials {
  bearer?: string | undefined;
  apiKey?: string | undefined;
}

export function credentialsOf(headers: Record<string, string | string[] | undefined>): Credentials {
  const authorization = headers.authorization;
  const apiKey = headers['x-api-key'];
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return { bearer: match?.[1] ?? webSocketBearer(headers), apiKey: typeof apiKey === 'string' ? apiKey : undefined };
}

/** The subprotocol entry that carries an access token on a WebSocket upgrade: `bearer.<token>`. */
export const webSocketBearerPrefix = 'bearer.';

/**
 * A browser cannot set headers on a WebSocket, and a token in the URL would end up in logs and
 * histories: the page offers it as one of the subprotocols (`Sec-WebSocket-Protocol: zulin.chat.v1,
 * bearer.<token>`) and the server answers with the other one. Read only on an upgrade request.
 */
function webSocketBearer(headers: Record<string, string | string[] | undefined>): string | undefined {
  const upgrade = headers.upgrade;
  const protocols = headers['sec-websocket-protocol'];
  if (typeof upgrade !== 'string' || upgrade.toLowerCase() !== 'websocket' || typeof protocols !== 'string') {
    return undefined;
  }
  const entry = protocols
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(webSocketBearerPrefix));
  const token = entry?.slice(webSocketBearerPrefix.length);
  return token !== undefined && token.length > 0 ? token : undefined;
}

/** The principal of these credentials, `undefined` when there are none; throws when they are bad. */
export async function authenticate(
  db: Executor,
  masterKey: Buffer,
  now: Date,
  credentials: Credentials,
): Promise<Principal | undefined> {
  const partnerKey = credentials.apiKey ?? (credentials.bearer?.startsWith('zpk_') ? credentials.bearer : undefined);
  if (partnerKey !== undefined) return authenticatePartner(db, now, partnerKey);
  if (credentials.bearer === undefined) return undefined;
  const subject = await verifyAccessToken(masterKey, now, credentials.bearer);
  if (subject.kind === 'customer') return { kind: 'customer', customerId: subject.customerId };
  return authenticateStaff(db, subject.staffId);
}

// Staff are re-read on every request, so that disabling an account or changing a role acts at once.
async function authenticateStaff(db: Executor, staffId: string): Promise<Principal> {
  const rows = await queryRows<{ username: string; role: string; status: string }>(
    db,
    sql`select username, role, status from identity_staff where id = ${staffId}`,
  );
  const row = rows[0];
  if (row === undefined || !isRole(row.role)) throw IdentityErrors.AUTH_TOKEN_INVALID();
  if (row.status !== 'active') throw IdentityErrors.AUTH_STAFF_DISABLED();
  return { kind: 'staff', staffId, username: row.username, role: row.role, permissions: permissionsOf(row.role) };
}

async function authenticatePartner(db: Executor, now: Date, key: string): Promise<Principal> {
  const rows = await queryRows<{ partner_id: string; scopes: string[] | string }>(
    db,
    sql`select partner_id, scopes from identity_partner_keys
        where key_hash = ${sha256Hex(key)} and (revoked_at is null or revoked_at > ${now})`,
  );
  const row = rows[0];
  if (row === undefined) throw IdentityErrors.AUTH_TOKEN_INVALID({ detail: 'Unknown or revoked API key.' });
  const scopes = typeof row.scopes === 'string' ? (JSON.parse(row.scopes) as string[]) : row.scopes;
  return { kind: 'partner', partnerId: row.partner_id, scopes: new Set(scopes) };
}
