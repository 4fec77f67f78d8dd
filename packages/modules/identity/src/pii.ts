// Envelope encryption of personal data (PIPL art. 28, DOMAIN.md §2). Each value is encrypted with
// AES-256-GCM under a data key of the key ring; data keys are stored wrapped by a key derived from
// the master key, so a database dump holds neither a value nor a usable key. The newest data key
// encrypts; older ones still decrypt until `zulin keys rotate` has re-encrypted every column.
//
// Ciphertext text: `pii1.<key version>.<iv>.<ciphertext>.<tag>` (base64url parts); the prefix and
// version are authenticated as associated data.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { type Executor, queryRows } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { derivedKey } from './keys';

const FORMAT = 'pii1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CIPHERTEXT_PATTERN = /^pii1\.([1-9][0-9]{0,8})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;

// Data keys never change once written, so their clear form may be cached per master key.
const unwrapped = new WeakMap<Buffer, Map<number, Buffer>>();

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function gcmDecrypt(key: Buffer, parts: { iv: Buffer; ciphertext: Buffer; tag: Buffer }, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, parts.iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(parts.tag);
  return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]);
}

function wrapDataKey(masterKey: Buffer, version: number, dataKey: Buffer): string {
  const { iv, ciphertext, tag } = gcmEncrypt(derivedKey(masterKey, 'key-wrap'), dataKey, `datakey.${version}`);
  return Buffer.concat([iv, tag, ciphertext]).toString('base64url');
}

function unwrapDataKey(masterKey: Buffer, version: number, wrapped: string): Buffer {
  const bytes = Buffer.from(wrapped, 'base64url');
  const parts = {
    iv: bytes.subarray(0, IV_BYTES),
    tag: bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
    ciphertext: bytes.subarray(IV_BYTES + TAG_BYTES),
  };
  const key = gcmDecrypt(derivedKey(masterKey, 'key-wrap'), parts, `datakey.${version}`);
  assert(key.length === 32, 'a data key is 32 bytes');
  return key;
}

function cacheOf(masterKey: Buffer): Map<number, Buffer> {
  let cache = unwrapped.get(masterKey);
  if (cache === undefined) {
    cache = new Map();
    unwrapped.set(masterKey, cache);
  }
  return cache;
}

async function dataKey(db: Executor, masterKey: Buffer, version: number): Promise<Buffer> {
  const cache = cacheOf(masterKey);
  const cached = cache.get(version);
  if (cached) return cached;
  const rows = await queryRows<{ wrapped_key: string }>(
    db,
    sql`select wrapped_key from identity_data_keys where version = ${version}`,
  );
  const row = rows[0];
  assert(row !== undefined, `data key version ${version} is missing from the key ring`);
  const key = unwrapDataKey(masterKey, version, row.wrapped_key);
  cache.set(version, key);
  return key;
}

/** The version of the data key that encrypts new values (read every time, so a rotation takes effect at once). */
export async function activeKeyVersion(db: Executor): Promise<number | null> {
  const rows = await queryRows<{ v: number | null }>(db, sql`select max(version)::int as v from identity_data_keys`);
  return rows[0]?.v ?? null;
}

/** Adds a data key one version above the newest and returns its version; it encrypts from now on. */
export async function createDataKey(db: Executor, masterKey: Buffer, now?: Date): Promise<number> {
  const version = ((await activeKeyVersion(db)) ?? 0) + 1;
  const key = randomBytes(32);
  const inserted = await queryRows<{ version: number }>(
    db,
    sql`insert into identity_data_keys (version, wrapped_key, created_at)
        values (${version}, ${wrapDataKey(masterKey, version, key)}, coalesce(${now ?? null}::timestamptz, now()))
        on conflict (version) do nothing returning version`,
  );
  // Another process created the same version at the same moment: its key is as good as ours.
  if (inserted.length === 0) return version;
  cacheOf(masterKey).set(version, key);
  return version;
}

async function ensureActiveKey(db: Executor, masterKey: Buffer): Promise<number> {
  const active = await activeKeyVersion(db);
  if (active !== null) return active;
  // The first write of personal data creates the ring (stamped with the database's time).
  return createDataKey(db, masterKey);
}

export async function encryptPii(db: Executor, masterKey: Buffer, plaintext: string): Promise<string> {
  const version = await ensureActiveKey(db, masterKey);
  return encryptWith(version, await dataKey(db, masterKey, version), plaintext);
}

function encryptWith(version: number, key: Buffer, plaintext: string): string {
  const aad = `${FORMAT}.${version}`;
  const { iv, ciphertext, tag } = gcmEncrypt(key, Buffer.from(plaintext, 'utf8'), aad);
  return `${aad}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`;
}

export function isPiiCiphertext(value: string): boolean {
  return CIPHERTEXT_PATTERN.test(value);
}

/** The data-key version a ciphertext was written with. */
export function piiKeyVersion(ciphertext: string): number {
  const match = CIPHERTEXT_PATTERN.exec(ciphertext);
  assert(match !== null, 'not a PII ciphertext');
  return Number(match[1]);
}

export async function decryptPii(db: Executor, masterKey: Buffer, ciphertext: string): Promise<string> {
  const match = CIPHERTEXT_PATTERN.exec(ciphertext);
  assert(match !== null, 'not a PII ciphertext');
  const version = Number(match[1]);
  const key = await dataKey(db, masterKey, version);
  const parts = {
    iv: Buffer.from(match[2] ?? '', 'base64url'),
    ciphertext: Buffer.from(match[3] ?? '', 'base64url'),
    tag: Buffer.from(match[4] ?? '', 'base64url'),
  };
  return gcmDecrypt(key, parts, `${FORMAT}.${version}`).toString('utf8');
}

/** Decrypts a nullable column value. */
export async function decryptPiiOrNull(db: Executor, masterKey: Buffer, ciphertext: string | null) {
  return ciphertext === null ? null : decryptPii(db, masterKey, ciphertext);
}

/** Re-encrypts a value under the active key (used by key rotation); returns it unchanged when already there. */
export async function reencryptPii(db: Executor, masterKey: Buffer, ciphertext: string, activeVersion: number) {
  if (piiKeyVersion(ciphertext) === activeVersion) return ciphertext;
  const plaintext = await decryptPii(db, masterKey, ciphertext);
  return encryptWith(activeVersion, await dataKey(db, masterKey, activeVersion), plaintext);
}

/**
 * A keyed hash for exact lookup of an encrypted value: HMAC-SHA256 under a key derived from the
 * master key, separated by kind so that equal strings of different kinds do not match. The value
 * is normalized first (see `normalizeForIndex`), so `+86 138-0013-8000` and `+8613800138000` match.
 */
export function blindIndex(masterKey: Buffer, kind: string, value: string): string {
  assert(/^[a-z_]{2,32}$/.test(kind), `blind index kind must be a short lowercase name: ${kind}`);
  return createHmac('sha256', derivedKey(masterKey, 'blind-index'))
    .update(`${kind}\u0000${normalizeForIndex(value)}`)
    .digest('hex');
}

export function normalizeForIndex(value: string): string {
  return value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}
