import { addMonths } from '@zulin/kernel';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { bookValueMinor, wholeMonthsBetween } from './book-value';

test('a ¥4,000 phone loses ¥133.33 a month and stops at ¥800 after 24 months', () => {
  const purchaseDate = '2026-01-31';
  expect(bookValueMinor({ costMinor: 400_000, purchaseDate, asOf: '2026-01-31' })).toBe(400_000);
  expect(bookValueMinor({ costMinor: 400_000, purchaseDate, asOf: '2026-02-27' })).toBe(400_000);
  // 2026-02-28 is the clamped anniversary of Jan 31: one whole month, 320,000 / 24 = 13,333.33 → 13,333.
  expect(bookValueMinor({ costMinor: 400_000, purchaseDate, asOf: '2026-02-28' })).toBe(386_667);
  expect(bookValueMinor({ costMinor: 400_000, purchaseDate, asOf: '2027-01-31' })).toBe(240_000);
  expect(bookValueMinor({ costMinor: 400_000, purchaseDate, asOf: '2028-01-31' })).toBe(80_000);
  expect(bookValueMinor({ costMinor: 400_000, purchaseDate, asOf: '2030-06-01' })).toBe(80_000);
});

test('half a fen rounds up: cost 5 → residual 1', () => {
  expect(bookValueMinor({ costMinor: 5, purchaseDate: '2026-01-01', asOf: '2030-01-01' })).toBe(1);
});

const dates = fc.integer({ min: 0, max: 365 * 6 }).map((d) => {
  const base = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000);
  return base.toISOString().slice(0, 10);
});

test('an exact half 分 of depreciation rounds up: (¥3,000.15 − ¥600.03) × 5 / 24 = 50,002.5 分 → ¥500.03', () => {
  expect(bookValueMinor({ costMinor: 300_015, purchaseDate: '2026-01-15', asOf: '2026-06-15' })).toBe(250_012);
});

test('book value is an integer between the residual and the cost, and never rises with time', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000_000 }), dates, dates, dates, (costMinor, purchaseDate, a, b) => {
      const [earlier, later] = a <= b ? [a, b] : [b, a];
      const first = bookValueMinor({ costMinor, purchaseDate, asOf: earlier });
      const second = bookValueMinor({ costMinor, purchaseDate, asOf: later });
      expect(Number.isSafeInteger(first)).toBe(true);
      expect(second).toBeLessThanOrEqual(first);
      expect(first).toBeLessThanOrEqual(costMinor);
      // The residual: 20 % of the cost, half-up.
      expect(second).toBeGreaterThanOrEqual(Math.floor((costMinor * 2 + 5) / 10));
    }),
  );
});

test('whole months count the anniversaries that have passed', () => {
  fc.assert(
    fc.property(dates, fc.integer({ min: 0, max: 40 }), (from, months) => {
      expect(wholeMonthsBetween(from, addMonths(from, months))).toBeGreaterThanOrEqual(
        months - (from.endsWith('31') || from.endsWith('30') || from.endsWith('29') ? 1 : 0),
      );
      expect(wholeMonthsBetween(from, addMonths(from, months))).toBeLessThanOrEqual(months);
    }),
  );
});
