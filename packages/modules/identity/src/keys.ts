// Keys derived from the master key for one purpose each (HKDF-SHA256), so that the token key, the
// blind-index key and the key that wraps data keys never coincide.
import { hkdfSync } from 'node:crypto';
import { assert } from '@zulin/kernel';

const cache = new WeakMap<Buffer, Map<string, Buffer>>();

export type KeyPurpose = 'jwt' | 'blind-index' | 'key-wrap' | 'oauth-sandbox' | 'sms-code';

export function derivedKey(masterKey: Buffer, purpose: KeyPurpose): Buffer {
  assert(masterKey.length === 32, 'the master key is 32 bytes');
  let byPurpose = cache.get(masterKey);
  if (byPurpose === undefined) {
    byPurpose = new Map();
    cache.set(masterKey, byPurpose);
  }
  let key = byPurpose.get(purpose);
  if (key === undefined) {
    key = Buffer.from(hkdfSync('sha256', masterKey, 'zulin', `zulin:${purpose}:v1`, 32));
    byPurpose.set(purpose, key);
  }
  return key;
}
