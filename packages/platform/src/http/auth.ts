// Deny by default, decided on the matched route. Every route declares who may call it in its own
// options (`config: { auth }`); a route without a declaration stops the app from starting. One
// hook, at the root, reads the declaration of the route the router matched — never the URL's text,
// which may be percent-encoded, absolute-form or otherwise odd — and hands it to the guard that
// the identity module provides. Without a guard, only public routes answer.
import { KernelErrors } from '@zulin/kernel';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';

/**
 * Permission names, declared by the module that defines them (identity) through declaration
 * merging: `declare module '@zulin/platform' { interface PermissionRegistry extends Record<Permission, true> {} }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface PermissionRegistry {}
export type PermissionName = [keyof PermissionRegistry] extends [never] ? string : keyof PermissionRegistry & string;

/**
 * What a route requires, declared in its options as `config: { auth }`:
 * `'public'` anyone; `'customer'` a signed-in customer; `'staff'` any signed-in staff member;
 * `{ permission }` staff whose role has it; `{ partnerScope }` a partner key with that scope.
 */
export type AuthRequirement =
  | 'public'
  | 'customer'
  | 'staff'
  | { permission: PermissionName }
  | { partnerScope: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthRequirement;
  }
}

/** Authenticates the caller of a matched route and enforces its declared requirement; throws an AppError. */
export type RouteGuard = (request: FastifyRequest, auth: AuthRequirement) => Promise<void>;

export interface DeclaredRoute {
  method: string;
  url: string;
  auth: AuthRequirement;
  /** The route's JSON schemas (params, querystring, body), for tests that call every route. */
  schema: Record<string, unknown> | undefined;
  /** Hidden from the API reference (web apps, docs, raw webhooks). */
  hidden: boolean;
}

const routesByApp = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route of the app and what it declared, in registration order (for walkers and docs). */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return routesByApp.get(app) ?? [];
}

/** A plugin's own routes that serve public files (web apps, the API reference) declare it here. */
export function declarePublicRoutes(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route: RouteOptions) => {
    route.config = { ...route.config, auth: route.config?.auth ?? 'public' };
  });
}

export function registerRouteGuard(app: FastifyInstance, guard: RouteGuard | undefined): void {
  const pending: RouteOptions[] = [];
  routesByApp.set(app, []);
  app.addHook('onRoute', (route: RouteOptions) => {
    // CORS answers preflight requests on a catch-all route of its own; they carry no credentials.
    if (route.method === 'OPTIONS' && route.url === '*') route.config = { ...route.config, auth: 'public' };
    pending.push(route);
  });
  // Checked once every plugin's own onRoute hooks have run: a route that declares nothing is a bug
  // that must not reach production, so the app refuses to start.
  app.addHook('onReady', async () => {
    const declared = routesByApp.get(app) ?? [];
    const missing: string[] = [];
    for (const route of pending.splice(0)) {
      const auth = route.config?.auth;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (auth === undefined) {
        missing.push(`${methods.join(',')} ${route.url}`);
        continue;
      }
      for (const method of methods) {
        if (method === 'HEAD') continue;
        declared.push({
          method,
          url: route.url,
          auth,
          schema: route.schema as Record<string, unknown> | undefined,
          hidden: Boolean(route.schema?.hide),
        });
      }
    }
    if (missing.length > 0) throw new Error(`routes without config.auth: ${missing.join('; ')}`);
  });

  app.addHook('onRequest', async (request) => {
    // No route matched: the not-found handler answers, and it serves nothing protected.
    if (request.is404) return;
    const auth = request.routeOptions.config?.auth;
    if (auth === undefined) throw KernelErrors.INTERNAL({ detail: 'This route declares no access rule.' });
    if (guard) return guard(request, auth);
    if (auth !== 'public') {
      throw KernelErrors.UNAUTHENTICATED({ detail: 'Sign in first.', headers: { 'www-authenticate': 'Bearer' } });
    }
  });
}
