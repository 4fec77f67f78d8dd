// The module-boundary check (CI fails on any violation):
//  1. code outside a module imports it only through its index: `@zulin/<module>`, never a deep path;
//  2. a module's files never reach into another module by a relative path;
//  3. a module's routes (routes.ts, routes/*.ts) never query: no drizzle-orm, no @zulin/db, no ./schema;
//  4. the kernel does no I/O and depends on no other Zulin package;
//  5. nothing under packages/ imports the server app (@zulin/server): the libraries do not depend
//     on the app that composes them;
//  6. the platform and the database layer import no module and not the product; a module's own
//     code imports the product (the composition of all modules) only in its tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const importPattern =
  /(?:^|\s)(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
const ioModules = ['fs', 'net', 'http', 'https', 'child_process', 'dgram', 'dns', 'tls', 'worker_threads', 'cluster'];

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function importsOf(text) {
  const found = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier) found.push({ specifier, typeOnly: /^\s*(import|export)\s+type\s/.test(match[0]) });
  }
  return found;
}

function isDir(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Returns every violation in the tree at `root`, as `file: message` lines. */
export function checkBoundaries(root) {
  const modulesDir = join(root, 'packages', 'modules');
  const moduleNames = isDir(modulesDir) ? readdirSync(modulesDir).filter((m) => isDir(join(modulesDir, m))) : [];
  const roots = ['packages', 'apps', 'scripts', 'bench', 'e2e'].map((d) => join(root, d)).filter(isDir);
  const violations = [];
  for (const file of roots.flatMap(sourceFiles)) {
    const rel = relative(root, file).split(sep).join('/');
    const ownModule = rel.startsWith('packages/modules/') ? rel.split('/')[2] : undefined;
    const isTest = /\.test\.[mc]?[jt]sx?$/.test(rel);
    // Tests, their shared browser steps (e2e/), a module's own test helpers (its `src/testing.ts`,
    // imported by tests only) and benchmarks may play an outside system with a module's test helpers
    // (`/testing`).
    const mayUseTesting =
      isTest ||
      rel.startsWith('bench/') ||
      rel.startsWith('e2e/') ||
      /^packages\/modules\/[^/]+\/src\/testing\.ts$/.test(rel);
    // This script's own test holds import statements as fixture strings, not as imports.
    if (rel === 'scripts/check-boundaries.test.ts') continue;
    const text = readFileSync(file, 'utf8');
    for (const { specifier, typeOnly } of importsOf(text)) {
      const deep = specifier.match(/^@zulin\/([^/]+)\/(.+)$/);
      if (deep && moduleNames.includes(deep[1]) && deep[1] !== ownModule && !(mayUseTesting && deep[2] === 'testing')) {
        violations.push(`${rel}: imports ${specifier}; use the module's index, '@zulin/${deep[1]}'`);
      }
      if (ownModule && specifier.startsWith('.')) {
        const target = relative(modulesDir, resolve(dirname(file), specifier)).split(sep);
        if (target[0] !== ownModule) violations.push(`${rel}: reaches outside its module with '${specifier}'`);
      }
      if (rel.startsWith('packages/') && (specifier === '@zulin/server' || specifier.startsWith('@zulin/server/'))) {
        violations.push(`${rel}: imports ${specifier}; packages never depend on the server app`);
      }
      const moduleName = specifier.match(/^@zulin\/([^/]+)/)?.[1];
      // Below the modules: the database layer uses only the kernel, the platform only the kernel and the database.
      const allowedBelow = rel.startsWith('packages/db/')
        ? ['kernel', 'db']
        : rel.startsWith('packages/platform/')
          ? ['kernel', 'db', 'platform']
          : undefined;
      if (allowedBelow && moduleName !== undefined && !allowedBelow.includes(moduleName)) {
        violations.push(`${rel}: imports ${specifier}; the platform layer depends on no module`);
      }
      if (ownModule && !isTest && moduleName === 'product') {
        violations.push(`${rel}: imports ${specifier}; only tests use the product's composition`);
      }
      if (ownModule && /\/src\/(routes\.ts|routes\/[^/]+\.ts)$/.test(rel)) {
        const queries =
          specifier === 'drizzle-orm' ||
          specifier.startsWith('drizzle-orm/') ||
          /(^|\/)schema$/.test(specifier) ||
          (specifier === '@zulin/db' && !typeOnly);
        if (queries) violations.push(`${rel}: routes must not query; move what uses '${specifier}' into a use case`);
      }
      if (rel.startsWith('packages/kernel/') && !isTest) {
        const bare = specifier.replace(/^node:/, '');
        if (ioModules.includes(bare.split('/')[0])) violations.push(`${rel}: the kernel does no I/O ('${specifier}')`);
        if (specifier.startsWith('@zulin/')) violations.push(`${rel}: the kernel depends on no other Zulin package`);
      }
    }
  }
  return violations.sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const violations = checkBoundaries(root);
  if (violations.length > 0) {
    console.error(`module boundaries: ${violations.length} violation(s)`);
    for (const v of violations) console.error(`  ${v}`);
    process.exit(1);
  }
  console.log('module boundaries: ok');
}
