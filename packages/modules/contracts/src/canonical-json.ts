// Canonical JSON (RFC 8785, JSON Canonicalization Scheme) through the `canonicalize` package: keys
// sorted by UTF-16 code units, no whitespace, numbers in ECMAScript form. The same value gives the
// same bytes whatever the order its keys were written in, so a hash over it is stable.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('canonical JSON: the value has no JSON form');
  return text;
}

export function sha256Hex(...parts: (Buffer | string)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
