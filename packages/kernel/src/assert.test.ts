import { describe, expect, test } from 'vitest';
import { AssertionError, assert, assertNever } from './assert';
import { isAppError } from './errors';

describe('assert', () => {
  test('passes silently when the condition holds', () => {
    expect(() => assert(1 + 1 === 2, 'arithmetic')).not.toThrow();
  });

  test('a broken invariant throws an AssertionError, never a business error', () => {
    let thrown: unknown;
    try {
      assert(false, 'balance must not go negative');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AssertionError);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe('balance must not go negative');
    expect((thrown as Error).name).toBe('AssertionError');
    expect(isAppError(thrown)).toBe(false);
  });

  test('falsy values fail the assertion', () => {
    for (const value of [0, '', null, undefined, Number.NaN]) {
      expect(() => assert(value)).toThrow(AssertionError);
    }
  });
});

describe('assertNever', () => {
  test('crashes when an unexpected value reaches an exhaustive switch', () => {
    type Method = 'equal_installment' | 'equal_principal';
    const label = (method: Method): string => {
      switch (method) {
        case 'equal_installment':
          return '等额本息';
        case 'equal_principal':
          return '等额本金';
        default:
          return assertNever(method);
      }
    };
    expect(label('equal_principal')).toBe('等额本金');
    expect(() => label('balloon' as Method)).toThrow(/Unexpected value: "balloon"/);
  });

  test('describes values JSON cannot encode', () => {
    expect(() => assertNever(10n as never)).toThrow(/Unexpected value: 10/);
  });
});
