// Caching of public reads (the catalog, feedback's thanks list): a weak ETag over the answer and
// `Cache-Control: public, no-cache`, with `If-None-Match` answered 304 without a body.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * How browsers and proxies may keep a public read: stored, but revalidated at every use
 * (`no-cache`), because no cache can be told when an operator publishes, reprices or adds a colour
 * and the next page load must show it (a `max-age` of even 5 s showed the customer the page before
 * the operator's change). Revalidation is cheap where it matters: the ETag matches and the answer is
 * a bodiless 304.
 */
export const publicCacheControl = 'public, no-cache';

/** The weak ETag of a serialised public answer: a hash of its bytes. */
export function weakEtagOf(payload: string | Buffer): string {
  return `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
}

/**
 * The `onSend` hook of public reads: a weak ETag (a hash of the serialised body) and
 * `publicCacheControl`, and `If-None-Match` with that tag answered 304 without a body. Only 200s are
 * tagged; an error or a 404 keeps the platform's headers. A route that sends an answer it keeps
 * serialised (a cache) sets the tag it computed with `weakEtagOf` then, and the hook keeps it.
 */
export async function publicCaching(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
  const preset = reply.getHeader('etag');
  const etag = typeof preset === 'string' ? preset : weakEtagOf(payload);
  reply.header('etag', etag);
  reply.header('cache-control', publicCacheControl);
  if (!matchesIfNoneMatch(request.headers['if-none-match'], etag)) return payload;
  reply.code(304);
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  return '';
}

/** RFC 9110 §13.1.2: "*" or a list of tags, compared weakly (the W/ prefix ignored). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}
