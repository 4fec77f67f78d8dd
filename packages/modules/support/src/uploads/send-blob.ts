// Answering with a stored upload: the content type from the key's extension, private caching, and
// headers that keep a browser from running or sniffing it. The caller has checked that the object
// it reads through (a feedback, a ticket, a chat) holds the key.
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { BlobStore } from './storage';

const contentTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** Route params of a file read through its holder: `/…/:id/files/:key`. */
export const FileParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  key: Type.String({ minLength: 1, maxLength: 80 }),
});
export const BinaryResponse = Type.Unsafe<Buffer>(
  Type.String({ contentEncoding: 'binary', description: 'The file bytes' }),
);

/** Sends the blob, or answers null when the store does not have it (the caller throws its own 404). */
export async function sendBlob(store: BlobStore, key: string, reply: FastifyReply): Promise<FastifyReply | null> {
  const bytes = await store.get(key);
  if (bytes === null) return null;
  return reply
    .type(contentTypes[key.split('.').at(-1) ?? ''] ?? 'application/octet-stream')
    .header('cache-control', 'private, max-age=3600')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(bytes));
}
