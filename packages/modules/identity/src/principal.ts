// Who is calling. The platform's route guard (identity's auth-hook.ts) sets `request.principal`
// before any validation or handler runs, from the matched route's declared `config.auth`; handlers
// read it through the assertions below, which hold because the route declared the matching auth.
import { assert } from '@zulin/kernel';
import type { FastifyRequest } from 'fastify';
import type { Permission, Role } from './permissions';

export type CustomerPrincipal = { kind: 'customer'; customerId: string };
export type StaffPrincipal = {
  kind: 'staff';
  staffId: string;
  username: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
};
export type PartnerPrincipal = { kind: 'partner'; partnerId: string; scopes: ReadonlySet<string> };
export type Principal = CustomerPrincipal | StaffPrincipal | PartnerPrincipal;

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

// Route declarations name permissions by these names only (`config: { auth: { permission } }`).
declare module '@zulin/platform' {
  interface PermissionRegistry extends Record<Permission, true> {}
}

export function customerIdOf(request: FastifyRequest): string {
  const principal = request.principal;
  assert(principal?.kind === 'customer', 'customerIdOf needs a route declared auth: customer');
  return principal.customerId;
}

export function staffOf(request: FastifyRequest): StaffPrincipal {
  const principal = request.principal;
  assert(principal?.kind === 'staff', 'staffOf needs a route declared with a staff permission');
  return principal;
}

export function partnerOf(request: FastifyRequest): PartnerPrincipal {
  const principal = request.principal;
  assert(principal?.kind === 'partner', 'partnerOf needs a route declared with a partner scope');
  return principal;
}

/** The id the platform keys Idempotency-Key records by: `cus_…`, `stf_…`, `ptn_…`. */
export function principalIdOf(principal: Principal): string {
  switch (principal.kind) {
    case 'customer':
      return principal.customerId;
    case 'staff':
      return principal.staffId;
    case 'partner':
      return principal.partnerId;
  }
}
