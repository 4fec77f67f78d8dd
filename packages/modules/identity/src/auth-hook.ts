// The root-level authentication and authorization of every /v1 route. Each route declares who may
// call it (`config.auth`, see principal.ts); this hook authenticates the caller before validation
// and the idempotency store, and enforces the declaration. A route without a declaration is
// reported at start and fails the route-walking test (auth-coverage.test.ts).
import { KernelErrors } from '@zulin/kernel';
import type { AppContext } from '@zulin/server/context';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { recordAudit } from './audit';
import { authenticate, credentialsOf } from './authenticate';
import { type AuthRequirement, type Principal, principalIdOf } from './principal';

export interface DeclaredRoute {
  method: string;
  url: string;
  auth: AuthRequirement | undefined;
  /** The route's JSON schemas (params, querystring, body), for tests that call every route. */
  schema: Record<string, unknown> | undefined;
}

const routesByApp = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every /v1 route of the app and what it declared, in registration order (for tests and docs). */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return routesByApp.get(app) ?? [];
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  const declared: DeclaredRoute[] = [];
  routesByApp.set(app, declared);

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/v1/')) return;
    const auth = route.config?.auth;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') {
        declared.push({ method, url: route.url, auth, schema: route.schema as Record<string, unknown> | undefined });
      }
    }
    if (auth === undefined) {
      ctx.logger.warn({ url: route.url }, 'route declares no config.auth');
      return;
    }
    if (auth !== 'public' && !route.schema?.hide) {
      route.schema ??= {};
      (route.schema as Record<string, unknown>).security ??= [{ bearer: [] }];
    }
  });

  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config?.auth;
    if (!request.url.startsWith('/v1/')) return;
    let principal: Principal | undefined;
    try {
      principal = await authenticate(ctx.database.db, ctx.config.masterKey, ctx.clock.now(), {
        ...credentialsOf(request.headers),
      });
    } catch (error) {
      // A stale token on a public route is no reason to refuse it; everywhere else it is.
      if (auth === 'public' || auth === undefined) return;
      throw error;
    }
    if (principal !== undefined) {
      request.principal = principal;
      request.principalId = principalIdOf(principal);
    }
    if (auth !== undefined) enforce(request, auth);
  });

  // A safety net under the modules' own audit entries: every changing request by staff is
  // recorded with its route and outcome, even where a module wrote no entry of its own.
  app.addHook('onResponse', async (request, reply) => {
    const principal = request.principal;
    if (principal?.kind !== 'staff' || ['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    try {
      await recordAudit(ctx.database.db, {
        actor: principal,
        action: 'http.staff_request',
        targetType: 'route',
        targetId: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        ip: request.ip,
        detail: { path: request.url.split('?')[0], status: reply.statusCode, requestId: request.id },
        at: ctx.clock.now(),
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not audit a staff request');
    }
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
