// A migrated, empty PGlite database kept as a tar (PGlite's `dumpDataDir`), so that a fresh data
// directory starts from a copy instead of running `initdb` and every migration — most of a first
// start's time. Built by `npm install` (scripts/build-db-template.mjs) and by the test run's global
// set-up; named by a fingerprint of the migrations and of PGlite's version, so a new migration or
// PGlite release builds a new one and a stale template is never used.
//
// `npm install` also unpacks the tar once into a data directory beside it (the template directory):
// a first start copies that directory with the file system's own copy (a fraction of a second)
// instead of unpacking the tar through PGlite's WebAssembly file system (seconds). The tests open
// in-memory databases from the tar.
import { createHash } from 'node:crypto';
import {
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './database';
import { migrateDatabase, migrationsFolder } from './migrations';

/** `node_modules/.cache/zulin` of the repository: rebuilt by `npm install`, ignored by git. */
export const defaultTemplateDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'zulin',
);

function pgliteVersion(): string {
  // The package exports no ./package.json: read it beside its entry point (dist/…).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = join(dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** SHA-256 over PGlite's version and every committed migration file (journal and SQL). */
export function migrationsFingerprint(): string {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\n`);
  const files = [
    join('meta', '_journal.json'),
    ...readdirSync(migrationsFolder)
      .filter((f) => f.endsWith('.sql'))
      .sort(),
  ];
  for (const file of files) {
    const path = join(migrationsFolder, file);
    if (existsSync(path)) hash.update(`${file}\n`).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Where the template for the current migrations is (or would be) kept. */
export function pgliteTemplatePath(dir = defaultTemplateDir): string {
  return join(dir, `pglite-${migrationsFingerprint()}.tar`);
}

/** The template for the current migrations, built first when missing. Returns its path. */
export async function ensurePgliteTemplate(dir = defaultTemplateDir): Promise<string> {
  const path = pgliteTemplatePath(dir);
  if (existsSync(path)) return path;
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateDatabase(database);
    const dump = await database.dumpDataDir?.();
    if (!dump) throw new Error('PGlite gave no dump of its data directory');
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed: a reader never sees half a template, two writers never mix.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
    // Templates of earlier migrations are never used again.
    for (const file of readdirSync(dir)) {
      if (/^pglite-[0-9a-f]+(\.tar)?$/.test(file) && !join(dir, file).startsWith(path.slice(0, -'.tar'.length))) {
        rmSync(join(dir, file), { recursive: true, force: true });
      }
    }
  } finally {
    await database.close();
  }
  return path;
}

/** The template for the current migrations if one was built, for a data directory not yet created. */
export function existingPgliteTemplate(dataDir: string, dir = defaultTemplateDir): Blob | undefined {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return undefined;
  const path = pgliteTemplatePath(dir);
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

/** Where the unpacked template directory for the current migrations is (or would be) kept. */
export function pgliteTemplateDirPath(dir = defaultTemplateDir): string {
  return pgliteTemplatePath(dir).slice(0, -'.tar'.length);
}

/** The template unpacked into a data directory (built from the tar first when missing). Returns its path. */
export async function ensurePgliteTemplateDir(dir = defaultTemplateDir): Promise<string> {
  const tar = await ensurePgliteTemplate(dir);
  const path = pgliteTemplateDirPath(dir);
  if (existsSync(join(path, 'PG_VERSION'))) return path;
  const partial = `${path}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  // PGlite unpacks the tar into the directory and shuts down cleanly on close.
  const database = await openDatabase({ dataDir: partial, loadDataDir: new Blob([readFileSync(tar)]) });
  await database.close();
  rmSync(path, { recursive: true, force: true });
  renameSync(partial, path);
  return path;
}

/**
 * Makes `dataDir` a copy of the template directory when `dataDir` holds no database yet and the
 * template directory of the current migrations exists. Copied aside and renamed, so that a start
 * interrupted half-way leaves no half database. True when it copied.
 */
export function copyPgliteTemplateDir(dataDir: string, dir = defaultTemplateDir): boolean {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return false;
  const template = pgliteTemplateDirPath(dir);
  if (!existsSync(join(template, 'PG_VERSION'))) return false;
  const partial = `${dataDir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  // A copy-on-write clone where the file system can (btrfs, XFS, APFS), a plain copy elsewhere.
  cpSync(template, partial, { recursive: true, mode: constants.COPYFILE_FICLONE });
  // An empty directory (made by an earlier start that stopped before PGlite wrote anything) gives way.
  if (existsSync(dataDir)) rmdirSync(dataDir);
  renameSync(partial, dataDir);
  return true;
}
