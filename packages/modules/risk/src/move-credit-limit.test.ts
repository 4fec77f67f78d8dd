import fc from 'fast-check';
import { expect, test } from 'vitest';
import { defaultRuleSet } from './default-rule-set';
import { movedLimit } from './move-credit-limit';

const steps = defaultRuleSet.limitMoves as NonNullable<typeof defaultRuleSet.limitMoves>;
const limit = fc.oneof(
  fc.constantFrom(0, 1, 19_999, 20_000, 49_999, 50_000, 2_980_000, 2_999_999, 3_000_000, 100_000_000),
  fc.integer({ min: 0, max: 100_000_000 }),
);
const stepsArb = fc.record({
  onTimeStepMinor: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 100_000_000 })),
  lateStepMinor: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 100_000_000 })),
  ceilingMinor: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 100_000_000 })),
});

test('the default steps with real numbers: ¥15,000 → on time ¥15,200; late ¥14,500; never below 0, never past ¥30,000', () => {
  expect(movedLimit(1_500_000, 'on_time_payment', steps)).toBe(1_520_000);
  expect(movedLimit(1_500_000, 'late_payment', steps)).toBe(1_450_000);
  expect(movedLimit(30_000, 'late_payment', steps)).toBe(0);
  expect(movedLimit(2_990_000, 'on_time_payment', steps)).toBe(3_000_000);
  expect(movedLimit(3_000_000, 'on_time_payment', steps)).toBe(3_000_000);
  // A reviewer's ¥50,000 stays: paying on time never lowers a limit.
  expect(movedLimit(5_000_000, 'on_time_payment', steps)).toBe(5_000_000);
});

test('property: a move is an integer in range; on time never lowers, late never raises; each by at most its step', () => {
  fc.assert(
    fc.property(limit, stepsArb, (before, s) => {
      const up = movedLimit(before, 'on_time_payment', s);
      const down = movedLimit(before, 'late_payment', s);
      for (const after of [up, down]) expect(Number.isSafeInteger(after) && after >= 0).toBe(true);
      expect(up).toBeGreaterThanOrEqual(before);
      expect(up - before).toBeLessThanOrEqual(s.onTimeStepMinor);
      expect(up <= Math.max(before, s.ceilingMinor)).toBe(true);
      expect(down).toBeLessThanOrEqual(before);
      expect(before - down).toBeLessThanOrEqual(s.lateStepMinor);
      expect(down === 0 || before - down === s.lateStepMinor).toBe(true);
    }),
    { numRuns: 2_000 },
  );
});
