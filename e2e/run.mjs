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

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
