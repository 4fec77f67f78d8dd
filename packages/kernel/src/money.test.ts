import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AssertionError } from './assert';
import { AppError } from './errors';
import {
  addMinor,
  allocateProportionally,
  assertMinor,
  assertNonNegativeMinor,
  Dec,
  formatCny,
  formatMajor,
  mulDivRoundHalfUp,
  mulRoundHalfUp,
  parseMajor,
  roundHalfUp,
  splitEvenly,
  sumMinor,
} from './money';

const MAX = Number.MAX_SAFE_INTEGER;
const safeAmount = fc.maxSafeInteger();

describe('assertMinor', () => {
  test('accepts safe integers and rejects fractions, NaN and unsafe values', () => {
    expect(() => assertMinor(29900)).not.toThrow();
    expect(() => assertMinor(-1)).not.toThrow();
    expect(() => assertMinor(299.5)).toThrow(AssertionError);
    expect(() => assertMinor(Number.NaN)).toThrow(AssertionError);
    expect(() => assertMinor(MAX + 1)).toThrow(AssertionError);
  });

  test('names the amount that failed', () => {
    expect(() => assertMinor(0.1, 'depositMinor')).toThrow(/depositMinor/);
  });

  test('assertNonNegativeMinor rejects refunds passed as charges', () => {
    expect(() => assertNonNegativeMinor(0)).not.toThrow();
    expect(() => assertNonNegativeMinor(-1, 'rentMinor')).toThrow(/rentMinor must not be negative/);
  });
});

describe('sumMinor and addMinor', () => {
  test('add exactly', () => {
    expect(sumMinor([29900, 29900, 1500])).toBe(61300);
    expect(addMinor(29900, -900)).toBe(29000);
    expect(sumMinor([])).toBe(0);
    expect(addMinor()).toBe(0);
  });

  test('refuse a fraction of a fen', () => {
    expect(() => sumMinor([100, 0.5])).toThrow(AssertionError);
  });

  test('refuse a total beyond the safe range', () => {
    expect(() => addMinor(MAX, 1)).toThrow(AssertionError);
  });

  test('equal the exact sum, or throw when any term is not an integer or a running total leaves the safe range', () => {
    const term = fc.oneof(safeAmount, fc.integer({ min: -1000, max: 1000 }), fc.double());
    fc.assert(
      fc.property(fc.array(term, { maxLength: 20 }), (xs) => {
        let exact = 0n;
        let valid = true;
        for (const x of xs) {
          if (!Number.isSafeInteger(x)) {
            valid = false;
            break;
          }
          exact += BigInt(x);
          if (exact > BigInt(MAX) || exact < BigInt(-MAX)) valid = false;
        }
        if (valid) expect(sumMinor(xs)).toBe(Number(exact));
        else expect(() => sumMinor(xs)).toThrow(AssertionError);
      }),
    );
  });
});

describe('roundHalfUp', () => {
  test('rounds ties away from zero, so a reversal mirrors its charge', () => {
    expect(roundHalfUp('2.5')).toBe(3);
    expect(roundHalfUp('-2.5')).toBe(-3);
    expect(roundHalfUp('1.5')).toBe(2);
    expect(roundHalfUp('2.4999999999')).toBe(2);
    expect(roundHalfUp(new Dec('49991.6666666667'))).toBe(49992);
  });

  test('never returns negative zero', () => {
    expect(Object.is(roundHalfUp('-0.4'), 0)).toBe(true);
  });

  test('refuses non-finite values and results beyond the safe range', () => {
    expect(() => roundHalfUp(Number.NaN)).toThrow(AssertionError);
    expect(() => roundHalfUp('Infinity')).toThrow(AssertionError);
    expect(() => roundHalfUp('9007199254740992')).toThrow(AssertionError);
  });
});

