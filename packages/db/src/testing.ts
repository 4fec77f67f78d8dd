// Test harness: every test file gets fresh, migrated databases — PGlite in memory always, and a
// PostgreSQL database of its own when TEST_DATABASE_URL is set (created for the file, dropped after).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Database, type DatabaseKind, openDatabase, redactUrl } from './database';
import { migrateDatabase } from './migrations';
import { testBackends } from './test-backends';

export { testBackends };

export interface TestDatabase {
  database: Database;
  /** Another handle on the same database (PostgreSQL only): a second server process. */
  openAnother(): Promise<Database>;
  cleanup(): Promise<void>;
}

function provided(key: 'pgliteTemplatePath' | 'postgresTemplateName'): string {
  try {
    return inject(key) ?? '';
  } catch {
    return ''; // not running under the project's Vitest configuration
  }
}

/** The migrated template made by the global setup (test-template.ts), when there is one. */
export function pgliteTemplate(): Blob | undefined {
  const path = provided('pgliteTemplatePath');
  return path && existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
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
  const template = provided('postgresTemplateName');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // A copy of the migrated template (global set-up) when there is one; the migrations below then
    // find nothing to apply.
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
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
