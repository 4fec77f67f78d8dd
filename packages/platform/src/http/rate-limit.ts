// General request rate per client address, shared across processes through Redis when REDIS_URL is
// set (in memory otherwise). It applies to every route, decided on the matched route: a route opts
// out only by declaring `config: { rateLimit: false }` (probes, the web apps' static files). The
// client address is the peer's, or what a trusted proxy forwarded (ZULIN_TRUST_PROXY), never what
// any client claims. The SMS limits of DOMAIN.md §2 are separate and exact (one-time codes).
import rateLimit from '@fastify/rate-limit';
import { KernelErrors } from '@zulin/kernel';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { AppContext } from '../context';

export async function registerRateLimit(
  app: FastifyInstance,
  ctx: Pick<AppContext, 'config' | 'logger'>,
  options: { maxPerMinute?: number } = {},
): Promise<void> {
  const maxPerMinute = options.maxPerMinute ?? ctx.config.rateLimitPerMinute;
  if (maxPerMinute === 0) return;
  const redis = ctx.config.redisUrl
    ? new Redis(ctx.config.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1 })
    : undefined;
  if (redis) {
    // A Redis outage must not take the API down: the limiter then lets requests through (skipOnError).
    redis.on('error', (error) => ctx.logger.warn({ err: error }, 'rate-limit redis error'));
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => {});
    });
  }
  await app.register(rateLimit, {
    global: true,
    max: maxPerMinute,
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: 'zulin-rl:', skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) =>
      KernelErrors.RATE_LIMITED({
        detail: `At most ${context.max} requests per minute from one address; retry in ${context.after}.`,
        headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      }),
  });
}
