// Who is calling. The root-level auth hook (auth-hook.ts) sets `request.principal` before any
// validation or handler runs; handlers read it through the assertions below, which hold because
// the route declared the matching `config.auth`.
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

/**
 * What a route requires, declared in its options as `config: { auth }`:
 * `'public'` anyone; `'customer'` a signed-in customer; `'staff'` any signed-in staff member;
 * `{ permission }` staff whose role has it; `{ partnerScope }` a partner key with that scope.
 */
export type AuthRequirement = 'public' | 'customer' | 'staff' | { permission: Permission } | { partnerScope: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    auth?: AuthRequirement;
    /**
     * The response carries secrets or clear personal data (tokens, a PII reveal): it must never be
     * stored for Idempotency-Key replay, so the platform's idempotency hook ignores that header here.
     */
    sensitiveResponse?: boolean;
  }
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
