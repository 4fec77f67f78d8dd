// Builds the server for API tests: the real app on a fresh test database (PGlite, and PostgreSQL
// when TEST_DATABASE_URL is set), a controllable clock, and the modules under test.
import type { Database } from '@zulin/db';
import { AdjustableClock } from '@zulin/kernel';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app';
import { loadConfig } from './config';
import type { AppContext, ServerModule } from './context';
import { modules as productModules } from './modules';
import { Worker } from './worker';

export interface TestServer {
  app: FastifyInstance;
  ctx: AppContext;
  clock: AdjustableClock;
  worker: Worker;
  /** Closes the app and gives back the worker's leader lock (its connection). */
  close(): Promise<void>;
}

export const testMasterKey = Buffer.alloc(32, 7).toString('base64');

export async function createTestServer(
  database: Database,
  options: { extraModules?: ServerModule[]; now?: string } = {},
): Promise<TestServer> {
  const clock = new AdjustableClock(options.now ?? '2026-03-02T02:00:00Z');
  const config = loadConfig({ ZULIN_MASTER_KEY: testMasterKey, ZULIN_DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' });
  const modules = [...productModules, ...(options.extraModules ?? [])];
  let worker: Worker | undefined;
  const ctx: AppContext = {
    config,
    database,
    clock,
    logger: pino({ level: 'silent' }),
    runtime: { workerEnabled: true, isLeader: () => worker?.leader.isLeader ?? false },
  };
  worker = new Worker(ctx, modules);
  const app = await buildApp({ ctx, modules });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    worker,
    async close() {
      await app.close();
      await worker?.stop();
    },
  };
}
