// Serves the two web apps built by Vite: the customer H5 app at `/` and the console at `/admin/`.
// Unknown paths under either app get its index.html, so that client-side routes survive a reload.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { declarePublicRoutes, routeNotFound, type ZulinApp } from '@zulin/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

const appsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface WebApp {
  prefix: '/' | '/admin/';
  root: string;
  built: boolean;
}

export function webApps(): WebApp[] {
  return [
    { prefix: '/admin/', root: join(appsDir, 'admin', 'dist') },
    { prefix: '/', root: join(appsDir, 'h5', 'dist') },
  ].map((app) => ({ ...app, prefix: app.prefix as WebApp['prefix'], built: existsSync(join(app.root, 'index.html')) }));
}

function setCacheHeaders(reply: { header(name: string, value: string): unknown }, path: string): void {
  // Vite fingerprints everything under assets/; index.html must always be revalidated.
  reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

export async function registerWebApps(
  app: ZulinApp,
): Promise<(request: FastifyRequest, reply: FastifyReply) => unknown> {
  const apps = webApps();
  // The apps' files are public, and a page load fetches many of them: no rate limit on them.
  await app.register(async (scope) => {
    declarePublicRoutes(scope);
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, rateLimit: false };
    });
    for (const web of apps) {
      if (!web.built) continue;
      await scope.register(fastifyStatic, {
        root: web.root,
        prefix: web.prefix,
        decorateReply: false,
        wildcard: true,
        index: ['index.html'],
        // scripts/build-web.mjs writes .br and .gz beside each text file: sent when accepted.
        preCompressed: true,
        setHeaders: setCacheHeaders,
      });
    }
    scope.get('/admin', { schema: { hide: true } }, (_request, reply) => reply.redirect('/admin/', 301));
  });

  return async function notFound(request, reply) {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    const isApi = path.startsWith('/v1/') || path === '/v1' || path.startsWith('/docs');
    if (!wantsPage || isApi) return routeNotFound(request, reply);
    const web = apps.find((a) => path.startsWith(a.prefix));
    if (!web) return routeNotFound(request, reply);
    if (!web.built) {
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Zulin</title><p>The web app is not built yet. Run <code>npm run build:web</code>.</p>',
        );
    }
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').send(await readFile(join(web.root, 'index.html')));
  };
}
