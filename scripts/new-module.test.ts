// The template: a module generated into the repository under a temporary name type-checks, passes
// the linter and the boundary check, and its own test passes. The module is removed afterwards.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
// @ts-expect-error -- a plain ESM script without type declarations
import { moduleFiles } from './new-module.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const name = `tpl-check-${process.pid}`;
const dir = `packages/modules/${name}`;

// Asynchronous, so that the test worker stays responsive to Vitest while tsc and Vitest run.
function run(command: string, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, CI: '' } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (status) => done({ status, output }));
  });
}

afterAll(() => {
  rmSync(resolve(root, dir), { recursive: true, force: true });
  rmSync(resolve(root, `docs/${name}.md`), { force: true });
});

test('names that are not lowercase words joined by "-" are refused', () => {
  for (const bad of ['Risk', 'risk_engine', '-risk', 'risk-', '1risk', '']) {
    expect(() => moduleFiles(bad), bad).toThrow(/module name/);
  }
  expect(Object.keys(moduleFiles('risk')).sort()).toEqual([
    'docs/risk.md',
    'packages/modules/risk/package.json',
    'packages/modules/risk/src/errors.ts',
    'packages/modules/risk/src/events.ts',
    'packages/modules/risk/src/index.ts',
    'packages/modules/risk/src/limits.ts',
    'packages/modules/risk/src/module.ts',
    'packages/modules/risk/src/record-note.test.ts',
    'packages/modules/risk/src/record-note.ts',
    'packages/modules/risk/src/routes.ts',
    'packages/modules/risk/src/routes/notes.ts',
    'packages/modules/risk/src/schema.ts',
  ]);
});

test('a generated module type-checks, lints, keeps the boundaries and passes its own test', {
  timeout: 900_000,
}, async () => {
  const made = await run('node', ['scripts/new-module.mjs', name]);
  expect(made.status, made.output).toBe(0);
  expect(existsSync(resolve(root, dir, 'src/index.ts'))).toBe(true);
  // A second time is refused: the name is taken.
  expect((await run('node', ['scripts/new-module.mjs', name])).status).toBe(1);

  const lint = await run('npx', ['biome', 'check', dir]);
  expect(lint.status, lint.output).toBe(0);
  const boundaries = await run('node', ['scripts/check-boundaries.mjs']);
  expect(boundaries.status, boundaries.output).toBe(0);
  const types = await run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  expect(types.status, types.output).toBe(0);
  const own = await run('npx', ['vitest', 'run', dir]);
  expect(own.status, own.output).toBe(0);
  expect(own.output).toMatch(/2 passed/);
});
