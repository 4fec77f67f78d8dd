// `npm run bench`: runs every bench/*.mjs benchmark (all but lib.mjs and this file), one at a time,
// and exits non-zero if any of them fails. Arguments after the script name select benchmarks by
// name (e.g. `node bench/run.mjs http-basics`). `--check` also fails a benchmark whose ratios fell
// more than 20 % below bench/baseline.json; `--update-baseline` writes this run's ratios there.
//
// Each benchmark is bounded: BENCH_TIMEOUT_SECONDS (default 600 + 30 × BENCH_SECONDS) after which
// it gets SIGTERM (it stops what it started), then SIGKILL 60 s later.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { benchDir, envInt, repoRoot } from './lib.mjs';

const skip = new Set(['lib.mjs', 'run.mjs']);
const all = readdirSync(benchDir)
  .filter((name) => name.endsWith('.mjs') && !skip.has(name))
  .sort();
const flags = new Set(process.argv.slice(2).filter((arg) => arg.startsWith('--')));
for (const flag of flags) {
  if (flag !== '--check' && flag !== '--update-baseline') {
    console.error(`bench: unknown option ${flag} (have: --check, --update-baseline)`);
    process.exit(64);
  }
}
if (flags.has('--check')) process.env.BENCH_CHECK = '1';
if (flags.has('--update-baseline')) process.env.BENCH_UPDATE_BASELINE = '1';
const wanted = process.argv
  .slice(2)
  .filter((arg) => !arg.startsWith('--'))
  .map((name) => basename(name, '.mjs'));
const unknown = wanted.filter((name) => !all.includes(`${name}.mjs`));
if (unknown.length > 0) {
  console.error(
    `bench: no benchmark named ${unknown.join(', ')} (have: ${all.map((n) => basename(n, '.mjs')).join(', ')})`,
  );
  process.exit(64);
}
const selected = wanted.length > 0 ? all.filter((name) => wanted.includes(basename(name, '.mjs'))) : all;
const timeoutSeconds = envInt('BENCH_TIMEOUT_SECONDS', 600 + 30 * envInt('BENCH_SECONDS', 10));

// A benchmark runs in its own process group, so that a Ctrl-C reaches it once, from here; it then
// stops what it started (bounded by its own handler) and exits, and so does this loop. A signal
// that comes again within 2 s (a terminal and npm both passing it on) is not passed on twice.
let current;
let lastForward = 0;
let stopRequested = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopRequested = true;
    if (!current || current.exitCode !== null || current.signalCode !== null) process.exit(1);
    if (Date.now() - lastForward < 2_000) return;
    lastForward = Date.now();
    current.kill(signal);
  });
}

function runOne(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(benchDir, name)], {
      cwd: repoRoot,
      stdio: 'inherit',
      detached: true,
    });
    current = child;
    let timedOut = false;
    const term = setTimeout(() => {
      timedOut = true;
      console.error(`bench: ${name} ran longer than ${timeoutSeconds} s: stopping it`);
      child.kill('SIGTERM');
    }, timeoutSeconds * 1000);
    const kill = setTimeout(() => child.kill('SIGKILL'), (timeoutSeconds + 60) * 1000);
    const finish = (ok, detail) => {
      clearTimeout(term);
      clearTimeout(kill);
      current = undefined;
      resolve({
        name,
        ok: ok && !timedOut,
        detail: timedOut ? 'timed out' : detail,
        seconds: (Date.now() - started) / 1000,
      });
    };
    child.once('error', (error) => finish(false, error.message));
    child.once('exit', (code, signal) => finish(code === 0, signal ? `signal ${signal}` : `exit code ${code}`));
  });
}

const results = [];
for (const name of selected) {
  if (stopRequested) break;
  console.log(`\n=== bench: ${name} ===\n`);
  results.push(await runOne(name));
}

console.log('\n=== bench: summary ===');
for (const r of results)
  console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.detail}, ${r.seconds.toFixed(0)} s)`);
process.exit(!stopRequested && results.every((r) => r.ok) ? 0 : 1);
