// The demo data set, loaded once at `npm install` into a data directory beside the database
// template, so that the first `npm start` copies it instead of seeding record by record (the seed
// is most of a first start's time: about 7 s of CPU on a 2-core machine).
//
// The copy is used only when it is exactly what the seed would produce now: the same migrations,
// the same compiled server (the seed's code), the same business date and time zone, sandbox mode,
// the embedded database, and no master key from the environment (the template's personal data is
// encrypted under its own generated key, which is copied with it). Anything else seeds as before.
// The seed still runs after the copy (it is idempotent: a copy that is complete creates nothing).
import { createHash } from 'node:crypto';
import {
  constants,
  copyFileSync,
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultTemplateDir, migrationsFingerprint } from '@zulin/db';
import { type Clock, today } from '@zulin/kernel';
import type { Config } from '@zulin/platform';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Written by scripts/build-server.mjs: every source of the compiled server with its size and time. */
const compiledManifest = join(root, 'apps', 'server', 'dist', 'manifest.json');

/**
 * The name of the demo template that fits this configuration on this business date, or undefined
 * when no template may be used (a server database, production keys, not sandbox, sources run
 * uncompiled).
 */
export function demoTemplateKey(config: Config, clock: Clock): string | undefined {
  if (config.databaseUrl || !config.sandbox || config.masterKeySource !== 'data-dir') return undefined;
  if (process.env.ZULIN_COMPILED !== 'on' || !existsSync(compiledManifest)) return undefined;
  const facts = {
    migrations: migrationsFingerprint(),
    code: createHash('sha256').update(readFileSync(compiledManifest)).digest('hex'),
    businessDate: today(clock, config.timeZone),
    timeZone: config.timeZone,
  };
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 16);
}

export function demoTemplatePath(key: string, dir = defaultTemplateDir): string {
  return join(dir, `demo-${key}`);
}

/**
 * How long after it was loaded a demo template is still copied. The demo data's times are relative
 * to when it was loaded (a review case due in 2 h, a quote valid for a day): an older copy would
 * start a world that has aged, so a later first start seeds afresh instead.
 */
export const demoTemplateMaxAgeMs = 60 * 60 * 1000;
const builtAtFile = 'built-at';

/** The template at `path` exists and was loaded less than the maximum age before `now`. */
function isFresh(path: string, now: Date): boolean {
  if (!existsSync(join(path, 'pglite', 'PG_VERSION')) || !existsSync(join(path, builtAtFile))) return false;
  const builtAt = Date.parse(readFileSync(join(path, builtAtFile), 'utf8').trim());
  const age = now.getTime() - builtAt;
  return Number.isFinite(builtAt) && age >= 0 && age < demoTemplateMaxAgeMs;
}

/**
 * Copies the fitting demo template into a data directory that has no database yet: the database,
 * the files the seed wrote beside it (product images), and the master key, replacing the one the
 * configuration just generated there (it has encrypted nothing). True when copied.
 */
export function restoreDemoTemplate(config: Config, clock: Clock, dir = defaultTemplateDir): boolean {
  const key = demoTemplateKey(config, clock);
  if (!key) return false;
  const template = demoTemplatePath(key, dir);
  const pgliteDir = join(config.dataDir, 'pglite');
  if (!isFresh(template, clock.now()) || existsSync(join(pgliteDir, 'PG_VERSION'))) return false;
  const partial = `${pgliteDir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(join(template, 'pglite'), partial, { recursive: true, mode: constants.COPYFILE_FICLONE });
  rmSync(pgliteDir, { recursive: true, force: true });
  copyFileSync(join(template, 'master.key'), join(config.dataDir, 'master.key'));
  // What else the seed wrote beside the database (product images under uploads/, …) comes along.
  for (const name of readdirSync(template)) {
    if (name === 'pglite' || name === 'master.key' || name === builtAtFile) continue;
    cpSync(join(template, name), join(config.dataDir, name), { recursive: true, mode: constants.COPYFILE_FICLONE });
  }
  renameSync(partial, pgliteDir);
  return true;
}

/**
 * Builds the demo template for today (again when the one there is older than the maximum age): `seedInto(dataDir)` opens a fresh data directory there,
 * migrates and seeds it, and closes it. Returns the template's path, or undefined when this
 * configuration uses none. Older demo templates are removed.
 */
export async function buildDemoTemplate(
  config: Config,
  clock: Clock,
  seedInto: (dataDir: string) => Promise<void>,
  dir = defaultTemplateDir,
): Promise<string | undefined> {
  const key = demoTemplateKey(config, clock);
  if (!key) return undefined;
  const path = demoTemplatePath(key, dir);
  if (isFresh(path, clock.now())) return path;
  const partial = `${path}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  try {
    await seedInto(partial);
    writeFileSync(join(partial, builtAtFile), `${clock.now().toISOString()}\n`);
    rmSync(path, { recursive: true, force: true });
    renameSync(partial, path);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  for (const name of readdirSync(dir)) {
    if (name.startsWith('demo-') && join(dir, name) !== path) rmSync(join(dir, name), { recursive: true, force: true });
  }
  return path;
}
