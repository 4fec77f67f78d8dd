// Builds the server for API tests: the real app on a fresh test database (PGlite, and PostgreSQL
// when TEST_DATABASE_URL is set), a controllable clock, and the modules under test. Tests that need
// the whole product pass `modules` from `@zulin/product`.
import { type Database, runSweep } from '@zulin/db';
import { AdjustableClock } from '@zulin/kernel';
import pino from 'pino';
import { buildApp } from './app';
import { type Config, loadConfig } from './config';
import type { AppContext, ServerModule, ZulinApp } from './context';
import { systemModule } from './system-module';
import { Worker } from './worker';

export interface TestServer {
  app: ZulinApp;
  ctx: AppContext;
  clock: AdjustableClock;
  worker: Worker;
  /** Runs a registered sweep by name as the worker runs it (recorded in `sweep_runs`); its result. */
  runSweep(name: string): Promise<Record<string, unknown>>;
  /** Closes the app and gives back the worker's leader lock (its connection). */
  close(): Promise<void>;
}

export const testMasterKey = Buffer.alloc(32, 7).toString('base64');

/** The configuration tests run with: sandbox mode, a fixed master key, no rate limit surprises. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ ZULIN_MASTER_KEY: testMasterKey, ZULIN_DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', ...env });
}

export async function createTestServer(
  database: Database,
  options: {
    modules: readonly ServerModule[];
    extraModules?: ServerModule[];
    now?: string;
    env?: Record<string, string>;
  },
): Promise<TestServer> {
  const clock = new AdjustableClock(options.now ?? '2026-03-02T02:00:00Z');
  const config = testConfig(options.env);
  const modules = [
    ...(options.modules.includes(systemModule) ? [] : [systemModule]),
    ...options.modules,
    ...(options.extraModules ?? []),
  ];
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
    runSweep(name) {
      const sweep = modules.flatMap((m) => m.sweeps?.(ctx) ?? []).find((w) => w.name === name);
      if (sweep === undefined) throw new Error(`no sweep named ${name} is registered`);
      return runSweep(ctx.database.db, clock, sweep);
    },
    async close() {
      await app.close();
      await worker?.stop();
    },
  };
}
