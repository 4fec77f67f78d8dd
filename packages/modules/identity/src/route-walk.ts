// Tests that walk every route of the app (used by identity's own tests and available to every
// module's tests through `@zulin/identity/testing`).
import { newId } from '@zulin/kernel';
import { type DeclaredRoute, declaredRoutes } from '@zulin/platform';
import type { FastifyInstance } from 'fastify';
import { Value } from 'typebox/value';

/** Customer routes with a path parameter: the ones that name an object a customer may own. */
export function customerObjectRoutes(app: FastifyInstance): DeclaredRoute[] {
  return declaredRoutes(app).filter((r) => r.auth === 'customer' && /\/:[A-Za-z]/.test(r.url));
}

export interface ObjectFixture {
  /** Path parameters naming an object that belongs to the owner. */
  params: Record<string, string>;
  /** A valid body for the route, when it takes one. */
  body?: unknown;
}

export interface IsolationResult {
  route: string;
  status: number;
  /**
   * False when no valid request could be built (422 on the body or query, or on the format of an
   * unknown id we made up): then only "not 2xx" was checked.
   */
  reachedHandler: boolean;
}

function fillPath(url: string, params: Record<string, string>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? newId('zz')));
}

function sampleBody(route: DeclaredRoute): unknown {
  const body = route.schema?.body;
  if (body === undefined) return undefined;
  try {
    return Value.Create(body as never);
  } catch {
    return {};
  }
}

/**
 * Calls every customer object route as `intruder` — with the owner's object when a fixture names
 * one, and with an unknown id otherwise — and reports the statuses. A correct app answers 404 for
 * every one (a 422 about the body, the query or a made-up id's format is tolerated and reported,
 * since no valid request could be built; it must never be 2xx).
 */
export async function walkCustomerObjectRoutes(
  app: FastifyInstance,
  intruderToken: string,
  fixtures: Record<string, ObjectFixture> = {},
): Promise<IsolationResult[]> {
  const results: IsolationResult[] = [];
  for (const route of customerObjectRoutes(app)) {
    const key = `${route.method} ${route.url}`;
    const fixture = fixtures[key];
    const payload = fixture?.body ?? sampleBody(route);
    const res = await app.inject({
      method: route.method as 'GET',
      url: fillPath(route.url, fixture?.params ?? {}),
      headers: { authorization: `Bearer ${intruderToken}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    const problem = res.statusCode === 422 ? (res.json() as { errors?: { path: string }[] }) : undefined;
    // With an unknown id of our own making, a 422 on its format is no leak either (it says nothing
    // about existence); with the owner's real object the request must get past validation.
    const invalidParts = fixture ? ['/body', '/query'] : ['/body', '/query', '/path'];
    const requestInvalid = problem?.errors?.some((e) => invalidParts.some((p) => e.path.startsWith(p))) ?? false;
    results.push({ route: key, status: res.statusCode, reachedHandler: !requestInvalid });
  }
  return results;
}
