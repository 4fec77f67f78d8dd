// Shared pieces of the benchmarks: start a server on a fresh database, drive it with autocannon,
// run the pgbench anchor, print tables. Plain ESM JavaScript so that it runs without a build.
//
// Everything here is bounded (every wait has a deadline) and everything started is registered for
// cleanup: call `installSignalHandlers()` once, and use try/finally around `startServer`.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import autocannon from 'autocannon';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(benchDir, '..');
export const defaultPgUrl = 'postgres://postgres@127.0.0.1:5432/test';

const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------------------------------------
// Cleanup on exit and on signals

const cleanups = new Set();
let shuttingDown = false;

/** Registers a cleanup to run on SIGINT / SIGTERM / SIGHUP; returns a function that unregisters it. */
export function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** True once a signal has asked the process to stop: start nothing new. */
export function isShuttingDown() {
  return shuttingDown;
}

/** Runs every registered cleanup, including any registered while the first ones ran. */
async function runCleanups() {
  while (cleanups.size > 0) {
    const batch = [...cleanups];
    cleanups.clear();
    await Promise.allSettled(batch.map((fn) => fn()));
  }
}

let handlersInstalled = false;

/**
 * On SIGINT, SIGTERM or SIGHUP, runs every registered cleanup (bounded to 30 s in all) and exits
 * with 128 + the signal number. A signal that comes again more than 2 s later exits at once (one
 * that comes sooner is the same Ctrl-C passed on by a parent, and is ignored).
 */
export function installSignalHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  let stoppingSince = 0;
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      if (stoppingSince) {
        if (Date.now() - stoppingSince > 2_000) process.exit(code);
        return;
      }
      stoppingSince = Date.now();
      shuttingDown = true;
      console.error(`\n${signal}: stopping what was started…`);
      const force = setTimeout(() => process.exit(code), 30_000);
      force.unref();
      runCleanups().then(() => process.exit(code));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads a positive integer from the environment. */
