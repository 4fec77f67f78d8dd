import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { DatabaseOpenError, openDatabase, queryRows, redactUrl, transaction } from './database';
import { LeaderElection } from './leader';
import { migrateDatabase, migrationStatus } from './migrations';
import { describeDb, pgliteTemplate } from './testing';

test('data in the embedded database survives closing and reopening it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zulin-pglite-'));
  try {
    // From the suite's migrated template (migrating 45 migrations from nothing took 60 s under CI load;
    // migrating from nothing is pglite-template.test.ts's subject).
    const first = await openDatabase({ dataDir: dir, loadDataDir: pgliteTemplate() });
    await migrateDatabase(first);
    await first.db.execute(sql`create table kept (n int)`);
    await first.db.execute(sql`insert into kept values (42)`);
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    expect(await queryRows(second.db, sql`select n from kept`)).toEqual([{ n: 42 }]);
    expect(await migrationStatus(second)).toMatchObject({ pending: 0 });
    expect((await migrateDatabase(second)).applied).toBe(0);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a wrong DATABASE_URL fails with one clear message and no password in it', async () => {
  const opening = openDatabase({ url: 'postgres://zulin:hunter2@127.0.0.1:1/zulin' });
  await expect(opening).rejects.toBeInstanceOf(DatabaseOpenError);
  await expect(opening).rejects.toThrow(
    /cannot connect to the database at postgres:\/\/zulin:\*\*\*@127\.0\.0\.1:1\/zulin: .*ECONNREFUSED/,
  );
  await expect(openDatabase({ url: 'mysql://x@y/z' })).rejects.toThrow('must start with postgres://');
  expect(redactUrl('postgres://a:b@h/db')).toBe('postgres://a:***@h/db');
});

describeDb('database', (get, kind) => {
  test('a transaction that throws leaves the data as it was', async () => {
    const { db } = get().database;
    await db.execute(sql`create table accounts (id text primary key, balance_minor int not null)`);
    await db.execute(sql`insert into accounts values ('a', 1000)`);
    await expect(
      transaction(db, async (tx) => {
        await tx.execute(sql`update accounts set balance_minor = balance_minor - 600 where id = 'a'`);
        throw new Error('the second leg failed');
      }),
    ).rejects.toThrow('second leg');
    expect(await queryRows(db, sql`select balance_minor from accounts`)).toEqual([{ balance_minor: 1000 }]);
  });

  test.runIf(kind === 'postgres')('only one process holds the leader lock; it passes on when released', async () => {
    const a = new LeaderElection(get().database);
    const otherProcess = await get().openAnother();
    const b = new LeaderElection(otherProcess);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    await a.release();
    expect(await b.acquire()).toBe(true);
    expect(await a.acquire()).toBe(false);
    await b.release();
  });
});
// Two processes migrating one fresh database at once: migrations.test.ts.
