// A migrated, empty PostgreSQL database that the test run copies for each test file
// (`create database … template …`, a file copy inside the server) instead of running every
// migration in every file's database. Named by the migrations' fingerprint, so a new migration
// makes a new template and a stale one is never copied. Connections to it are refused
// (`allow_connections false`): PostgreSQL copies a template only while nobody is connected to it.
import pg from 'pg';
import { openDatabase } from './database';
import { migrateDatabase } from './migrations';
import { migrationsFingerprint } from './pglite-template';

const prefix = 'zulin_template_';
/** Templates of other migrations (another branch's, an earlier commit's) are dropped after this long. */
const staleAfterMs = 24 * 60 * 60 * 1000;

/** The template's name for the current migrations. */
export function postgresTemplateName(): string {
  return `${prefix}${migrationsFingerprint()}`;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The template for the current migrations on the server `adminUrl` points at, built first when
 * missing (migrated under another name and renamed, so a copy never starts from half a template).
 * Returns its name.
 */
export async function ensurePostgresTemplate(adminUrl: string, now = new Date()): Promise<string> {
  const name = postgresTemplateName();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const existing = await admin.query<{ datname: string; note: string | null }>(
      `select datname, shobj_description(oid, 'pg_database') as note from pg_database where datname like $1`,
      [`${prefix}%`],
    );
    for (const row of existing.rows) {
      const made = Date.parse(row.note?.replace(/^zulin test template made /, '') ?? '');
      if (row.datname !== name && (Number.isNaN(made) || now.getTime() - made > staleAfterMs)) {
        await admin.query(`drop database if exists ${row.datname} with (force)`).catch(() => {});
      }
    }
    if (existing.rows.some((row) => row.datname === name)) return name;

    const partial = `${name}_${process.pid}`;
    await admin.query(`drop database if exists ${partial} with (force)`);
    await admin.query(`create database ${partial}`);
    const database = await openDatabase({ url: databaseUrl(adminUrl, partial), poolMax: 2 });
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
    await admin.query(`comment on database ${partial} is 'zulin test template made ${now.toISOString()}'`);
    await admin.query(`alter database ${partial} with allow_connections false`);
    try {
      await admin.query(`alter database ${partial} rename to ${name}`);
    } catch (error) {
      // Another run built it meanwhile (duplicate_database): theirs is as good.
      await admin.query(`drop database if exists ${partial}`);
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
    return name;
  } finally {
    await admin.end();
  }
}
