import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const include = ['packages/**/*.test.ts', 'apps/server/**/*.test.ts', 'scripts/**/*.test.ts'];
const exclude = ['**/node_modules/**', '**/dist/**'];
// Files that replace a module of the product with vi.mock: the replacement only takes where the
// module is loaded fresh, so these run in a process of their own (the "isolated" project).
const replacesModules = ['packages/modules/wallet/src/withdrawal-daily-limit.test.ts'];

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
