// http-basics: the floor of the HTTP stack. Measures GET /healthz (no database: Fastify, hooks,
// serialisation) and GET /v1/system/status (one read of the database per request) with autocannon,
// on PostgreSQL and on PGlite, and relates the database-backed read to what PostgreSQL alone does
// on this machine (pgbench select-only, measured in the same run).
//
//   node bench/http-basics.mjs [--postgres] [--pglite] [--connections N]
//
// With neither --postgres nor --pglite, both are measured. BENCH_SECONDS (default 10) is the
// length of each measurement and of each pgbench run; each server is measured once it has compiled its
// route schemas (bench/lib.mjs waitForWarmUp) and, driven on /healthz in 1-s rounds, two rounds agree
// within 15 % (its first sweeps done); every measurement follows a 2 s warm-up.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  anchorLine,
  benchDir,
  envInt,
  formatTable,
  guardRatios,
  installSignalHandlers,
  isShuttingDown,
  machineNote,
  runAnchor,
  runAutocannon,
  settleServer,
  startServer,
} from './lib.mjs';

const usage = `Usage: node bench/http-basics.mjs [--postgres] [--pglite] [--connections N]

Measures GET /healthz and GET /v1/system/status on PostgreSQL and on PGlite (both unless one is
named). Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10), BENCH_PG_URL
(default postgres://postgres@127.0.0.1:5432/test).`;

const endpoints = [
  { path: '/healthz', readsDatabase: false },
  { path: '/v1/system/status', readsDatabase: true },
];
const warmupSeconds = 2;

async function main() {
  installSignalHandlers();
  const { values } = parseArgs({
    options: {
      postgres: { type: 'boolean' },
      pglite: { type: 'boolean' },
      connections: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const seconds = envInt('BENCH_SECONDS', 10);
  const connections = values.connections ? Number(values.connections) : envInt('BENCH_CONNECTIONS', 10);
  if (!Number.isInteger(connections) || connections < 1) throw new Error(`--connections must be a positive integer`);
  const targets = [];
  if (values.postgres || !values.pglite) targets.push('postgres');
  if (values.pglite || !values.postgres) targets.push('pglite');

  const startedAt = new Date();
  console.log(`http-basics · ${startedAt.toISOString()}`);
  console.log(machineNote());
  console.log(
    `${connections} connections · ${warmupSeconds} s warm-up + ${seconds} s per measurement · ${targets.join(', ')}\n`,
  );

  console.log(`pgbench anchor: ${seconds} s TPC-B and ${seconds} s select-only…`);
  const anchor = await runAnchor({ seconds });
  console.log(`${anchorLine(anchor)}\n`);

  const rows = [];
  const problems = [];
  const logs = [];
  for (const database of targets) {
    console.log(`${database}: starting the server on a fresh database…`);
    const server = await startServer({ database });
    try {
      // One request each first: the endpoints answer, and the status says which database is behind it.
      const status = await (
        await fetch(`${server.baseUrl}/v1/system/status`, { signal: AbortSignal.timeout(10_000) })
      ).json();
      if (status.database?.kind !== database)
        throw new Error(`the server reports database ${status.database?.kind}, expected ${database}`);
      // Measured once the server has settled (its start-up work no longer competes with requests).
      const settled = await settleServer({ url: `${server.baseUrl}/healthz`, connections });
      console.log(
        `  warmed up ${server.warmUpSeconds.toFixed(1)} s after ready (route schemas compiled); settled after ` +
          `${settled.seconds} s of 1-s rounds on /healthz${settled.settled ? '' : ' (not steady; measured anyway)'}`,
      );
      let troubled = false;
      for (const { path, readsDatabase } of endpoints) {
        const url = `${server.baseUrl}${path}`;
        await runAutocannon({ url, connections, durationSeconds: warmupSeconds });
        const result = await runAutocannon({ url, connections, durationSeconds: seconds });
        console.log(
          `  GET ${path}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
            `${result.total} requests, ${result.errors} errors, ${result.non2xx} non-2xx`,
        );
        rows.push({
          database,
          endpoint: `GET ${path}`,
          'req/s': result.rps,
          'p50 ms': result.p50,
          'p99 ms': result.p99,
          errors: result.errors,
          'non-2xx': result.non2xx,
          '÷ select tps': readsDatabase ? result.rps / anchor.select_tps : undefined,
        });
        if (result.errors > 0 || result.non2xx > 0) {
          troubled = true;
          problems.push(
            `${database} GET ${path}: ${result.errors} errors (${result.timeouts} timeouts), ${result.non2xx} non-2xx, ` +
              `status codes ${JSON.stringify(result.statusCodes)}`,
          );
        }
      }
      const exit = server.exitStatus();
      if (exit) {
        troubled = true;
        problems.push(`${database}: the server exited during the run (code ${exit.code}, signal ${exit.signal})`);
      }
      const stderr = server.stderr();
      if (troubled || stderr.trim()) logs.push({ database, stderr });
    } finally {
      await server.stop();
    }
  }

  console.log(`\n${formatTable(rows)}\n`);
  console.log(
    `anchor: pgbench select-only ${anchor.select_tps.toFixed(1)} tps, TPC-B ${anchor.tpcb_tps.toFixed(1)} tps ` +
      `(scale ${anchor.scale}, ${anchor.clients} clients, ${anchor.threads} threads, ${anchor.seconds} s each)`,
  );
  console.log(
    `load average at the end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} (this run's own load included)`,
  );

  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const { log: _anchorLog, ...anchorFigures } = anchor;
  writeFileSync(
    join(resultsDir, `http-basics-${stamp}.json`),
    `${JSON.stringify({ startedAt, machine: machineNote(), connections, seconds, warmupSeconds, anchor: anchorFigures, rows, problems }, null, 2)}\n`,
  );
  for (const { database, stderr } of logs) {
    const file = join(resultsDir, `http-basics-${stamp}-${database}-server.stderr.log`);
    writeFileSync(file, stderr);
    console.log(`\n${database}: the server wrote to stderr (kept in ${file}); last lines:`);
    console.log(stderr.trim().split('\n').slice(-20).join('\n'));
  }
  if (problems.length > 0) {
    console.error(`\nhttp-basics: FAILED\n  ${problems.join('\n  ')}`);
    return 1;
  }
  // Every endpoint over select-only, /healthz too (the floor's share of the anchor).
  const ratios = Object.fromEntries(
    rows.map((r) => [`${r.database} ${r.endpoint} ÷ select`, r['req/s'] / anchor.select_tps]),
  );
  return guardRatios('http-basics', ratios) > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // On a signal, the handler in lib.mjs stops what was started and exits with the signal's code.
    if (isShuttingDown()) return;
    console.error(`http-basics: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    process.exit(1);
  },
);
