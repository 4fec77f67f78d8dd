// The work behind each `zulin` command, loaded by cli.ts only when a command runs.

import {
  clearHalt,
  copyPgliteTemplateDir,
  type Database,
  existingPgliteTemplate,
  migrateDatabase,
  openDatabase,
  openHalts,
  runTick,
} from '@zulin/db';
import { createStaff, rotateKeys } from '@zulin/identity';
import { assert, type Clock, isBusinessDate, Limits, systemClock, today } from '@zulin/kernel';
import {
  type AppContext,
  buildApp,
  type Config,
  ConfigError,
  createMetricsRegistry,
  loadConfig,
  serveMetricsPort,
  serverClock,
  Worker,
} from '@zulin/platform';
import { modules } from '@zulin/product';
import pino from 'pino';
import { buildDemoTemplate, restoreDemoTemplate } from './demo-template';
import { registerWebApps } from './http/web';
import { reconcileLedger, reconcileReport } from './reconcile';
import { reportReady, restartsSoFar } from './supervisor';

interface Runtime {
  ctx: AppContext;
  close(): Promise<void>;
}

async function openRuntime(options: {
  migrate: boolean;
  workerEnabled: boolean;
  isLeader?: () => boolean;
  /** Start a fresh embedded database from the demo template `npm install` built, when one fits. */
  demo?: boolean;
  env?: NodeJS.ProcessEnv;
}): Promise<Runtime> {
  let config: Config = loadConfig(options.env);
  const logger = pino({
    level: config.logLevel,
    // A WebSocket upgrade carries the access token as a subprotocol (identity's authenticate.ts).
    redact: [
      'req.headers.authorization',
      'req.headers.cookie',
      'req.headers["x-api-key"]',
      'req.headers["sec-websocket-protocol"]',
    ],
  });
  // The template carries its own master key: the configuration is read again after the copy.
  if (options.demo && restoreDemoTemplate(config, systemClock)) {
    config = loadConfig(options.env);
    logger.info('demo data copied from the template built at npm install');
  }
  const dataDir = `${config.dataDir}/pglite`;
  // A fresh embedded database starts from the migrated template `npm install` built, if any: a
  // copy of its unpacked directory, else its tar unpacked by PGlite (slower).
  const copied = !config.databaseUrl && copyPgliteTemplateDir(dataDir);
  const database: Database = await openDatabase({
    url: config.databaseUrl,
    dataDir,
    loadDataDir: config.databaseUrl || copied ? undefined : existingPgliteTemplate(dataDir),
  });
  if (options.migrate) {
    const { applied } = await migrateDatabase(database);
    if (applied > 0) logger.info({ applied }, 'migrations applied');
  }
  // In sandbox mode the test clock's stored offset applies (POST /v1/sandbox/clock); else the wall clock.
  const clock: Clock = await serverClock(database.db, systemClock, config.sandbox);
  const ctx: AppContext = {
    config,
    database,
    clock,
    logger,
    runtime: {
      workerEnabled: options.workerEnabled,
      isLeader: options.isLeader ?? (() => false),
      restarts: restartsSoFar(),
    },
  };
  return { ctx, close: () => database.close() };
}

async function withContext(fn: (ctx: AppContext) => Promise<number>, options = { migrate: true }): Promise<number> {
  const runtime = await openRuntime({ migrate: options.migrate, workerEnabled: false });
  try {
    return await fn(runtime.ctx);
  } finally {
    await runtime.close();
  }
}

async function seed(ctx: AppContext): Promise<void> {
  let created = 0;
  for (const module of modules) {
    if (!module.seed) continue;
    const started = performance.now();
    const result = await module.seed(ctx);
    created += result.created;
    const wallMs = Math.round(performance.now() - started);
    ctx.logger.info({ module: module.name, created: result.created, wallMs }, 'seeded');
  }
  if (created > 0) console.log(`demo data: ${created} records created`);
}

