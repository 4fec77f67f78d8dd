// Identity's part of "deny by default": the platform reads the matched route's declared `auth` and
// hands it here (`identityGuard`); this authenticates the caller's credentials and enforces the
// declaration. A stale token on a public route is no reason to refuse it; everywhere else it is.
import { KernelErrors } from '@zulin/kernel';
import type { AppContext, AuthRequirement, RouteGuard } from '@zulin/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from './audit';
import { authenticate, credentialsOf } from './authenticate';
import { isPermission } from './permissions';
import { type Principal, principalIdOf } from './principal';

export function identityGuard(ctx: AppContext): RouteGuard {
  return async (request, auth) => {
    let principal: Principal | undefined;
    try {
      principal = await authenticate(ctx.database.db, ctx.config.masterKey, ctx.clock.now(), {
        ...credentialsOf(request.headers),
      });
    } catch (error) {
      if (auth === 'public') return;
      throw error;
    }
    if (principal !== undefined) {
      request.principal = principal;
      request.principalId = principalIdOf(principal);
    }
    enforce(request, auth);
  };
}

/** Refuses, when the app starts, a route that names a permission no role can have. */
export function checkDeclaredPermissions(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const auth = route.config?.auth;
    if (auth !== undefined && typeof auth === 'object' && 'permission' in auth && !isPermission(auth.permission)) {
      throw new Error(`${route.url} declares an unknown permission ${auth.permission}`);
    }
    if (auth !== undefined && auth !== 'public' && !route.schema?.hide) {
      route.schema ??= {};
      (route.schema as Record<string, unknown>).security ??= [{ bearer: [] }];
    }
  });
}

/**
 * A safety net under the modules' own audit entries: every changing request by staff is recorded
 * with its route and outcome, even where a module wrote no entry of its own. It is written before
 * the answer is sent (onSend, not onResponse), so whoever acts on the answer finds the entry.
 */
export function auditStaffRequests(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const principal = request.principal;
    if (principal?.kind !== 'staff' || ['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return payload;
    try {
      await recordAudit(ctx.database.db, {
        actor: principal,
        action: 'http.staff_request',
        targetType: 'route',
        targetId: `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
        ip: request.ip,
        detail: { route: request.routeOptions.url ?? null, status: reply.statusCode, requestId: request.id },
        at: ctx.clock.now(),
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not audit a staff request');
    }
    return payload;
  });
}

function enforce(request: FastifyRequest, auth: AuthRequirement): void {
  if (auth === 'public') return;
  const principal = request.principal;
  if (auth === 'customer') {
    if (principal?.kind !== 'customer') throw unauthenticated('Sign in as a customer.');
    return;
  }
  if (auth === 'staff') {
    if (principal?.kind !== 'staff') throw unauthenticated('Sign in as staff.');
    return;
  }
  if ('permission' in auth) {
    if (principal?.kind !== 'staff') throw unauthenticated('Sign in as staff.');
    if (!principal.permissions.has(auth.permission)) {
      throw KernelErrors.FORBIDDEN({
        detail: `Your role (${principal.role}) lacks the permission ${auth.permission}.`,
      });
    }
    return;
  }
  if (principal?.kind !== 'partner') throw unauthenticated('Send a partner API key.');
  if (!principal.scopes.has(auth.partnerScope)) {
    throw KernelErrors.FORBIDDEN({ detail: `This API key lacks the scope ${auth.partnerScope}.` });
  }
}

function unauthenticated(detail: string) {
  return KernelErrors.UNAUTHENTICATED({ detail, headers: { 'www-authenticate': 'Bearer' } });
}
