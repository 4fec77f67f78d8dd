#!/usr/bin/env node
// Reads Vitest's JSON report of one leg and prints "<leg>: N passed, N failed, N skipped" — a test
// skipped because its suite's set-up (a beforeAll, an import) failed counts as FAILED, and a file
// that failed without running a test counts as one failure — then, on its last line, the three
// numbers for .ci/run to add up. Usage: vitest-count.mjs <leg> <report.json> [--require=<text>]
// --require=<text>: the leg fails unless at least one test whose full name contains <text> ran
// (the PostgreSQL leg requires "[postgres]", the suffix describeDb gives its PostgreSQL suites).
import { readFileSync } from 'node:fs';

const [leg, path, flag] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let setUpFailures = 0;
let required = 0;
const requiredText = flag?.startsWith('--require=') ? flag.slice('--require='.length) : undefined;
const problems = [];
// The failed tests by name: the run's last lines (all that some readers of CI keep) name them.
const failedNames = [];
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (error) {
  problems.push(`no report at ${path} (${error.code ?? error.message}): the leg did not run`);
  failed += 1;
}
if (report) {
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    // A file that failed with no failed test failed in its set-up (an import, a beforeAll hook).
    const setUpFailed = file.status === 'failed' && !tests.some((a) => a.status === 'failed');
    for (const a of tests) {
      if (requiredText && (a.status === 'passed' || a.status === 'failed') && a.fullName?.includes(requiredText))
        required += 1;
      if (a.status === 'passed') passed += 1;
      else if (a.status === 'failed') {
        failed += 1;
        failedNames.push(`${file.name.replace(`${process.cwd()}/`, '')} > ${a.fullName ?? a.title}`);
      } else if (setUpFailed) {
        // Vitest marks the tests of a suite whose beforeAll threw as skipped: they are failures.
        failed += 1;
        setUpFailures += 1;
      } else skipped += 1;
    }
    if (setUpFailed && tests.length === 0) {
      failed += 1;
      setUpFailures += 1;
    }
    if (setUpFailed) problems.push(`${file.name}: ${String(file.message || 'set-up failed').split('\n')[0]}`);
  }
}
if (requiredText !== undefined && required === 0) {
  problems.push(`the ${leg} leg ran no test named "${requiredText}"`);
  failed += 1;
}
for (const p of problems) console.log(`  ${leg}: ${p}`);
// Where the leg's time went: the slowest files (a file's time is from its start to its end, set-up
// included), so that a slow CI run says what to look at.
const files = (report?.testResults ?? [])
  .map((file) => ({
    name: file.name.replace(`${process.cwd()}/`, ''),
    ms: (file.endTime ?? 0) - (file.startTime ?? 0),
  }))
  .sort((a, b) => b.ms - a.ms);
if (files.length > 0) {
  const total = files.reduce((sum, file) => sum + file.ms, 0);
  console.log(`  ${leg}: ${files.length} files, ${(total / 1000).toFixed(0)} s summed over workers; the slowest:`);
  for (const file of files.slice(0, 12)) console.log(`    ${(file.ms / 1000).toFixed(1).padStart(6)} s  ${file.name}`);
}
const shown = failedNames.slice(0, 5).map((name) => (name.length > 200 ? `${name.slice(0, 199)}…` : name));
console.log(
  `${leg}: ${passed} passed, ${failed} failed, ${skipped} skipped` +
    (setUpFailures > 0 ? ` (${setUpFailures} of the failures: set-up failed)` : '') +
    (shown.length > 0
      ? ` — failed: ${shown.join(' | ')}${failedNames.length > shown.length ? ` | and ${failedNames.length - shown.length} more` : ''}`
      : ''),
);
console.log(`${passed} ${failed} ${skipped}`);
