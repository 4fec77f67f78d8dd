// The PostgreSQL template the test run copies per file: built once for the current migrations,
// copied into a database that is fully migrated, and templates of other migrations dropped once
// they are a day old (a fresh one, another branch's run in progress, is kept).
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { openDatabase } from './database';
import { migrationStatus, readJournal } from './migrations';
import { ensurePostgresTemplate, postgresTemplateName } from './pg-template';

const adminUrl = process.env.TEST_DATABASE_URL;

async function admin<T extends pg.QueryResultRow>(statement: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(statement, values)).rows;
  } finally {
    await client.end();
  }
}

const databases = (names: string[]) =>
  admin<{ datname: string }>('select datname from pg_database where datname = any($1) order by datname', [names]).then(
    (rows) => rows.map((row) => row.datname),
  );

const stale = 'zulin_template_00000000000stale';
const fresh = 'zulin_template_00000000000fresh';
const copy = `zulin_copy_${process.pid}`;

afterAll(async () => {
  if (!adminUrl) return;
  for (const name of [stale, fresh, copy]) await admin(`drop database if exists ${name} with (force)`);
});

test.runIf(adminUrl !== undefined)(
  'the template is built once, a copy of it is fully migrated, and only day-old templates of other migrations are dropped',
  async () => {
    const now = new Date('2026-12-05T10:00:00Z');
    for (const [name, made] of [
      [stale, '2026-12-04T09:59:00.000Z'],
      [fresh, '2026-12-05T09:00:00.000Z'],
    ]) {
      await admin(`drop database if exists ${name} with (force)`);
      await admin(`create database ${name}`);
      await admin(`comment on database ${name} is 'zulin test template made ${made}'`);
    }

    const name = await ensurePostgresTemplate(adminUrl ?? '', now);
    expect(name).toBe(postgresTemplateName());
    expect(await databases([stale, fresh, name])).toEqual([fresh, name].sort());
    // Nobody may connect to it: a connection would stop every copy.
    const [row] = await admin<{ datallowconn: boolean }>('select datallowconn from pg_database where datname = $1', [
      name,
    ]);
    expect(row?.datallowconn).toBe(false);
    // Built once: a second call finds it and builds nothing (no partial database left either).
    expect(await ensurePostgresTemplate(adminUrl ?? '', now)).toBe(name);
    const partials = await admin<{ datname: string }>('select datname from pg_database where datname like $1', [
      `${name}_%`,
    ]);
    expect(partials).toEqual([]);

    await admin(`create database ${copy} template ${name}`);
    const url = new URL(adminUrl ?? '');
    url.pathname = `/${copy}`;
    const database = await openDatabase({ url: url.toString(), poolMax: 1 });
    try {
      expect(await migrationStatus(database)).toMatchObject({ applied: readJournal().entries.length, pending: 0 });
    } finally {
      await database.close();
    }
  },
);
