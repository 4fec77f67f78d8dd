// A test file that replaces a module of the product with vi.mock must run in the "isolated" project
// (vitest.config.ts `replacesModules`): in the shared project the module is already loaded by an
// earlier file and the replacement silently does not take (late-payout-suspense.test.ts passed alone
// and failed in CI's PGlite leg on 6 December for that reason).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.ts') && !file.includes('node_modules') && !file.includes('dist/'))
    .map((file) => join(dir, file));
}

test('every test file that calls vi.mock is listed in replacesModules', () => {
  const config = readFileSync(join(root, 'vitest.config.ts'), 'utf8');
  const mocking = ['packages', 'apps/server', 'scripts']
    .flatMap(testFiles)
    .filter((file) => /\bvi\.mock\(/.test(readFileSync(join(root, file), 'utf8')))
    .filter((file) => file !== 'scripts/vi-mock-isolated.test.ts');
  expect(mocking.length).toBeGreaterThanOrEqual(2);
  expect(mocking.filter((file) => !config.includes(`'${file}'`))).toEqual([]);
});
