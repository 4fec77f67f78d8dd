import { defineConfig } from 'vitest/config';

// One run covers every package. Database tests open their own database per file
// (PGlite in memory, and PostgreSQL too when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'apps/server/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['packages/db/src/test-template.ts'],
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/vitest.xml' },
  },
});
