// What the catalog's route files share: who is acting, the auth declarations, the tags.
import { weakEtagOf } from '@zulin/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../audit';
import type { CachedAnswer } from '../read-cache';

export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (principal?.kind === 'staff') return principal;
  if (principal?.kind === 'customer') return principal;
  if (principal?.kind === 'partner') return principal;
  return { kind: 'system' };
}

export const read = { auth: { permission: 'catalog.read' as const } };
export const write = { auth: { permission: 'catalog.write' as const } };
export const adminTags = ['catalog (admin)'];
export const publicTags = ['catalog'];

// The public reads' caching (ETag, `public, no-cache`, 304) is the platform's, shared with other
// modules' public reads.
export { matchesIfNoneMatch, publicCaching } from '@zulin/platform';

/** A public answer serialised by the route's own response schema, with its weak ETag, as the read cache keeps it. */
export function serialised(reply: FastifyReply, value: unknown): CachedAnswer {
  const body = String(reply.serialize(value));
  return { body, etag: weakEtagOf(body) };
}

/**
 * Sends a serialised answer as it is: no second serialisation, and `publicCaching` (the route's
 * `onSend`) keeps its tag, sets Cache-Control and answers a matching If-None-Match with a 304.
 */
export function sendAnswer(reply: FastifyReply, answer: CachedAnswer): FastifyReply {
  return reply.header('etag', answer.etag).type('application/json; charset=utf-8').send(answer.body);
}
