import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AssertionError } from './assert';
import { backoffMs, Limits } from './limits';

describe('Limits', () => {
  test('holds the agreed bounds with their units in their names', () => {
    expect(Limits.pageSizeDefault).toBe(20);
    expect(Limits.pageSizeMax).toBe(100);
    expect(Limits.bodyLimitBytes).toBe(1_048_576);
    expect(Limits.uploadLimitBytes).toBe(10_485_760);
    expect(Limits.idempotencyTtlMs).toBe(86_400_000);
    expect(Limits.installmentTermMonthsMax).toBe(60);
  });

  test('cannot be changed at run time', () => {
    expect(Object.isFrozen(Limits)).toBe(true);
  });
});

describe('backoffMs', () => {
  test('doubles from the base delay', () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  test('stops at the one-hour cap', () => {
    expect(backoffMs(12)).toBe(2_048_000);
    expect(backoffMs(13)).toBe(3_600_000);
    expect(backoffMs(10_000)).toBe(3_600_000);
  });

  test('an attempt below 1 or a fraction is a programmer error', () => {
    expect(() => backoffMs(0)).toThrow(AssertionError);
    expect(() => backoffMs(1.5)).toThrow(AssertionError);
  });

  test('never decreases and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (attempt) => {
        const delayMs = backoffMs(attempt);
        expect(delayMs).toBeGreaterThanOrEqual(backoffMs(Math.max(1, attempt - 1)));
        expect(delayMs).toBeLessThanOrEqual(Limits.retryBackoffMaxMs);
        expect(Number.isSafeInteger(delayMs)).toBe(true);
      }),
    );
  });
});
