import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const include = [
  'packages/**/*.test.ts',
  'apps/server/**/*.test.ts',
  'apps/h5/src/**/*.test.ts',
  'apps/admin/src/**/*.test.ts',
  'scripts/**/*.test.ts',
];
const exclude = ['**/node_modules/**', '**/dist/**'];
// Files that replace a module of the product with vi.mock: the replacement only takes where the
// module is loaded fresh, so these run in a process of their own (the "isolated" project).
const replacesModules = [
  'packages/modules/wallet/src/withdrawal-daily-limit.test.ts',
  'packages/modules/wallet/src/late-payout-suspense.test.ts',
];

// The files that take longest (minutes, mostly waiting: the crash test's server restarts and its 60 s
// claim takeover), started first so that they run beside the short files instead of after them (a
// clean checkout has no timing cache, and Vitest then orders by file size: on 5 December the crash
// test started late and ran alone for the last 10 minutes of the PostgreSQL leg).
const startFirst = [
  'apps/server/src/crash.test.ts',
  'apps/server/src/route-walker.test.ts',
  'scripts/new-module.test.ts',
  'packages/modules/installment/src/collect-period-bills.test.ts',
  'apps/server/src/fuzz.test.ts',
  'packages/db/src/pglite-template.test.ts',
  'packages/modules/payments/src/agreement-sweep.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = startFirst.findIndex((path) => file.moduleId.endsWith(path));
      return at === -1 ? startFirst.length : at;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

// One run covers every package. Database tests open their own database per file
// (PGlite in memory, and PostgreSQL too when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    exclude,
    // A limit for a test that hangs, not a speed check (speed is measured in bench/): CI runs the
    // Vitest legs beside the browser tests on 2 cores, where integrated tests that take 20–30 s alone
    // passed 60 s (4 December: admin-orders, agreement-notify).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files share no state (each opens its own database and server; module-level settings hang
    // off the server's context), so a worker process runs file after file with the product's modules
    // loaded once: loading them took about 7 s per file, most of a typical database test file's time
    // (5 December 2026, 2 cores: the PostgreSQL leg 475 s instead of 863 s). Vitest decides
    // this for the whole pool, and still gives each project fresh workers (docs/testing.md).
    poolOptions: { forks: { isolate: false } },
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, where the
    // test files (mostly PGlite, one process each) then queue behind each other while a core idles.
    // Test files share nothing (each opens its own database), so use every core, at least two.
    maxWorkers: Math.max(2, availableParallelism()),
    minWorkers: 1,
    globalSetup: ['packages/db/src/test-template.ts'],
    sequence: { sequencer: LongestFirst },
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/vitest.xml' },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include,
          exclude: [...exclude, ...replacesModules],
        },
      },
      {
        extends: true,
        test: { name: 'isolated', include: replacesModules, poolOptions: { forks: { isolate: true } } },
      },
    ],
  },
});
