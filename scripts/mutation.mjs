#!/usr/bin/env node
// Mutation testing of the money code, one module at a time (issue #19; scores in docs/testing.md).
//   node scripts/mutation.mjs kernel wallet     the money files of these modules (stryker.config.mjs)
//   node scripts/mutation.mjs --all             every money module, one after the other
//   node scripts/mutation.mjs --changed [base]  only money files changed against base (default main)
//   node scripts/mutation.mjs kernel --only money.ts   a part of a module's files
//   node scripts/mutation.mjs ledger --only create-transfers --lines 86-166,313-392   lines of one file
// Stryker mutates the files IN PLACE (workspace packages resolve through node_modules symlinks to
// the checkout, so Stryker's copied sandbox would test the unmutated code): run it on a checkout
// nobody is editing (CI, or a copy). Prints "<module>: score % (killed/valid, survived, no coverage)".
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import config, { moneyFiles, moneyTests } from '../stryker.config.mjs';

let args = process.argv.slice(2);
/** The value of `--name <value>`, taken out of `args`. */
function option(name) {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args = args.filter((_, i) => i !== at && i !== at + 1);
  return value;
}
// --only <text>: mutate only the module files whose path contains <text> (a partial run).
const only = option('--only');
// --lines <a-b[,c-d…]>: with --only naming one file, mutate only those lines (Stryker's `file:a-b`),
// so that a part of a long file finishes with a report; the tests that judge it are the file's.
const lines = option('--lines');
if (lines !== undefined && !/^\d+-\d+(,\d+-\d+)*$/.test(lines))
  throw new Error(`--lines ${lines}: expected a-b[,c-d…]`);
let runs = [];
if (args[0] === '--changed') {
  const base = args[1] ?? 'main';
  const changed = new Set(
    execFileSync('git', ['diff', '--name-only', `${base}...HEAD`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean),
  );
  for (const [module, files] of Object.entries(moneyFiles)) {
    const hit = files.filter((f) => changed.has(f));
    if (hit.length > 0) runs.push([module, hit]);
  }
  if (runs.length === 0) {
    console.log(`mutation: no money file changed against ${base}`);
    process.exit(0);
  }
} else if (args[0] === '--all') {
  runs = Object.entries(moneyFiles);
} else if (args.length > 0) {
  for (const module of args) {
    if (!moneyFiles[module]) throw new Error(`no money files for module "${module}" in stryker.config.mjs`);
    const files = moneyFiles[module].filter((f) => only === undefined || f.includes(only));
    if (lines !== undefined && files.length !== 1)
      throw new Error(`--lines needs --only to name one file of ${module}`);
    const part = `${only ?? ''}${lines === undefined ? '' : `-${lines}`}`;
    runs.push([part ? `${module}-${part.replace(/[^A-Za-z0-9]+/g, '-')}` : module, files]);
  }
} else {
  console.error('usage: node scripts/mutation.mjs <module…> | --all | --changed [base]');
  process.exit(2);
}

mkdirSync('reports/mutation', { recursive: true });
let failed = false;
for (const [module, files] of runs) {
  // Each money file is judged by its own tests (`moneyTests` in stryker.config.mjs: the narrowest set
  // that covers it), else by every test of its module. With `related`, a kernel mutant would run
  // nearly every suite of the repository.
  const dir = files[0].split('/src/')[0];
  const moduleTests = readdirSync(join(dir, 'src'), { recursive: true })
    .filter((f) => String(f).endsWith('.test.ts'))
    .map((f) => join(dir, 'src', String(f)));
  const testFiles = [...new Set(files.flatMap((f) => moneyTests[f] ?? moduleTests))].sort();
  for (const test of testFiles) if (!existsSync(test)) throw new Error(`${test} (moneyTests) does not exist`);
  const vitestConfig = join('reports', 'mutation', `vitest.${module}.config.mjs`);
  // Not mergeConfig: it concatenates arrays, so `include` would keep every test of the repository.
  // Tests that open no database get no PGlite template either.
  const usesDatabase = testFiles.some((f) => readFileSync(f, 'utf8').includes('@zulin/db/testing'));
  console.log(
    `${module}: ${files.length} file(s) judged by ${testFiles.length} test file(s)${usesDatabase ? ' (database)' : ''}`,
  );
  writeFileSync(
    vitestConfig,
    [
      "import base from '../../vitest.config.ts';",
      'export default {',
      '  ...base,',
      // Without the base's projects (each has its own include), in one project whose files run
      // isolated, as Stryker's runner expects.
      `  test: { ...base.test, projects: undefined, poolOptions: { forks: { isolate: true } }, include: ${JSON.stringify(testFiles)}, reporters: ['default']${usesDatabase ? '' : ', globalSetup: []'} },`,
      '};',
      '',
    ].join('\n'),
  );
  const configPath = join('reports', 'mutation', `stryker.${module}.config.json`);
  const { plugins, ...rest } = config;
  writeFileSync(
    configPath,
    JSON.stringify(
      {
        ...rest,
        plugins,
        inPlace: true,
        mutate: lines === undefined ? files : lines.split(',').map((range) => `${files[0]}:${range}`),
        vitest: { configFile: vitestConfig, related: false },
        jsonReporter: { fileName: `reports/mutation/${module}.json` },
        htmlReporter: { fileName: `reports/mutation/${module}.html` },
      },
      null,
      2,
    ),
  );
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', configPath], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
  try {
    const report = JSON.parse(readFileSync(`reports/mutation/${module}.json`, 'utf8'));
    const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, other: 0 };
    for (const file of Object.values(report.files))
      for (const m of file.mutants) count[m.status in count ? m.status : 'other'] += 1;
    const detected = count.Killed + count.Timeout;
    const valid = detected + count.Survived + count.NoCoverage;
    const score = valid === 0 ? 100 : (100 * detected) / valid;
    console.log(
      `${module}: ${score.toFixed(2)} % (${detected}/${valid} detected, ${count.Survived} survived, ` +
        `${count.NoCoverage} no coverage, ${count.other} not valid) in ${Math.round((Date.now() - started) / 60000)} min`,
    );
  } catch (error) {
    console.log(`${module}: no report (${error.message})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