export function envInt(name, fallback) {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  if (!/^[1-9]\d*$/.test(raw)) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return Number(raw);
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Refuses any target that is not this machine's loopback address. */
export function assertLoopback(url) {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1') throw new Error(`benchmarks only send traffic to 127.0.0.1, not to ${hostname}`);
}

/** The same server URL with another database in its path. */
export function withDatabase(pgUrl, database) {
  const url = new URL(pgUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Runs `fn` on a fresh, migrated database created on the server of `adminUrl` and dropped
 * afterwards. Needs tsx (`node --import tsx`): it loads @zulin/db's TypeScript.
 */
export async function withScratchDatabase(adminUrl, fn) {
  const { migrateDatabase, openDatabase } = await import('@zulin/db');
  const { default: pg } = await import('pg');
  const name = `zulin_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openDatabase({ url: withDatabase(adminUrl, name), poolMax: 40 });
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  }
}

/** Runs one SQL statement with psql against `pgUrl` (bounded to 60 s). */
export async function psql(pgUrl, statement) {
  const { stdout } = await execFileAsync(
    'psql',
    ['--no-psqlrc', '-X', '-qAt', '-v', 'ON_ERROR_STOP=1', '-d', pgUrl, '-c', statement],
    {
      timeout: 60_000,
      env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
    },
  );
  return stdout.trim();
}

/** One line describing the machine, for the report. */
export function machineNote() {
  const list = cpus();
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  return `node ${process.version} · ${list.length} × ${list[0]?.model.trim() ?? 'unknown CPU'} · load average ${load}`;
}

/** Keeps the last `limit` characters written to it. */
class Tail {
  constructor(limit) {
    this.limit = limit;
    this.text = '';
  }
  push(chunk) {
    this.text += chunk;
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit);
  }
  toString() {
    return this.text.slice(-this.limit);
  }
}

// ---------------------------------------------------------------------------------------------
// The server

/**
 * Starts `zulin serve` on a free port of 127.0.0.1 with a fresh database: a new PGlite data
 * directory, or a new database on the PostgreSQL server named by `pgUrl` (created here, dropped by
 * `stop`). Resolves once GET /readyz answers 200, within `readyTimeoutMs`.
 *
 * Returns `{ baseUrl, database, stop, stdout(), stderr(), exitStatus() }`. `stop` is idempotent: it
 * sends SIGTERM to the server's process group, SIGKILL after 10 s, then drops the database and
 * removes the temporary directory.
 */
export async function startServer({
  database = 'pglite',
  pgUrl = process.env.BENCH_PG_URL || defaultPgUrl,
  readyTimeoutMs = 120_000,
  args = [],
  env = {},
} = {}) {
  if (database !== 'pglite' && database !== 'postgres')
    throw new Error(`database must be "pglite" or "postgres", got "${database}"`);
  if (shuttingDown) throw new Error('stopping: no new server');
  const dir = await mkdtemp(join(tmpdir(), 'zulin-bench-'));
  let dbName;
  let child;
  const out = new Tail(256 * 1024);
  const err = new Tail(256 * 1024);
  let exit;
  let exited = Promise.resolve();
  let stopping;
  let creating = Promise.resolve();
  const stoppedEarly = () => new Error('stopped while starting');

  const stop = () => {
    stopping ??= (async () => {
      if (child && !exit) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
        const gone = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
        if (!gone) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {}
          await Promise.race([exited, sleep(5_000)]);
        }
      }
      if (dbName) {
        await creating.catch(() => {}); // a CREATE DATABASE in flight finishes first (bounded by psql's 60 s)
        await psql(pgUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((error) =>
          console.error(`could not drop the benchmark database ${dbName}: ${error.message}`),
        );
      }
      await rm(dir, { recursive: true, force: true });
      unregister();
    })();
    return stopping;
  };
  const unregister = onCleanup(stop);

  const metricsToken = randomBytes(24).toString('hex');
  try {
    const port = await freePort();
    const serverEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // The master key (and, on PGlite, the database) live here, never in the repository's ./data.
      ZULIN_DATA_DIR: dir,
      // A load test comes from one address: the per-address rate limit is off for benchmarks.
      ZULIN_RATE_LIMIT_PER_MINUTE: '0',
      // Read once ready: the route schemas still compiling in the background (waitForWarmUp).
      ZULIN_METRICS_TOKEN: metricsToken,
      ...env,
    };
    delete serverEnv.DATABASE_URL;
    delete serverEnv.NODE_ENV;
    if (database === 'postgres') {
      assertLoopback(pgUrl.replace(/^postgres(ql)?:/, 'http:'));
      if (stopping) throw stoppedEarly();
      dbName = `zulin_bench_${randomBytes(6).toString('hex')}`;
      creating = psql(pgUrl, `CREATE DATABASE ${dbName}`);
      await creating;
      serverEnv.DATABASE_URL = withDatabase(pgUrl, dbName);
    }
    if (stopping) throw stoppedEarly();
    child = spawn(process.execPath, [join(repoRoot, 'apps/server/bin/zulin.mjs'), 'serve', ...args], {
      cwd: repoRoot,
      env: serverEnv,
      detached: true, // its own process group, so that stop() reaches every process it starts
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk) => out.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => err.push(chunk));
    exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        exit = { code, signal };
        resolve(exit);
      });
      child.once('error', (error) => {
        err.push(`spawn failed: ${error.message}\n`);
        exit = { code: null, signal: null };
        resolve(exit);
      });
    });

    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + readyTimeoutMs;
    let last = 'no answer';
    for (;;) {
      if (exit) {
        throw new Error(
          `the server exited (code ${exit.code}, signal ${exit.signal}) before it was ready:\n${err}${out}`,
        );
      }
      if (Date.now() > deadline) {
        throw new Error(`the server was not ready within ${readyTimeoutMs / 1000} s (last: ${last}):\n${err}${out}`);
      }
      try {
        const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.status === 200) break;
        last = `HTTP ${response.status}`;
      } catch (error) {
        last = error.cause?.code ?? error.name ?? String(error);
      }
      await sleep(250);
    }
    const warmUpSeconds = await waitForWarmUp(baseUrl, metricsToken, deadline);
    return {
      baseUrl,
      database,
      /** Seconds from ready to the last route schema compiled (the server's background warm-up). */
      warmUpSeconds,
      stop,
      stdout: () => out.toString(),
      stderr: () => err.toString(),
      exitStatus: () => exit,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Once ready, a server compiles the route schemas no request has needed yet in 20-ms slices between
 * requests (packages/platform/src/http/lazy-schemas.ts): until it is done every request may wait a
 * slice, and a measurement taken then says p50 ≈ 30 ms for a path that answers in 1 ms (the
 * "/healthz regression" of 6 December 2026 was that). Polls the server's own gauge
 * (zulin_route_schemas_pending on /metrics) until it reads 0; answers the seconds waited.
 */
async function waitForWarmUp(baseUrl, token, deadline) {
  const started = Date.now();
  let last = 'no answer';
  for (;;) {
    // A request that fails (the server busy, a timeout) is tried again until the deadline; an answer
    // without the gauge is a server that cannot say, and waiting longer would not change that.
    const answer = await fetch(`${baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5_000),
    }).then(
      async (response) => ({ status: response.status, text: await response.text() }),
      (error) => ({ error: String(error) }),
    );
    if ('error' in answer) last = answer.error;
    else {
      const line = answer.text.split('\n').find((l) => l.startsWith('zulin_route_schemas_pending '));
      if (answer.status !== 200 || line === undefined) {
        throw new Error(`the server reports no zulin_route_schemas_pending (HTTP ${answer.status})`);
      }
      if (Number(line.split(' ')[1]) === 0) return (Date.now() - started) / 1000;
      last = line;
    }
    if (Date.now() > deadline) throw new Error(`the server did not finish warming up (last: ${last})`);
    await sleep(250);
  }
}

