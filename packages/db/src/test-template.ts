// Vitest global setup: every test file's database starts from a copy of one migrated database
// instead of running the migrations itself. PGlite: the template `npm install` built for the
// current migrations (pglite-template.ts), built here when missing or stale (a copy opens in about
// 2 s). PostgreSQL, when the run uses it: a template database on the server (pg-template.ts).
import type { TestProject } from 'vitest/node';
import { ensurePostgresTemplate } from './pg-template';
import { ensurePgliteTemplate } from './pglite-template';
import { testBackends } from './test-backends';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplateName: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteTemplatePath', await ensurePgliteTemplate());
  const url = process.env.TEST_DATABASE_URL;
  project.provide(
    'postgresTemplateName',
    url && testBackends().includes('postgres') ? await ensurePostgresTemplate(url) : '',
  );
}
