import { defineConfig } from 'drizzle-kit';

// One migration history for the whole database: the platform tables and every module's tables.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./packages/db/src/schema.ts', './packages/modules/*/src/schema.ts'],
  out: './packages/db/migrations',
});