/**
 * Waits until a freshly started server answers at a steady rate: a server just past /readyz may still
 * run its start-up work (first sweeps, the outbox catching up) beside the requests, and the first
 * path measured would pay for it. Drives `url` (a path that reads nothing, e.g. /healthz) in 1-second
 * rounds until two rounds in a row agree within 15 % (at most `maxSeconds`), and answers the seconds
 * it took and whether it settled.
 */
export async function settleServer({ url, connections = 10, maxSeconds = 30 }) {
  let previous;
  for (let second = 1; second <= maxSeconds; second++) {
    const { rps } = await runAutocannon({ url, connections, durationSeconds: 1 });
    if (previous !== undefined && rps > 0 && Math.abs(rps - previous) / Math.max(rps, previous) <= 0.15)
      return { seconds: second, settled: true, rps };
    previous = rps;
  }
  return { seconds: maxSeconds, settled: false, rps: previous ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Load

/**
 * Drives `url` with autocannon for `durationSeconds` and summarises the run: mean req/s (mean of
 * the per-second samples), latency p50 / p99 / max in ms, errors (connection errors and timeouts),
 * non-2xx responses, total requests. Bounded: stopped after durationSeconds + 30 s whatever happens.
 */
export async function runAutocannon({
  url,
  connections = 10,
  durationSeconds = 10,
  method = 'GET',
  headers,
  body,
  timeoutSeconds = 10,
}) {
  assertLoopback(url);
  const instance = autocannon({
    url,
    connections,
    duration: durationSeconds,
    method,
    headers,
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
    timeout: timeoutSeconds,
    renderProgressBar: false,
    renderResultsTable: false,
    renderLatencyTable: false,
  });
  const guard = setTimeout(() => instance.stop(), (durationSeconds + 30) * 1000);
  try {
    const result = await instance;
    return {
      rps: result.requests.mean,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      total: result.requests.total,
      statusCodes: Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
      ),
    };
  } finally {
    clearTimeout(guard);
  }
}

// ---------------------------------------------------------------------------------------------
// The PostgreSQL anchor

/** One line describing a pgbench anchor run, printed by every benchmark that measures against it. */
export function anchorLine(anchor) {
  return (
    `pgbench anchor (scale ${anchor.scale}, ${anchor.clients} clients, ${anchor.threads} threads): ` +
    `TPC-B ${anchor.tpcb_tps.toFixed(1)} tps (latency avg ${anchor.tpcb_latency_avg_ms} ms) · ` +
    `select-only ${anchor.select_tps.toFixed(1)} tps (latency avg ${anchor.select_latency_avg_ms} ms)`
  );
}

/**
 * Runs bench/pgbench-anchor and returns its figures as numbers, e.g.
 * `{ tpcb_tps, tpcb_latency_avg_ms, select_tps, select_latency_avg_ms, scale, clients, threads, seconds }`.
 * pgbench's own report is in `log`. Bounded to 2 × seconds + 10 min.
 */
export function runAnchor({
  seconds = envInt('BENCH_SECONDS', 20),
  pgUrl = process.env.BENCH_PG_URL || defaultPgUrl,
} = {}) {
  if (shuttingDown) return Promise.reject(new Error('stopping: no new anchor run'));
  return new Promise((resolve, reject) => {
    const child = spawn(join(benchDir, 'pgbench-anchor'), [], {
      cwd: repoRoot,
      env: { ...process.env, BENCH_SECONDS: String(seconds), BENCH_PG_URL: pgUrl },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const log = new Tail(64 * 1024);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => log.push(chunk));
    const kill = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {}
    };
    // The script drops its database when it gets SIGTERM; wait for it to do so.
    const unregister = onCleanup(
      () =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', done);
          kill('SIGTERM');
          setTimeout(done, 20_000).unref();
        }),
    );
    const limit = setTimeout(
      () => {
        log.push(`\npgbench-anchor did not finish in time: stopped\n`);
        kill('SIGTERM');
      },
      (2 * seconds + 600) * 1000,
    );
    child.once('error', (error) => {
      clearTimeout(limit);
      unregister();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(limit);
      unregister();
      if (code !== 0) {
        reject(new Error(`pgbench-anchor failed (code ${code}, signal ${signal}):\n${log}`));
        return;
      }
      const figures = {};
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('anchor ')) continue;
        for (const pair of line.slice('anchor '.length).trim().split(/\s+/)) {
          const [key, value] = pair.split('=');
          if (key && value !== undefined) figures[key] = Number(value);
        }
      }
      if (!Number.isFinite(figures.select_tps) || !Number.isFinite(figures.tpcb_tps)) {
        reject(new Error(`pgbench-anchor printed no figures:\n${stdout}\n${log}`));
        return;
      }
      resolve({ ...figures, log: log.toString() });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Output

function formatCell(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (Number.isInteger(value)) return String(value);
    const abs = Math.abs(value);
    return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
  }
  return String(value);
}

/**
 * Formats an array of objects as a Markdown table (columns in the order of first appearance;
 * numbers right-aligned), so that it reads well in a terminal and pastes into a README.
 */
export function formatTable(rows) {
  if (rows.length === 0) return '(no rows)';
  const columns = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column])));
  const numeric = columns.map((column) => rows.every((row) => row[column] == null || typeof row[column] === 'number'));
  const widths = columns.map((column, i) => Math.max(column.length, 3, ...cells.map((line) => line[i].length)));
  const pad = (text, i) => (numeric[i] ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (values) => `| ${values.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((width, i) => (numeric[i] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(columns), rule, ...cells.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Ratios guarded against the committed baseline (`npm run bench -- --check`)

export const baselinePath = join(benchDir, 'baseline.json');

/**
 * Compares this run's ratios (each figure over its anchor from the same run: pgbench, or the HTTP
 * floor) with `bench/baseline.json` and prints one line per figure. With `--check` (BENCH_CHECK=1,
 * set by run.mjs) a ratio more than `tolerance` (default 20 %) below its baseline makes the run fail;
 * without it the lines are printed only. With `--update-baseline` (BENCH_UPDATE_BASELINE=1) this run's
 * ratios replace the benchmark's entry in the baseline. A figure the baseline does not name is printed
 * as new; a baseline figure this run did not measure (`--pglite` only, say) is not judged.
 * Returns the number of regressions (0 unless checking).
 */
export function guardRatios(bench, ratios) {
  const baseline = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')) : {};
  const checking = process.env.BENCH_CHECK === '1';
  const tolerance = Number(process.env.BENCH_CHECK_TOLERANCE ?? '0.2');
  const known = baseline.ratios?.[bench] ?? {};
  let regressions = 0;
  console.log(
    `\nratios against bench/baseline.json (${baseline.measured ?? 'no baseline'}), fail below ${Math.round((1 - tolerance) * 100)} %:`,
  );
  for (const [name, ratio] of Object.entries(ratios)) {
    const base = known[name];
    if (typeof base !== 'number') {
      console.log(`  new       ${name}: ${ratio.toFixed(3)}`);
      continue;
    }
    const change = ratio / base - 1;
    const regressed = ratio < base * (1 - tolerance);
    if (regressed && checking) regressions++;
    const verdict = regressed ? (checking ? 'REGRESSED' : 'below') : 'ok';
    console.log(
      `  ${verdict.padEnd(9)} ${name}: ${ratio.toFixed(3)} against ${base.toFixed(3)} (${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)} %)`,
    );
  }
  if (process.env.BENCH_UPDATE_BASELINE === '1') {
    const next = {
      measured: new Date().toISOString().slice(0, 10),
      note: baseline.note,
      ratios: {
        ...baseline.ratios,
        [bench]: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, round3(v)])),
      },
    };
    writeFileSync(baselinePath, `${JSON.stringify(next, null, 2)}\n`);
    console.log(`  baseline of ${bench} updated in bench/baseline.json`);
  }
  if (regressions > 0)
    console.error(`${bench}: ${regressions} ratio(s) more than ${tolerance * 100} % below the baseline`);
  return regressions;
}

function round3(n) {
  return Math.round(n * 1000) / 1000;
}
