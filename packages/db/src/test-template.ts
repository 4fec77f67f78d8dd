// Vitest global setup: every test file's PGlite database starts from a copy of one migrated
// database (about 2 s) instead of running initdb and the migrations itself. The copy is the
// template `npm install` built for the current migrations (pglite-template.ts), built here when
// missing or stale.
import type { TestProject } from 'vitest/node';
import { ensurePgliteTemplate } from './pglite-template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteTemplatePath', await ensurePgliteTemplate());
}
