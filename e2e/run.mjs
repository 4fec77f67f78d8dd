// `npm run test:e2e`: builds the web apps if their sources changed, then runs every
// e2e/*.test.ts (or only the files given as arguments) with Node's test runner through tsx, one file
// at a time, and exits with its code.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-web.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Node 20's test runner takes no globs, so the files are listed here: the ones named on the command
// line (`node e2e/run.mjs e2e/wallet.test.ts`), or all of them.
const requested = process.argv.slice(2);
const files =
  requested.length > 0
    ? requested
    : readdirSync(join(root, 'e2e'))
        .filter((name) => name.endsWith('.test.ts'))
        .sort()
        .map((name) => join('e2e', name));

// Files share nothing (each starts its own server on its own data directory and port, and its own
// browser), so they may run side by side: E2E_CONCURRENCY files at a time (default 1). They mostly
// wait — on the browser, on the server's sweeps, on animations — so CI runs two on two cores.
const concurrency = Number.parseInt(process.env.E2E_CONCURRENCY ?? '1', 10);
if (!(concurrency >= 1)) {
  console.error(`E2E_CONCURRENCY must be a whole number ≥ 1, not ${process.env.E2E_CONCURRENCY}`);
  process.exit(64);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
