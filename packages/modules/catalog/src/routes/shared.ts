// What the catalog's route files share: who is acting, the auth declarations, the tags.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit';

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
