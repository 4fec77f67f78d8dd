import type { DatabaseKind } from './database';

/**
 * The backends each database suite runs on: PGlite, and PostgreSQL too when TEST_DATABASE_URL is set.
 * TEST_DATABASE_BACKENDS=postgres (or pglite) keeps one of them: CI runs each as its own leg.
 */
export function testBackends(): DatabaseKind[] {
  const all: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const only = process.env.TEST_DATABASE_BACKENDS?.split(',').map((s) => s.trim());
  if (!only) return all;
  const chosen = all.filter((kind) => only.includes(kind));
  if (chosen.length === 0) {
    throw new Error(
      `TEST_DATABASE_BACKENDS=${process.env.TEST_DATABASE_BACKENDS} leaves no backend (set TEST_DATABASE_URL for postgres)`,
    );
  }
  return chosen;
}