describe('mulRoundHalfUp', () => {
  test('one month of interest at 1 % on 5,999.00 is 59.99', () => {
    expect(mulRoundHalfUp(599900, '0.01')).toBe(5999);
  });

  test('rounds once, half-up, in decimal arithmetic', () => {
    expect(mulRoundHalfUp(12345, '0.5')).toBe(6173);
    expect(mulRoundHalfUp(-12345, '0.5')).toBe(-6173);
    // 0.1 as a binary float is not 1/10; decimal.js reads it as the decimal 0.1.
    expect(mulRoundHalfUp(100005, 0.1)).toBe(10001);
    expect(mulRoundHalfUp(599900, new Dec('0.12').div(12))).toBe(5999);
  });

  test('refuses a fractional amount or a non-finite factor', () => {
    expect(() => mulRoundHalfUp(100.5, '1')).toThrow(AssertionError);
    expect(() => mulRoundHalfUp(100, Number.POSITIVE_INFINITY)).toThrow(AssertionError);
  });
});

describe('parseMajor', () => {
  test('reads yuan strings as fen exactly', () => {
    expect(parseMajor('100.00')).toBe(10000);
    expect(parseMajor('0.01')).toBe(1);
    expect(parseMajor('-3.5')).toBe(-350);
    expect(parseMajor('100')).toBe(10000);
    expect(parseMajor('5999.9')).toBe(599990);
    expect(parseMajor('90071992547409.91')).toBe(MAX);
  });

  test('reads minus zero as zero', () => {
    expect(Object.is(parseMajor('-0.00'), 0)).toBe(true);
  });

  test('honours the scale', () => {
    expect(parseMajor('5', 0)).toBe(5);
    expect(parseMajor('1.234', 3)).toBe(1234);
    expect(() => parseMajor('5.0', 0)).toThrow(AppError);
  });

  test.each([
    '',
    ' 1.00',
    '1.00 ',
    '1.001',
    '1e3',
    '1E-2',
    '1,000.00',
    '.5',
    '5.',
    '+1',
    '01.00',
    '--1',
    'abc',
    'NaN',
    'Infinity',
    '１００',
    '90071992547409.92',
  ])('rejects %j as VALIDATION_FAILED', (s) => {
    expect(() => parseMajor(s)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', status: 422 }));
  });

  test('an unsupported scale is a programmer error', () => {
    expect(() => parseMajor('1', -1)).toThrow(AssertionError);
    expect(() => parseMajor('1', 9)).toThrow(AssertionError);
  });
});

describe('formatMajor', () => {
  test('writes fen as yuan strings with exactly two decimals', () => {
    expect(formatMajor(10000)).toBe('100.00');
    expect(formatMajor(-5)).toBe('-0.05');
    expect(formatMajor(0)).toBe('0.00');
    expect(formatMajor(1)).toBe('0.01');
    expect(formatMajor(MAX)).toBe('90071992547409.91');
    expect(formatMajor(-MAX)).toBe('-90071992547409.91');
  });

  test('honours the scale', () => {
    expect(formatMajor(5, 0)).toBe('5');
    expect(formatMajor(1234, 3)).toBe('1.234');
    expect(formatMajor(7, 4)).toBe('0.0007');
  });

  test('refuses amounts that are not integers of minor units', () => {
    expect(() => formatMajor(1.5)).toThrow(AssertionError);
  });

  test('parseMajor(formatMajor(x)) === x for every safe integer and scale', () => {
    fc.assert(
      fc.property(safeAmount, fc.integer({ min: 0, max: 8 }), (amountMinor, scale) => {
        expect(parseMajor(formatMajor(amountMinor, scale), scale)).toBe(amountMinor);
      }),
      { numRuns: 2000 },
    );
  });

  test('formatMajor(parseMajor(s)) === s for every canonical yuan string', () => {
    const canonical = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 900_719_925_474n }), fc.integer({ min: 0, max: 99 }))
      .filter(([negative, whole, fen]) => !(negative && whole === 0n && fen === 0))
      .map(([negative, whole, fen]) => `${negative ? '-' : ''}${whole}.${String(fen).padStart(2, '0')}`);
    fc.assert(
      fc.property(canonical, (s) => {
        expect(formatMajor(parseMajor(s))).toBe(s);
      }),
    );
  });
});

