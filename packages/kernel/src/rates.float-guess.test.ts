import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Dec } from './money';
import { floatGuess, periodicIrr } from './rates';

// floatGuess only seeds the decimal Newton, so a broken guess still ends at the right IRR, just in
// more steps: the IRR tests cannot see it (issue #19, the kernel's "speed only" mutation survivors,
// rates 140–152). Its own promise is checked here: on doubles, from 0, it lands on the root to about
// 1e−15, so the decimal solver needs two or three steps.
const flowsOf = (values: readonly (number | string)[]) => values.map((value) => new Dec(value));
const gap = (values: readonly (number | string)[]) =>
  Math.abs(floatGuess(flowsOf(values)) - periodicIrr(values).toNumber());

describe('floatGuess, the first guess of the IRR solver', () => {
  test('the PBOC 〔2021〕 No. 3 example: 99,000 received, 12 × 8,833.30 paid → the monthly IRR to 1e−15', () => {
    const flows = [-99_000, ...Array.from({ length: 12 }, () => '8833.30')];
    expect(periodicIrr(flows).times(12).toNumber()).toBeCloseTo(0.128, 3); // 12.80 % simple a year
    expect(gap(flows)).toBeLessThan(1e-15);
  });

  test('a one-period loan of 100 repaid with 110 → 10 % exactly; the lender’s mirror, the same', () => {
    expect(floatGuess(flowsOf([-100, 110]))).toBeCloseTo(0.1, 15);
    expect(floatGuess(flowsOf([100, -110]))).toBeCloseTo(0.1, 15);
  });

  test('a 36-month loan at 3 % a month (36 % a year): 100,000 against 36 × 4,580.38', () => {
    const flows = [-100_000, ...Array.from({ length: 36 }, () => '4580.38')];
    expect(gap(flows)).toBeLessThan(1e-14);
  });

  test('for any level-payment loan of 1–60 months at 0.01 %–5 % a month, the guess is the IRR to 1e−12', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 100_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 500 }),
        (principalMinor, periods, monthlyBps) => {
          const r = monthlyBps / 10_000;
          const paymentMinor = Math.ceil((principalMinor * r) / (1 - (1 + r) ** -periods));
          const flows = [-principalMinor, ...Array.from({ length: periods }, () => paymentMinor)];
          expect(gap(flows)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 60 },
    );
  });
});
