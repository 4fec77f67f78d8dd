import { randomInt } from 'node:crypto';
import { isAppError } from '@zulin/kernel';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../context';
import { registerRateLimit } from './rate-limit';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const apps: FastifyInstance[] = [];

async function makeApp(redis: string | undefined): Promise<FastifyInstance> {
  const app = Fastify();
  const ctx = { config: { redisUrl: redis }, logger: pino({ level: 'silent' }) } as unknown as AppContext;
  await registerRateLimit(app, ctx, { maxPerMinute: 5 });
  app.setErrorHandler((error, _request, reply) =>
    isAppError(error) ? reply.status(error.status).send({ code: error.code }) : reply.status(500).send({}),
  );
  app.get('/v1/ping', async () => ({ ok: true }));
  app.get('/healthz', { config: { rateLimit: false } }, async () => ({ ok: true }));
  await app.ready();
  apps.push(app);
  return app;
}

async function redisReachable(): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const client = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

describe('general request rate limit per client address', () => {
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  test('in memory: the request over the limit is 429 RATE_LIMITED; other addresses and opted-out routes are not limited', async () => {
    const app = await makeApp(undefined);
    for (let i = 0; i < 5; i++)
      expect((await app.inject({ url: '/v1/ping', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
    const over = await app.inject({ url: '/v1/ping', remoteAddress: '10.0.0.1' });
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe('RATE_LIMITED');
    expect(over.headers['retry-after']).toBeDefined();
    expect((await app.inject({ url: '/v1/ping', remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/healthz', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
  });

  test('the limit is decided on the matched route: a percent-encoded path counts toward the same limit', async () => {
    const app = await makeApp(undefined);
    for (let i = 0; i < 5; i++) {
      const url = i % 2 === 0 ? '/%761/ping' : '/v1/p%69ng';
      expect((await app.inject({ url, remoteAddress: '10.0.0.3' })).statusCode).toBe(200);
    }
    expect((await app.inject({ url: '/%76%31/ping', remoteAddress: '10.0.0.3' })).statusCode).toBe(429);
  });

  // CI starts Redis, so there this test must run; elsewhere it is skipped when Redis is not up.
  test('with Redis, two processes share one count', async (context) => {
    if (!(await redisReachable())) {
      if (process.env.CI) throw new Error(`Redis is not reachable at ${redisUrl}: CI must start it`);
      context.skip();
    }
    const a = await makeApp(redisUrl);
    const b = await makeApp(redisUrl);
    const ip = `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;
    for (let i = 0; i < 3; i++) expect((await a.inject({ url: '/v1/ping', remoteAddress: ip })).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await b.inject({ url: '/v1/ping', remoteAddress: ip })).statusCode).toBe(200);
    expect((await b.inject({ url: '/v1/ping', remoteAddress: ip })).statusCode).toBe(429);
    expect((await a.inject({ url: '/v1/ping', remoteAddress: ip })).statusCode).toBe(429);
  });
});
