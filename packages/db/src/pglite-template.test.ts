import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { openDatabase, queryRows } from './database';
import { migrateDatabase, migrationStatus, readJournal } from './migrations';
import {
  copyPgliteTemplateDir,
  ensurePgliteTemplate,
  ensurePgliteTemplateDir,
  existingPgliteTemplate,
  pgliteTemplateDirPath,
  pgliteTemplatePath,
} from './pglite-template';

const work = mkdtempSync(join(tmpdir(), 'zulin-template-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('a fresh data directory opened from the template is migrated and usable; an existing one is left alone', async () => {
  const templates = join(work, 'templates');
  expect(existingPgliteTemplate(join(work, 'none'), templates)).toBeUndefined();
  const path = await ensurePgliteTemplate(templates);
  expect(path).toBe(pgliteTemplatePath(templates));
  expect(await ensurePgliteTemplate(templates)).toBe(path); // built once

  const dataDir = join(work, 'data');
  const template = existingPgliteTemplate(dataDir, templates);
  expect(template).toBeDefined();
  const database = await openDatabase({ dataDir, loadDataDir: template });
  try {
    expect(await migrationStatus(database)).toMatchObject({ applied: readJournal().entries.length, pending: 0 });
    expect((await migrateDatabase(database)).applied).toBe(0);
    await database.db.execute(sql`create table template_probe (n int)`);
    await database.db.execute(sql`insert into template_probe values (42)`);
  } finally {
    await database.close();
  }
  // The directory now exists: it is opened as it is, never overwritten by the template.
  expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  expect(existingPgliteTemplate(dataDir, templates)).toBeUndefined();
  const reopened = await openDatabase({ dataDir });
  try {
    expect(await queryRows<{ n: number }>(reopened.db, sql`select n from template_probe`)).toEqual([{ n: 42 }]);
  } finally {
    await reopened.close();
  }
}, 300_000);

test('a fresh data directory copied from the template directory is migrated and usable; an existing one is not overwritten', async () => {
  const templates = join(work, 'dir-templates');
  expect(copyPgliteTemplateDir(join(work, 'none'), templates)).toBe(false); // no template directory yet
  const path = await ensurePgliteTemplateDir(templates);
  expect(path).toBe(pgliteTemplateDirPath(templates));
  expect(existsSync(join(path, 'PG_VERSION'))).toBe(true);
  expect(existsSync(pgliteTemplatePath(templates))).toBe(true); // the tar the tests use stays
  expect(await ensurePgliteTemplateDir(templates)).toBe(path); // built once

  const dataDir = join(work, 'copied', 'pglite');
  expect(copyPgliteTemplateDir(dataDir, templates)).toBe(true);
  const database = await openDatabase({ dataDir });
  try {
    expect(await migrationStatus(database)).toMatchObject({ applied: readJournal().entries.length, pending: 0 });
    await database.db.execute(sql`create table template_probe (n int)`);
    await database.db.execute(sql`insert into template_probe values (7)`);
  } finally {
    await database.close();
  }
  expect(copyPgliteTemplateDir(dataDir, templates)).toBe(false);
  const reopened = await openDatabase({ dataDir });
  try {
    expect(await queryRows<{ n: number }>(reopened.db, sql`select n from template_probe`)).toEqual([{ n: 7 }]);
  } finally {
    await reopened.close();
  }
  // The template itself was not touched by the copy's writes.
  const template = await openDatabase({ dataDir: path });
  try {
    expect(
      await queryRows<{ n: number }>(
        template.db,
        sql`select count(*)::int as n from pg_tables where tablename = 'template_probe'`,
      ),
    ).toEqual([{ n: 0 }]);
  } finally {
    await template.close();
  }
}, 300_000);
