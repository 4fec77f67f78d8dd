// Two server processes starting at once on a FRESH (never migrated) PostgreSQL database (issue #19,
// point 6): each migration is applied exactly once, and each process reports what it did itself —
// one applied them all, the other none. The test it replaces ran on an already-migrated database
// and asserted [0, 0], which no locking bug could break. It fails on the old code, which counted
// the applied migrations before taking the lock (both processes reported all of them), and on the
// mutant that drops the advisory lock (the second migrator fails on "relation already exists").
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { expect, test } from 'vitest';
import { openDatabase, queryRows } from './database';
import { migrateDatabase, migrationStatus, readJournal } from './migrations';

const adminUrl = process.env.TEST_DATABASE_URL;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

test.runIf(adminUrl !== undefined)(
  'two processes migrating a fresh PostgreSQL database at once: every migration applied once, by one of them',
  async () => {
    const name = `zulin_migrate_${randomBytes(6).toString('hex')}`;
    await admin(`create database ${name}`);
    const url = new URL(adminUrl ?? '');
    url.pathname = `/${name}`;
    const a = await openDatabase({ url: url.toString(), poolMax: 4 });
    const b = await openDatabase({ url: url.toString(), poolMax: 4 });
    try {
      const expected = readJournal().entries.length;
      expect(expected).toBeGreaterThan(0);
      expect(await migrationStatus(a)).toMatchObject({ applied: 0, pending: expected });
      const results = await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
      expect(results.map((r) => r.applied).sort((x, y) => x - y)).toEqual([0, expected]);
      const rows = await queryRows<{ hash: string }>(a.db, sql`select hash from drizzle.__drizzle_migrations`);
      expect(rows).toHaveLength(expected);
      expect(new Set(rows.map((r) => r.hash)).size).toBe(expected);
      expect(await migrationStatus(b)).toMatchObject({ applied: expected, pending: 0 });
      // A third start finds nothing to do.
      expect(await migrateDatabase(a)).toEqual({ applied: 0 });
    } finally {
      await a.close();
      await b.close();
      await admin(`drop database if exists ${name} with (force)`);
    }
  },
);
