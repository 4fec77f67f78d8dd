// Test harness: every test file gets fresh, migrated databases — PGlite in memory always, and a
// PostgreSQL database of its own when TEST_DATABASE_URL is set (created for the file, dropped after).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Database, type DatabaseKind, openDatabase, redactUrl } from './database';
import { migrateDatabase } from './migrations';

export interface TestDatabase {
  database: Database;
  /** Another handle on the same database (PostgreSQL only): a second server process. */
  openAnother(): Promise<Database>;
  cleanup(): Promise<void>;
}

/** The migrated template made by the global setup (test-template.ts), when there is one. */
export function pgliteTemplate(): Blob | undefined {
  let path = '';
  try {
    path = inject('pgliteTemplatePath') ?? '';
  } catch {
    return undefined; // not running under the project's Vitest configuration
  }
  return path && existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

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

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir: pgliteTemplate() });
    await migrateDatabase(database);
    return {
      database,
      openAnother: () => Promise.reject(new Error('PGlite is opened by one process only')),
      cleanup: () => database.close(),
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `zulin_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax: 20 });
  await migrateDatabase(database);
  const others: Database[] = [];
  return {
    database,
    async openAnother() {
      const other = await openDatabase({ url: url.toString(), poolMax: 20 });
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const other of others) await other.close();
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * Declares a suite once per backend. The callback receives a getter for the backend's database,
 * created before the suite's tests and dropped after them.
 */
export function describeDb(name: string, body: (get: () => TestDatabase, kind: DatabaseKind) => void): void {
  for (const kind of testBackends()) {
    describe(`${name} [${kind}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await current?.cleanup();
      });
      body(() => {
        if (!current)
          throw new Error(`test database for ${kind} is not open (${redactUrl(process.env.TEST_DATABASE_URL ?? '')})`);
        return current;
      }, kind);
    });
  }
}
