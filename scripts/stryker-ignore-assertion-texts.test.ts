import { readFileSync } from 'node:fs';
import { parse } from '@babel/parser';
// @ts-expect-error -- @babel/traverse ships no types (Stryker brings it; no @types/babel__traverse here)
import traverseModule from '@babel/traverse';
import { describe, expect, test } from 'vitest';
// @ts-expect-error -- a plain ESM script without type declarations
import { assertionTextReason, strykerPlugins } from './stryker-ignore-assertion-texts.mjs';

/** The part of Babel's NodePath this test reads. */
interface NodePath {
  node: { start?: number | null; end?: number | null };
  isStringLiteral(): boolean;
  isTemplateLiteral(): boolean;
}
type Traverse = (ast: unknown, visitor: { enter(path: NodePath): void; exit(path: NodePath): void }) => void;
// @babel/traverse is CommonJS: its default export arrives wrapped under ESM.
const traverse: Traverse = traverseModule.default ?? traverseModule;

/**
 * Walks `source` the way Stryker's instrumenter does (an ignored node's whole subtree is ignored,
 * ignorer-bookkeeper.js) and returns every string and template literal with its fate.
 */
function literals(source: string): { text: string; ignored: boolean }[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['typescript'] });
  const found: { text: string; ignored: boolean }[] = [];
  let ignoredNode: unknown;
  traverse(ast, {
    enter(path: NodePath) {
      if (ignoredNode === undefined && assertionTextReason(path) !== undefined) ignoredNode = path.node;
      if (path.isStringLiteral() || path.isTemplateLiteral())
        found.push({
          text: source.slice(path.node.start ?? 0, path.node.end ?? 0),
          ignored: ignoredNode !== undefined,
        });
    },
    exit(path: NodePath) {
      if (path.node === ignoredNode) ignoredNode = undefined;
    },
  });
  return found;
}

const fate = (source: string) => Object.fromEntries(literals(source).map(({ text, ignored }) => [text, ignored]));

describe('the Stryker ignorer of assertion and problem texts (issue #19)', () => {
  test('is registered as the ignorer "AssertionTexts"', () => {
    expect(strykerPlugins.map((plugin: { kind: string; name: string }) => [plugin.kind, plugin.name])).toEqual([
      ['Ignore', 'AssertionTexts'],
    ]);
  });

  test('ignores the message of assert, assert.ok and the kernel helpers, not their condition', () => {
    expect(
      fate(`
        assert(kind === 'monthly', \`periods must be a positive integer: \${periods}\`);
        assert.ok(x !== 'a', 'x is not a');
        assertNonNegativeMinor(balanceMinor, 'balanceMinor');
        throw new AssertionError('the IRR did not settle');
        throw new InvariantBroken('payouts', 'the bank paid twice');
      `),
    ).toEqual({
      "'monthly'": false,
      '`periods must be a positive integer: ${periods}`': true,
      "'a'": false,
      "'x is not a'": true,
      "'balanceMinor'": true,
      "'the IRR did not settle'": true,
      "'payouts'": false,
      "'the bank paid twice'": true,
    });
  });

  test('ignores the default of a helper message parameter, not of another function', () => {
    expect(
      fate(`
        export function assertMinor(x: number, name = 'amountMinor'): void {}
        export function parseMajor(s: string, unit = 'yuan'): number { return 0; }
      `),
    ).toEqual({ "'amountMinor'": true, "'yuan'": false });
  });

  test('ignores a problem detail and title, never its field path, field code or field message', () => {
    expect(
      fate(`
        throw InstallmentErrors.INSTALLMENT_PAYMENT_INVALID({
          detail: 'A payment is a positive whole number of 分',
          errors: [{ path: '/body/amountMinor', message: 'must be 1 to 100', code: 'range' }],
        });
        throw new AppError('NOT_FOUND', 404, 'Not found', { detail: 'no such order' });
        problems.check(ok, \`\${path}/strategy\`, 'must be one of payoff', 'enum');
        const options = { detail: 'not an error factory' };
        format({ title: 'zh-CN' });
      `),
    ).toEqual({
      "'A payment is a positive whole number of 分'": true,
      "'/body/amountMinor'": false,
      "'must be 1 to 100'": false,
      "'range'": false,
      "'NOT_FOUND'": false,
      "'Not found'": true,
      "'no such order'": true,
      '`${path}/strategy`': false,
      "'must be one of payoff'": false,
      "'enum'": false,
      "'not an error factory'": false,
      "'zh-CN'": false,
    });
  });

  test('on the real allocate-payment.ts: the detail and the assertion texts go, the field path stays', () => {
    const found = fate(readFileSync('packages/modules/installment/src/allocate-payment.ts', 'utf8'));
    expect(found["'A payment is a positive whole number of 分'"]).toBe(true);
    expect(found["'every slot belongs to a given period'"]).toBe(true);
    expect(found["'/body/amountMinor'"]).toBe(false);
  });

  test('on the real dates.ts: the 40-character echo is still mutated, its sentence is not', () => {
    const found = fate(readFileSync('packages/kernel/src/dates.ts', 'utf8'));
    // The keys are the source text of template literals, placeholders included.
    const echo = '`"$' + '{s.slice(0, 40)}"`';
    const sentence = '`Expected a calendar date YYYY-MM-DD, got $' + '{shown}`';
    expect(found[echo]).toBe(false);
    expect(found[sentence]).toBe(true);
    expect(found["'date'"]).toBe(true);
  });
});
