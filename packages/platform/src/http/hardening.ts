// Closing whole classes of bad input rather than fixing requests one by one:
//  * paths are normalised once, before routing: the absolute-form request target becomes its path,
//    and anything odd (dot segments, empty segments, backslashes, encoded slashes, control
//    characters, malformed percent-encoding, overlong) is sent to a path no route has, so it is a
//    404 problem — never a static file handler's error, never a 500; an empty path parameter (a
//    trailing slash) is a 404 too;
//  * every integer and number a request may carry has bounds (safe integers at most), so that
//    `1e308` is a 422, not a database error;
//  * strings refuse NUL and the other control characters (tab, line feed and carriage return are
//    allowed) in the body, the query and the path parameters, keys included, unless a route says
//    otherwise with `config: { allowControlCharacters: true }` (raw webhook bodies are bytes and
//    are not looked at here).
import { KernelErrors } from '@zulin/kernel';
import type { FastifyInstance, RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    allowControlCharacters?: boolean;
  }
}

/** Where an odd request target is sent: no route has this path, so the not-found handler answers. */
export const invalidPathMarker = '/__zulin__/invalid-path';
const pathLengthMax = 2048;

function isOddPath(path: string): boolean {
  if (!path.startsWith('/') || path.length > pathLengthMax) return true;
  if (/%(2f|5c|00)/i.test(path)) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  if (decoded.includes('\\') || decoded.includes('//')) return true;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return true;
  return decoded.split('/').some((segment) => segment === '.' || segment === '..');
}

/** Fastify's `rewriteUrl`: the request target as the router should see it. */
export function normaliseRequestTarget(url: string | undefined): string {
  let target = url ?? '/';
  if (/^https?:\/\//i.test(target)) {
    try {
      const parsed = new URL(target);
      target = `${parsed.pathname}${parsed.search}`;
    } catch {
      return invalidPathMarker;
    }
  }
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  return isOddPath(path) ? invalidPathMarker : target;
}

/**
 * A path with a trailing slash matches a route's last parameter with an empty value
 * (`/v1/bills/` is `/v1/bills/:id` with `id = ""`): no object has an empty name, so it is a 404
 * problem like any other odd path, decided before anyone is asked who the caller is. Wildcards
 * (`*`, the web apps' files) may be empty.
 */
export function refuseEmptyPathParameters(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const params = request.params as Record<string, unknown>;
    if (Object.entries(params).some(([name, value]) => name !== '*' && value === '')) {
      throw KernelErrors.ROUTE_NOT_FOUND({ detail: `No such route for ${request.method}.` });
    }
  });
}

type Schema = Record<string, unknown>;

/** Adds the bounds a request schema left open; schemas are walked once, when the route is registered. */
export function boundRequestSchema(schema: unknown, seen = new Set<unknown>()): void {
  if (typeof schema !== 'object' || schema === null || seen.has(schema)) return;
  seen.add(schema);
  const s = schema as Schema;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('integer') || types.includes('number')) {
    s.maximum ??= Number.MAX_SAFE_INTEGER;
    s.minimum ??= -Number.MAX_SAFE_INTEGER;
  }
  for (const key of ['properties', 'patternProperties', '$defs', 'definitions']) {
    const children = s[key];
    if (typeof children === 'object' && children !== null) {
      for (const child of Object.values(children)) boundRequestSchema(child, seen);
    }
  }
  for (const key of ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains']) {
    boundRequestSchema(s[key], seen);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const list = s[key];
    if (Array.isArray(list)) for (const child of list) boundRequestSchema(child, seen);
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Nesting and size far above any request we accept; a deeper value is refused as malformed. */
const scanDepthMax = 64;
const scanNodesMax = 100_000;

/** JSON pointers of every string (or key) under `value` holding a refused control character. */
export function controlCharacterPaths(value: unknown, base: string): string[] {
  const found: string[] = [];
  let nodes = 0;
  const visit = (v: unknown, path: string, depth: number): void => {
    if (found.length >= 20) return;
    nodes += 1;
    if (depth > scanDepthMax || nodes > scanNodesMax) {
      found.push(path);
      return;
    }
    if (typeof v === 'string') {
      if (controlCharacters.test(v)) found.push(path);
      return;
    }
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) visit(item, `${path}/${i}`, depth + 1);
      return;
    }
    if (typeof v === 'object' && v !== null && !Buffer.isBuffer(v)) {
      for (const [key, child] of Object.entries(v)) {
        const childPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (controlCharacters.test(key)) found.push(childPath);
        else visit(child, childPath, depth + 1);
      }
    }
  };
  visit(value, base, 0);
  return found;
}

export function registerInputHardening(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as Schema | undefined;
    if (!schema) return;
    for (const part of ['body', 'querystring', 'params', 'headers']) boundRequestSchema(schema[part]);
  });
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config?.allowControlCharacters) return;
    const paths = [
      ...controlCharacterPaths(request.params, '/path'),
      ...controlCharacterPaths(request.query, '/query'),
      ...controlCharacterPaths(request.body, '/body'),
    ];
    if (paths.length > 0) {
      throw KernelErrors.VALIDATION_FAILED({
        detail: 'Text may not contain control characters such as NUL.',
        errors: paths.map((path) => ({ path, message: 'must not contain control characters', code: 'control' })),
      });
    }
  });
}