describe('formatCny', () => {
  test('writes yuan with a symbol and thousands separators', () => {
    expect(formatCny(123456, 'zh-CN')).toBe('¥1,234.56');
    expect(formatCny(123456, 'en')).toBe('¥1,234.56');
    expect(formatCny(-5, 'zh-CN')).toBe('-¥0.05');
    expect(formatCny(0, 'en')).toBe('¥0.00');
    expect(formatCny(100_000_000, 'zh-CN')).toBe('¥1,000,000.00');
    expect(formatCny(MAX, 'en')).toBe('¥90,071,992,547,409.91');
  });

  test("agrees with Intl's exact decimal formatting in both locales", () => {
    const intl = {
      'zh-CN': new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }),
      en: new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }),
    } as const;
    fc.assert(
      fc.property(safeAmount, fc.constantFrom('zh-CN' as const, 'en' as const), (amountMinor, locale) => {
        const major = formatMajor(amountMinor) as `${number}`;
        expect(formatCny(amountMinor, locale)).toBe(intl[locale].format(major));
      }),
    );
  });
});

describe('splitEvenly', () => {
  test('100 fen in 3 parts is 33, 33 and 34: the residue goes last', () => {
    expect(splitEvenly(100, 3)).toEqual([33, 33, 34]);
  });

  test('a 5,999.00 principal over 12 months is 11 × 4,999.20 rounded and a smaller last period', () => {
    const parts = splitEvenly(599900, 12);
    expect(parts.slice(0, 11)).toEqual(Array(11).fill(49992));
    expect(parts[11]).toBe(49988);
  });

  test('rounds each share half-up', () => {
    expect(splitEvenly(5, 4)).toEqual([1, 1, 1, 2]);
    expect(splitEvenly(7, 4)).toEqual([2, 2, 2, 1]);
    expect(splitEvenly(10, 8)).toEqual([1, 1, 1, 1, 1, 1, 1, 3]);
    expect(splitEvenly(6, 4)).toEqual([2, 2, 2, 0]);
  });

  test('never takes more than what remains, so no part goes negative', () => {
    expect(splitEvenly(5, 8)).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    expect(splitEvenly(1, 3)).toEqual([0, 0, 1]);
  });

  test('a negative total splits as the mirror of its magnitude', () => {
    expect(splitEvenly(-100, 3)).toEqual([-33, -33, -34]);
    expect(splitEvenly(-5, 8)).toEqual([-1, -1, -1, -1, -1, 0, 0, 0]);
  });

  test('trivial splits', () => {
    expect(splitEvenly(0, 3)).toEqual([0, 0, 0]);
    expect(splitEvenly(12345, 1)).toEqual([12345]);
    expect(splitEvenly(MAX, 2)).toEqual([4503599627370496, 4503599627370495]);
  });

  test('refuses a part count that is not a positive integer within the limit', () => {
    expect(() => splitEvenly(100, 0)).toThrow(AssertionError);
    expect(() => splitEvenly(100, 2.5)).toThrow(AssertionError);
    expect(() => splitEvenly(100, 10_001)).toThrow(AssertionError);
    expect(() => splitEvenly(100.5, 2)).toThrow(AssertionError);
  });

  test('parts add up to the total, one per period, and follow the schedule rule', () => {
    fc.assert(
      fc.property(
        fc.oneof(safeAmount, fc.integer({ min: -1000, max: 1000 })),
        fc.integer({ min: 1, max: 120 }),
        (totalMinor, n) => {
          const parts = splitEvenly(totalMinor, n);
          expect(parts).toHaveLength(n);
          expect(sumMinor(parts)).toBe(totalMinor);
          for (const part of parts) expect(Number.isSafeInteger(part)).toBe(true);
          if (totalMinor >= 0) for (const part of parts) expect(part).toBeGreaterThanOrEqual(0);
          const shareMinor = roundHalfUp(new Dec(Math.abs(totalMinor)).div(n));
          const head = parts.slice(0, n - 1).map(Math.abs);
          if (shareMinor * (n - 1) <= Math.abs(totalMinor)) {
            // The usual case: the first n − 1 parts are all round(total / n).
            expect(head.every((part) => part === shareMinor)).toBe(true);
          } else {
            // Tiny totals: each part is the share until the balance runs out.
            let remaining = Math.abs(totalMinor);
            for (const part of head) {
              expect(part).toBe(Math.min(shareMinor, remaining));
              remaining -= part;
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('a negative total is the exact mirror of the positive one', () => {
    fc.assert(
      fc.property(safeAmount, fc.integer({ min: 1, max: 60 }), (totalMinor, n) => {
        expect(splitEvenly(-totalMinor, n)).toEqual(splitEvenly(totalMinor, n).map((part) => -part + 0));
      }),
    );
  });
});

describe('allocateProportionally', () => {
  test('splits by weight with the largest remainders rounded up', () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(1000, [1, 2, 3])).toEqual([167, 333, 500]);
    expect(allocateProportionally(100, [0.3, 0.7])).toEqual([30, 70]);
  });

  test('a coupon of 10.00 over items of 59.90 and 29.90 follows their prices', () => {
    expect(allocateProportionally(1000, [5990, 2990])).toEqual([667, 333]);
  });

  test('a zero weight gets nothing', () => {
    expect(allocateProportionally(10, [0, 1, 0])).toEqual([0, 10, 0]);
  });

  test('a negative total allocates as the mirror of its magnitude', () => {
    expect(allocateProportionally(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  test('nothing to allocate gives zeros even when every weight is zero', () => {
    expect(allocateProportionally(0, [0, 0])).toEqual([0, 0]);
  });

  test('refuses weights that cannot define a proportion', () => {
    expect(() => allocateProportionally(5, [0, 0])).toThrow(AssertionError);
    expect(() => allocateProportionally(5, [])).toThrow(AssertionError);
    expect(() => allocateProportionally(5, [1, -1])).toThrow(AssertionError);
    expect(() => allocateProportionally(5, [1, Number.NaN])).toThrow(AssertionError);
    expect(() => allocateProportionally(5, [1, Number.POSITIVE_INFINITY])).toThrow(AssertionError);
  });

  test('parts add up to the total and each is within 1 fen of its exact share', () => {
    // Weights are hundredths (0.37) so the exact share can be checked in integers.
    const weightsInHundredths = fc
      .array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 40 })
      .filter((ws) => ws.some((w) => w > 0));
    fc.assert(
      fc.property(safeAmount, weightsInHundredths, fc.boolean(), (totalMinor, hundredths, asDecimals) => {
        const weights = asDecimals ? hundredths.map((w) => w / 100) : hundredths;
        const parts = allocateProportionally(totalMinor, weights);
        expect(parts).toHaveLength(weights.length);
        expect(sumMinor(parts)).toBe(totalMinor);
        const weightSum = hundredths.reduce((sum, w) => sum + BigInt(w), 0n);
        parts.forEach((part, index) => {
          // |part − total · w / W| < 1  ⇔  |part · W − total · w| < W
          const gap = BigInt(part) * weightSum - BigInt(totalMinor) * BigInt(hundredths[index] ?? 0);
          expect(gap < weightSum && -gap < weightSum).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('edges of the money helpers (issue #19 mutation survivors)', () => {
  test('a bad amount is echoed in the error cut to 40 characters and marked with …', () => {
    const long = '1'.repeat(41);
    try {
      parseMajor(long);
      expect.unreachable();
    } catch (error) {
      expect((error as { detail?: string }).detail).toContain(`"${'1'.repeat(40)}…"`);
    }
    const forty = `${'1'.repeat(39)}x`;
    try {
      parseMajor(forty);
      expect.unreachable();
    } catch (error) {
      expect((error as { detail?: string }).detail).toContain(`"${forty}"`);
      expect((error as { detail?: string }).detail).not.toContain('…');
    }
  });

  test('formatCny refuses a locale it does not know', () => {
    expect(() => formatCny(100, 'fr' as 'en')).toThrow(AssertionError);
  });

  test('splitEvenly takes 1 to allocationPartsMax (10,000) parts', () => {
    expect(splitEvenly(7, 1)).toEqual([7]);
    const most = splitEvenly(10_001, 10_000);
    expect(most).toHaveLength(10_000);
    expect(most[9_999]).toBe(2);
    expect(() => splitEvenly(7, 10_001)).toThrow(AssertionError);
    expect(() => splitEvenly(7, 0)).toThrow(AssertionError);
    expect(() => splitEvenly(7, 1.5)).toThrow(AssertionError);
  });

  test('a negative total never yields −0 for an empty part', () => {
    const proportional = allocateProportionally(-1, [1, 1]);
    expect(proportional).toEqual([-1, 0]);
    expect(Object.is(proportional[1], 0)).toBe(true);
    const even = splitEvenly(-1, 3);
    expect(even).toEqual([0, 0, -1]);
    expect(even.every((part) => !Object.is(part, -0))).toBe(true);
  });

  test('ties in remainder go to the earlier weight, whatever the number of weights', () => {
    expect(allocateProportionally(2, [1, 1, 1, 1, 1])).toEqual([1, 1, 0, 0, 0]);
    const equal = Array.from({ length: 30 }, () => 1);
    expect(allocateProportionally(7, equal)).toEqual(equal.map((_, i) => (i < 7 ? 1 : 0)));
    // remainders 2/3, 1/3, 2/3, 1/3: the two largest first, the earlier of equals first.
    expect(allocateProportionally(2, [2, 1, 2, 1])).toEqual([1, 0, 1, 0]);
    expect(allocateProportionally(3, [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2])).toEqual([
      0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0,
    ]);
  });

  test('allocateProportionally refuses negative and non-finite weights', () => {
    expect(() => allocateProportionally(100, [-1, 2])).toThrow(AssertionError);
    expect(() => allocateProportionally(100, [1, Number.POSITIVE_INFINITY])).toThrow(AssertionError);
    expect(() => allocateProportionally(100, [0, 0])).toThrow(AssertionError);
  });
});

describe('mulDivRoundHalfUp', () => {
  test('an exact half is a tie and rounds up, where a factor cut at 40 digits would not', () => {
    expect(mulDivRoundHalfUp(999_955, 159, 30)).toBe(5_299_762);
    expect(mulRoundHalfUp(159, new Dec(999_955).div(30))).toBe(5_299_761);
    expect(mulDivRoundHalfUp(9_915, 1, 30)).toBe(331);
    expect(mulDivRoundHalfUp(12, 5, 24)).toBe(3);
    expect(mulDivRoundHalfUp(-9_915, 1, 30)).toBe(-331);
    expect(mulDivRoundHalfUp(29_900, 7, 30)).toBe(6_977);
  });

  test('the denominator must be a positive integer: −30, 1.5 and NaN refused, 1 taken (mutation run of 7 December: the guard was untested)', () => {
    for (const denominator of [-30, 1.5, Number.NaN, 0]) {
      expect(() => mulDivRoundHalfUp(9_915, 1, denominator), String(denominator)).toThrow(AssertionError);
    }
    expect(mulDivRoundHalfUp(9_915, 3, 1)).toBe(29_745);
    expect(() => mulDivRoundHalfUp(9_915, 1.5, 30)).toThrow(AssertionError);
  });

  test('property: exactly the integer oracle ⌊(2an + d) / 2d⌋ for non-negative amounts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        (a, n, d) => {
          const oracle = (2n * BigInt(a) * BigInt(n) + BigInt(d)) / (2n * BigInt(d));
          expect(mulDivRoundHalfUp(a, n, d)).toBe(Number(oracle));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
