// The residual value's depreciation as properties (issue #19, point 8): the grade-C/D property in
// settle-inspection.test.ts would pass if nothing depreciated. These pin the straight line: the full
// price on the first day, exactly 1/24 of (price − 20 % floor) less per whole month, the floor from
// month 24 on, never rising as time passes. Generators reach 0, 1 分, the largest amounts and month
// ends (29 Feb, 31st) on purpose. Mutants killed: `months` forced to 0 (nothing depreciates), the
// 24-month cap removed (value under the floor), a 25-month line, `addMonths` anniversaries ignored.
import { addDays, addMonths, type BusinessDate } from '@zulin/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residualValueMinor } from './residual-value';

const largest = 1_000_000_000_000_000; // ¥10 trillion in 分, far above any phone, below 2^53
const price = fc.oneof(
  fc.constantFrom(0, 1, 2, 99, 100, 799_900, largest, largest - 1),
  fc.integer({ min: 0, max: 2_000_000 }),
  fc.integer({ min: 0, max: largest }),
);
const monthEnd = fc.constantFrom<BusinessDate>('2027-01-31', '2027-02-28', '2028-02-29', '2028-04-30', '2029-12-31');
const anyDay = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2027-01-01', n));
const start = fc.oneof(monthEnd, anyDay);
/** 20 % of the price, half-up, in exact integers. */
const floorOf = (p: number) => Number((BigInt(p) * 2n * 2n + 10n) / 20n);
/** round-half-up((p − floor) × m / 24), in exact integers. */
const depreciationOf = (p: number, m: number) => Number((BigInt(p - floorOf(p)) * BigInt(m) * 2n + 24n) / 48n);

describe('residual value: straight-line over 24 months to 20 %', () => {
  it('whole price on the first day and before a whole month; the floor from month 24 on', () => {
    fc.assert(
      fc.property(price, start, (p, from) => {
        expect(residualValueMinor({ marketPriceMinor: p, valueFrom: from, asOf: from })).toBe(p);
        // The day before the first anniversary: no whole month yet.
        const beforeFirst = addDays(addMonths(from, 1), -1);
        expect(residualValueMinor({ marketPriceMinor: p, valueFrom: from, asOf: beforeFirst })).toBe(p);
        for (const m of [24, 25, 36]) {
          const asOf = addMonths(from, m);
          expect(residualValueMinor({ marketPriceMinor: p, valueFrom: from, asOf })).toBe(floorOf(p));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('each whole month takes 1/24 of the part above the floor (to the 分), so a price ≥ ¥1 loses value every month', () => {
    fc.assert(
      fc.property(price, start, fc.integer({ min: 1, max: 24 }), (p, from, m) => {
        const value = residualValueMinor({ marketPriceMinor: p, valueFrom: from, asOf: addMonths(from, m) });
        const previous = residualValueMinor({ marketPriceMinor: p, valueFrom: from, asOf: addMonths(from, m - 1) });
        expect(value).toBeLessThanOrEqual(previous);
        expect(value).toBe(p - depreciationOf(p, m));
        if (p - floorOf(p) >= 24) expect(value).toBeLessThan(previous);
      }),
      { numRuns: 300 },
    );
  });

  it('¥7,999.00 from 31 Jan 2027: ¥7,732.37 on 28 Feb (a whole month, clamped), ¥1,599.80 from 31 Jan 2029', () => {
    const v = (asOf: BusinessDate) => residualValueMinor({ marketPriceMinor: 799_900, valueFrom: '2027-01-31', asOf });
    // (799,900 − 159,980) / 24 = 26,663.33 → 26,663 a month.
    expect(v('2027-02-27')).toBe(799_900);
    expect(v('2027-02-28')).toBe(799_900 - 26_663);
    expect(v('2029-01-30')).toBe(799_900 - depreciationOf(799_900, 23));
    expect(v('2029-01-31')).toBe(159_980);
  });
});