export async function serve(options: { worker: boolean; seed: boolean }): Promise<number> {
  // Start-up phases with wall and CPU time (the CPU time is what a busy machine does not inflate).
  const phases: Record<string, { wallMs: number; cpuMs: number }> = {};
  let mark = { wall: 0, cpu: { user: 0, system: 0 } }; // 'load' is the process's start-up until here
  const phase = (name: string) => {
    const cpu = process.cpuUsage(mark.cpu);
    phases[name] = {
      wallMs: Math.round(performance.now() - mark.wall),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
    mark = { wall: performance.now(), cpu: process.cpuUsage() };
  };
  phase('load');
  let worker: Worker | undefined;
  const runtime = await openRuntime({
    migrate: true,
    workerEnabled: options.worker,
    isLeader: () => worker?.leader.isLeader ?? false,
    demo: options.seed,
  });
  phase('database');
  const { ctx } = runtime;
  if (options.seed) await seed(ctx);
  phase('seed');
  worker = options.worker ? new Worker(ctx, modules) : undefined;
  let stopping: Promise<void> | undefined;
  const registry = createMetricsRegistry();
  const app = await buildApp({ ctx, modules, registry, webApps: registerWebApps });
  phase('app');
  const metricsServer =
    ctx.config.metricsPort === undefined
      ? undefined
      : await serveMetricsPort(registry, ctx.config.host, ctx.config.metricsPort);
  async function shutdown(code: number): Promise<void> {
    stopping ??= (async () => {
      const force = setTimeout(() => process.exit(code || 1), Limits.shutdownGraceMs);
      force.unref();
      metricsServer?.close();
      await app.close(); // stops accepting, finishes requests in flight
      await worker?.stop(); // finishes the current pass
      await runtime.close();
      process.exit(code);
    })();
    return stopping;
  }
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  try {
    await app.listen({ port: ctx.config.port, host: ctx.config.host });
    phase('listen');
    ctx.logger.info({ phases }, 'started');
  } catch (error) {
    await runtime.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new ConfigError(`port ${ctx.config.port} on ${ctx.config.host} is already in use (set PORT)`);
    if (code === 'EACCES')
      throw new ConfigError(`not allowed to listen on port ${ctx.config.port} (set PORT above 1023)`);
    throw error;
  }
  worker?.start();
  reportReady();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : ctx.config.port;
  const base = `http://${ctx.config.host === '0.0.0.0' ? '127.0.0.1' : ctx.config.host}:${port}`;
  console.log(
    `Zulin is ready at ${base}  —  customer app ${base}/  ·  console ${base}/admin  ·  API reference ${base}/docs\n` +
      `database: ${ctx.database.kind} (${ctx.database.location})  ·  business date ${today(ctx.clock, ctx.config.timeZone)} ${ctx.config.timeZone}` +
      `  ·  worker ${worker ? 'on' : 'off'}`,
  );
  await new Promise(() => {});
  return 0;
}

export async function runWorkerOnly(): Promise<number> {
  let worker: Worker | undefined;
  const runtime = await openRuntime({
    migrate: true,
    workerEnabled: true,
    isLeader: () => worker?.leader.isLeader ?? false,
  });
  worker = new Worker(runtime.ctx, modules);
  const stop = async () => {
    await worker?.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  worker.start();
  console.log(`Zulin worker running on ${runtime.ctx.database.kind} (${runtime.ctx.database.location})`);
  await new Promise(() => {});
  return 0;
}

export async function tick(options: {
  date: string | undefined;
  force: boolean;
  list: boolean;
  names: string[];
}): Promise<number> {
  return withContext(async (ctx) => {
    const all = modules.flatMap((m) => m.ticks?.(ctx) ?? []);
    if (options.list) {
      for (const t of all) console.log(`${t.name.padEnd(40)} ${t.runAt}  ${t.description}`);
      return 0;
    }
    const date = options.date ?? today(ctx.clock, ctx.config.timeZone);
    assert(isBusinessDate(date), 'cli.ts validated --date');
    const unknown = options.names.filter((n) => !all.some((t) => t.name === n));
    if (unknown.length > 0) throw new ConfigError(`unknown tick: ${unknown.join(', ')} (see zulin tick --list)`);
    const selected = options.names.length > 0 ? all.filter((t) => options.names.includes(t.name)) : all;
    for (const t of selected) {
      const outcome = await runTick(ctx.database.db, ctx.clock, t, date, { force: options.force });
      console.log(
        `${t.name} ${date}: ${outcome.status}${'result' in outcome ? ` ${JSON.stringify(outcome.result)}` : ''}`,
      );
    }
    return 0;
  });
}

export async function migrate(): Promise<number> {
  return withContext(
    async (ctx) => {
      console.log(`migrations applied: ${(await migrateDatabase(ctx.database)).applied}`);
      return 0;
    },
    { migrate: false },
  );
}

export async function seedCommand(): Promise<number> {
  return withContext(async (ctx) => {
    await seed(ctx);
    return 0;
  });
}

/** `zulin demo-template` (run by `npm install`): the demo data set loaded into a template for a first start. */
export async function demoTemplateCommand(): Promise<number> {
  const config = loadConfig();
  const path = await buildDemoTemplate(config, systemClock, async (dataDir) => {
    const runtime = await openRuntime({
      migrate: true,
      workerEnabled: false,
      env: { ...process.env, ZULIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    });
    try {
      await seed(runtime.ctx);
    } finally {
      await runtime.close();
    }
  });
  console.log(
    path ? `[zulin] demo data template ready: ${path}` : '[zulin] no demo data template for this configuration',
  );
  return 0;
}

export async function reconcile(): Promise<number> {
  return withContext(async (ctx) => {
    const verification = await reconcileLedger(ctx.database);
    process.stdout.write(reconcileReport(verification, ctx.clock.now()));
    return verification.ok ? 0 : 1;
  });
}

export async function staffCreate(options: {
  username: string;
  role: string;
  password: string;
  totpSecret: string | undefined;
}): Promise<number> {
  return withContext(async (ctx) => {
    const created = await createStaff(
      ctx.database,
      { masterKey: ctx.config.masterKey, clock: ctx.clock, actor: { kind: 'system' } },
      options,
    );
    console.log(`staff ${created.staff.username} (${created.staff.role}) created: ${created.staff.id}`);
    if (options.totpSecret === undefined) {
      console.log(`TOTP secret: ${created.totpSecret}`);
      console.log(`Add it to an authenticator app: ${created.otpauthUrl}`);
    }
    return 0;
  });
}

export async function keysRotate(options: { resume: boolean }): Promise<number> {
  return withContext(async (ctx) => {
    const report = await rotateKeys(ctx.database, {
      masterKey: ctx.config.masterKey,
      now: ctx.clock.now(),
      createKey: !options.resume,
      onProgress: (message) => console.log(message),
    });
    console.log(`active data key: version ${report.activeVersion}${report.created ? ' (new)' : ''}`);
    for (const [column, n] of Object.entries(report.reencrypted)) console.log(`  ${column}: ${n} re-encrypted`);
    if (report.remaining > 0) {
      console.log(`${report.remaining} values still under an older key: run "zulin keys rotate --resume"`);
      return 1;
    }
    return 0;
  });
}

/** `zulin halts`: lists the open halts; `--clear <scope>` clears one after its check passes. */
export async function halts(options: { clear: string | undefined; note: string | undefined }): Promise<number> {
  return withContext(async (ctx) => {
    const open = await openHalts(ctx.database.db);
    if (options.clear === undefined) {
      if (open.length === 0) console.log('no open halts');
      for (const h of open) console.log(`${h.scope}  since ${h.detectedAt.toISOString()}  ${h.reason}`);
      return 0;
    }
    if (!options.note) throw new ConfigError('--note is required: say what was checked before clearing the halt');
    if (options.clear === 'ledger') {
      // The books must add up again before money may move.
      const verification = await reconcileLedger(ctx.database);
      if (!verification.ok) {
        process.stdout.write(reconcileReport(verification, ctx.clock.now()));
        console.error('zulin: the ledger does not reconcile; the halt stays');
        return 1;
      }
    }
    const cleared = await clearHalt(ctx.database.db, {
      scope: options.clear,
      by: 'cli',
      note: options.note,
      now: ctx.clock.now(),
    });
    console.log(cleared ? `halt of ${options.clear} cleared` : `no open halt of ${options.clear}`);
    return cleared ? 0 : 1;
  });
}

/** `zulin evidence verify [--bundle FILE]`: the whole log in the database, or one bundle offline. */
export async function evidenceVerify(options: { bundle: string | undefined }): Promise<number> {
  const { verifyDailyRoots, verifyEvidenceChain, verifyProofBundle } = await import('@zulin/contracts');
  if (options.bundle !== undefined) {
    const { readFileSync } = await import('node:fs');
    const check = await verifyProofBundle(readFileSync(options.bundle));
    if (check.ok) {
      console.log(
        `bundle ok: ${check.entries} entries, ${check.proven} proven under daily roots, ${check.timestamped} timestamped roots`,
      );
      return 0;
    }
    console.log(`bundle BROKEN at ${check.where}: ${check.why}`);
    return 1;
  }
  return withContext(async (ctx) => {
    const chain = await verifyEvidenceChain(ctx.database.db);
    if (chain.broken) {
      console.log(`chain BROKEN at entry ${chain.broken.seq} (${chain.broken.id}): ${chain.broken.why}`);
      return 1;
    }
    const roots = await verifyDailyRoots(ctx.database.db);
    if (roots.broken) {
      console.log(`root BROKEN for ${roots.broken.businessDate}: ${roots.broken.why}`);
      return 1;
    }
    console.log(`evidence ok: ${chain.entries} entries chained, ${roots.roots} daily roots verified`);
    return 0;
  });
}
