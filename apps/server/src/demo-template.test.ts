import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, queryRows } from '@zulin/db';
import { FixedClock } from '@zulin/kernel';
import { loadConfig } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildDemoTemplate, demoTemplateKey, restoreDemoTemplate } from './demo-template';

const noon = new FixedClock(new Date('2026-12-03T04:00:00Z')); // 12:00 in Shanghai
const compiledBefore = process.env.ZULIN_COMPILED;
let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'zulin-demo-template-'));
  process.env.ZULIN_COMPILED = 'on';
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
  if (compiledBefore === undefined) delete process.env.ZULIN_COMPILED;
  else process.env.ZULIN_COMPILED = compiledBefore;
});

const configIn = (dataDir: string, env: NodeJS.ProcessEnv = {}) =>
  loadConfig({ ZULIN_DATA_DIR: dataDir, ZULIN_SANDBOX: 'true', ...env });

describe('the demo data template', () => {
  test('fits only the embedded sandbox database with a generated key, the same day and zone, compiled', () => {
    const config = configIn(join(work, 'a'));
    const key = demoTemplateKey(config, noon);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    // Same facts, same key; the next business day (16:00 UTC is midnight in Shanghai) another.
    expect(demoTemplateKey(configIn(join(work, 'b')), noon)).toBe(key);
    expect(demoTemplateKey(config, new FixedClock(new Date('2026-12-03T16:00:00Z')))).not.toBe(key);
    expect(demoTemplateKey(configIn(join(work, 'c'), { ZULIN_TZ: 'Europe/Berlin' }), noon)).not.toBe(key);
    expect(demoTemplateKey(configIn(join(work, 'd'), { DATABASE_URL: 'postgres://x@127.0.0.1/db' }), noon)).toBe(
      undefined,
    );
    expect(demoTemplateKey(configIn(join(work, 'e'), { ZULIN_SANDBOX: 'false' }), noon)).toBe(undefined);
    const envKey = Buffer.alloc(32, 7).toString('base64');
    expect(demoTemplateKey(configIn(join(work, 'f'), { ZULIN_MASTER_KEY: envKey }), noon)).toBe(undefined);
    process.env.ZULIN_COMPILED = 'off'; // sources run through tsx: the seed's code may differ
    expect(demoTemplateKey(config, noon)).toBe(undefined);
  });

  test('is copied into a fresh data directory with its master key, never over an existing database', async () => {
    const templates = join(work, 'templates');
    mkdirSync(templates);
    const path = await buildDemoTemplate(
      configIn(join(work, 'builder')),
      noon,
      async (dataDir) => {
        // What the seed leaves: a data directory with a database and the key it encrypted under.
        const config = configIn(dataDir);
        const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
        await database.db.execute(sql`create table demo (name text)`);
        await database.db.execute(sql`insert into demo values ('seeded')`);
        await database.close();
        // …and the files the seed writes beside it, such as the demo catalog's images.
        mkdirSync(join(dataDir, 'uploads', 'images'), { recursive: true });
        writeFileSync(join(dataDir, 'uploads', 'images', 'phone.svg'), '<svg/>');
        expect(existsSync(join(config.dataDir, 'master.key'))).toBe(true);
      },
      templates,
    );
    expect(path).toBeDefined();
    const templateKey = readFileSync(join(path as string, 'master.key'), 'utf8');

    const fresh = configIn(join(work, 'fresh')); // generates a key of its own, used for nothing yet
    expect(readFileSync(join(fresh.dataDir, 'master.key'), 'utf8')).not.toBe(templateKey);
    expect(restoreDemoTemplate(fresh, noon, templates)).toBe(true);
    expect(readFileSync(join(fresh.dataDir, 'master.key'), 'utf8')).toBe(templateKey);
    const copy = await openDatabase({ dataDir: join(fresh.dataDir, 'pglite') });
    expect(await queryRows(copy.db, sql`select name from demo`)).toEqual([{ name: 'seeded' }]);
    await copy.close();
    expect(readFileSync(join(fresh.dataDir, 'uploads', 'images', 'phone.svg'), 'utf8')).toBe('<svg/>');

    // A second start finds its database: nothing is copied, the key stays.
    expect(restoreDemoTemplate(configIn(fresh.dataDir), noon, templates)).toBe(false);
    // The demo data's times run from when it was loaded: an hour later a first start seeds afresh.
    const later = (minutes: number) => new FixedClock(new Date(noon.now().getTime() + minutes * 60_000));
    expect(restoreDemoTemplate(configIn(join(work, 'within')), later(59), templates)).toBe(true);
    expect(restoreDemoTemplate(configIn(join(work, 'aged')), later(60), templates)).toBe(false);
    expect(existsSync(join(work, 'within', 'built-at'))).toBe(false);
    // Another day: the template does not fit.
    const tomorrow = new FixedClock(new Date('2026-12-04T04:00:00Z'));
    expect(restoreDemoTemplate(configIn(join(work, 'later')), tomorrow, templates)).toBe(false);
  });
});
