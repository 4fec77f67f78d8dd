import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One run covers every package. Database tests open their own database per file
// (PGlite in memory, and PostgreSQL too when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'apps/server/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // A limit for a test that hangs, not a speed check (speed is measured in bench/): CI runs the
    // Vitest legs beside the browser tests on 2 cores, where integrated tests that take 20–30 s alone
    // passed 60 s (4 December: admin-orders, agreement-notify).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, where the
    // test files (mostly PGlite, one process each) then queue behind each other while a core idles.
    // Test files share nothing (each opens its own database), so use every core, at least two.
    maxWorkers: Math.max(2, availableParallelism()),
    minWorkers: 1,
    globalSetup: ['packages/db/src/test-template.ts'],
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/vitest.xml' },
  },
});
