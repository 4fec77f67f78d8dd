// Prometheus metrics: HTTP latency by route, the platform's own counters, and the process's figures.
// They are not public: on the API port `/metrics` asks for `Authorization: Bearer <ZULIN_METRICS_TOKEN>`
// (and is not served at all without a token configured); `ZULIN_METRICS_PORT` serves them on a
// port of their own instead, for a scraper on a private network.
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { safeEqual } from '../security/webhook-signature';

export const schemasPendingMetric = 'zulin_route_schemas_pending';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** What a server still has to do after it started listening (lazy-schemas.ts). */
export interface WarmUp {
  /** Route schemas not compiled yet: requests are slower until it is 0. */
  schemasPending(): number;
}

export function registerMetrics(
  app: FastifyInstance,
  registry: Registry,
  token: string | undefined,
  warmUp?: WarmUp,
): void {
  if (warmUp) {
    new Gauge({
      name: schemasPendingMetric,
      help: 'Route schemas not compiled yet: compiled in the background after listen, requests are slower until 0',
      registers: [registry],
      collect() {
        this.set(warmUp.schemasPending());
      },
    });
  }
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    latency.observe(
      {
        method: request.method,
        // The route pattern, never the raw URL, so that ids do not explode the label set.
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  if (token === undefined) return;
  const expected = Buffer.from(`Bearer ${token}`);
  app.get(
    '/metrics',
    { schema: { hide: true }, config: { auth: 'public', rateLimit: false } },
    async (request, reply) => {
      const given = request.headers.authorization ?? '';
      if (!safeEqual(Buffer.from(given), expected)) {
        return reply.status(401).header('www-authenticate', 'Bearer').type('text/plain').send('metrics need a token\n');
      }
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
}

/** `/metrics` on a port of its own (ZULIN_METRICS_PORT); everything else there is 404. */
export async function serveMetricsPort(registry: Registry, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text))
      .catch(() => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
