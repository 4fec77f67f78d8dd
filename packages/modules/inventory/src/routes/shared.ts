// What the inventory's route files share: who is acting, the auth declarations, the tags.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit';

export function actorOf(request: FastifyRequest): Actor {
  return request.principal ?? { kind: 'system' };
}

export const read = { auth: { permission: 'inventory.read' as const } };
export const write = { auth: { permission: 'inventory.write' as const } };
export const procure = { auth: { permission: 'procurement.write' as const } };
export const tags = ['inventory (admin)'];
