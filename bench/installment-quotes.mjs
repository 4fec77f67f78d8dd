// installment-quotes: quotes per second of the public installment calculator (POST
// /v1/installments/quote and /prepay-quote: a pure function behind HTTP — no database read or write)
// beside the HTTP floor (GET /healthz) measured on the same server in the same run, so the figure
// reads as a fraction of what the stack itself does on this machine.
//
//   node bench/installment-quotes.mjs [--connections N]
//
// One `zulin serve` on PGlite (the calculator touches no database, so the database does not matter),
// the per-address rate limit off (a load test comes from one address), autocannon with a 2 s warm-up
// then BENCH_SECONDS per measurement. Four scenarios: the floor; a 12-month 等额本息 quote of
// ¥5,999.00; a 60-month 等额本金 quote (the longest schedule, 60 rows to compute and serialise); a
// reduce-term prepay quote after 3 periods. Each answer is checked once before it is measured.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  envInt,
  formatTable,
  guardRatios,
  installSignalHandlers,
  isShuttingDown,
  machineNote,
  runAutocannon,
  startServer,
} from './lib.mjs';

const warmupSeconds = 2;
const terms = {
  principalMinor: 599_900,
  termMonths: 12,
  annualRateBps: 1200,
  method: 'equal_installment',
  startDate: '2026-01-15',
};
const scenarios = [
  { name: 'GET /healthz (floor)', method: 'GET', path: '/healthz' },
  {
    name: 'quote 12 × 等额本息',
    method: 'POST',
    path: '/v1/installments/quote',
    body: terms,
    expect: { aprSimpleBps: 1200 },
  },
  {
    name: 'quote 60 × 等额本金',
    method: 'POST',
    path: '/v1/installments/quote',
    body: { ...terms, principalMinor: 100_000_000, termMonths: 60, method: 'equal_principal' },
    expect: { principalMinor: 100_000_000 },
  },
  {
    name: 'prepay-quote reduce_term',
    method: 'POST',
    path: '/v1/installments/prepay-quote',
    body: { ...terms, paidPeriods: 3, strategy: 'reduce_term', prepayMinor: 200_000 },
    expect: { interestSavedMinor: 15_428 },
  },
];

async function main() {
  installSignalHandlers();
  const { values } = parseArgs({ options: { connections: { type: 'string' } } });
  const seconds = envInt('BENCH_SECONDS', 10);
  const connections = values.connections ? Number(values.connections) : envInt('BENCH_CONNECTIONS', 10);
  if (!Number.isInteger(connections) || connections < 1) throw new Error('--connections must be a positive integer');
  console.log(`installment-quotes · ${new Date().toISOString()}`);
  console.log(machineNote());
  console.log(`${connections} connections · ${warmupSeconds} s warm-up + ${seconds} s per measurement · pglite\n`);
  // startServer turns the per-address rate limit off (a load test comes from one address).
  const server = await startServer({ database: 'pglite', readyTimeoutMs: envInt('BENCH_READY_SECONDS', 120) * 1000 });
  const rows = [];
  const problems = [];
  try {
    let floor = 0;
    for (const scenario of scenarios) {
      if (isShuttingDown()) break;
      const url = `${server.baseUrl}${scenario.path}`;
      const headers = scenario.body ? { 'content-type': 'application/json' } : undefined;
      const body = scenario.body ? JSON.stringify(scenario.body) : undefined;
      if (scenario.expect) {
        const res = await fetch(url, { method: scenario.method, headers, body, signal: AbortSignal.timeout(10_000) });
        const json = await res.json();
        for (const [key, value] of Object.entries(scenario.expect)) {
          if (res.status !== 200 || json[key] !== value)
            throw new Error(
              `${scenario.name}: expected ${key} = ${value}, got ${res.status} ${JSON.stringify(json).slice(0, 300)}`,
            );
        }
      }
      const options = { url, connections, method: scenario.method, headers, body };
      await runAutocannon({ ...options, durationSeconds: warmupSeconds });
      const result = await runAutocannon({ ...options, durationSeconds: seconds });
      if (scenario.path === '/healthz') floor = result.rps;
      console.log(`  ${scenario.name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
      rows.push({
        scenario: scenario.name,
        'req/s': result.rps,
        'p50 ms': result.p50,
        'p99 ms': result.p99,
        errors: result.errors,
        'non-2xx': result.non2xx,
        '÷ floor': floor > 0 ? result.rps / floor : undefined,
      });
      if (result.errors > 0 || result.non2xx > 0)
        problems.push(
          `${scenario.name}: ${result.errors} errors, ${result.non2xx} non-2xx ${JSON.stringify(result.statusCodes)}`,
        );
    }
    const exit = server.exitStatus();
    if (exit) problems.push(`the server exited during the run (code ${exit.code}, signal ${exit.signal})`);
  } finally {
    await server.stop();
  }
  console.log(`\n${formatTable(rows)}`);
  console.log(
    `load average after the run: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  if (problems.length > 0) {
    console.error(`\nFAILED:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  const ratios = Object.fromEntries(
    rows
      .filter((r) => r['÷ floor'] !== undefined && r.scenario !== rows[0]?.scenario)
      .map((r) => [`${r.scenario} ÷ floor`, r['÷ floor']]),
  );
  return guardRatios('installment-quotes', ratios) > 0 ? 1 : 0;
}

process.exitCode = await main();
