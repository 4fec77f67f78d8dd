// The warm-up gauge: what a benchmark (bench/lib.mjs) and an operator read to know the server has
// compiled its route schemas, the work that slows every request for the first seconds after a start.
import Fastify from 'fastify';
import { expect, test } from 'vitest';
import { createMetricsRegistry, registerMetrics, schemasPendingMetric } from './metrics';

test('/metrics reports the route schemas still to compile, read when scraped', async () => {
  const registry = createMetricsRegistry();
  let pending = 412;
  const app = Fastify();
  registerMetrics(app, registry, 'scrape-token', { schemasPending: () => pending });
  const scrape = async () => {
    const response = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer scrape-token' } });
    expect(response.statusCode).toBe(200);
    return response.body.split('\n').find((line) => line.startsWith(`${schemasPendingMetric} `));
  };
  expect(await scrape()).toBe(`${schemasPendingMetric} 412`);
  pending = 0;
  expect(await scrape()).toBe(`${schemasPendingMetric} 0`);
  await app.close();
});
