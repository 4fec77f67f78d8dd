// Where upload bytes are kept. Keys are content-addressed — the SHA-256 of the bytes and the
// extension — so the same photo uploaded twice is stored once, a key says nothing about who sent
// it, and a key can be checked against one strict pattern before it touches a path or a URL.
import { createHash } from 'node:crypto';

export const blobKeyPattern = /^[a-f0-9]{64}\.(jpg|png|webp|mp4|mov)$/;

export type BlobExtension = 'jpg' | 'png' | 'webp' | 'mp4' | 'mov';

export function blobKeyOf(bytes: Uint8Array, extension: BlobExtension): string {
  return `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
}

export function isBlobKey(key: string): boolean {
  return blobKeyPattern.test(key);
}

export interface BlobStore {
  /** Stores the bytes under their content key (a no-op when present) and returns the key. */
  put(bytes: Uint8Array, extension: BlobExtension, contentType: string): Promise<string>;
  /** The bytes, or null when no blob has this key. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}
