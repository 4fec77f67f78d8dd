import { describe, expect, test } from 'vitest';
import { InstallmentErrors } from './errors';
import {
  defaultInstallmentPolicy,
  type InstallmentPolicy,
  penaltyAnnualRateBpsOf,
  penaltyDailyRateBps,
  rateCapBps,
  validatePolicy,
} from './policy';

describe('the installment policy', () => {
  test('defaults: LPR 3.00 %, cap 4 × LPR = 12.00 %, penalty at the cap, 3.2877 bps a day', () => {
    expect(rateCapBps(defaultInstallmentPolicy)).toBe(1200);
    expect(penaltyAnnualRateBpsOf(defaultInstallmentPolicy)).toBe(1200);
    // 1200 / 365 = 3.28767… bps a day.
    expect(penaltyDailyRateBps(defaultInstallmentPolicy).toFixed(4)).toBe('3.2877');
    expect(validatePolicy(defaultInstallmentPolicy)).toBe(defaultInstallmentPolicy);
  });

  test('the penalty rate follows a new LPR unless it is set, and may not exceed the cap', () => {
    const lpr345: InstallmentPolicy = { ...defaultInstallmentPolicy, lprBps: 345 };
    expect(rateCapBps(lpr345)).toBe(1380);
    expect(penaltyAnnualRateBpsOf(lpr345)).toBe(1380);
    expect(penaltyAnnualRateBpsOf({ ...lpr345, penaltyAnnualRateBps: 900 })).toBe(900);
    const run = () => validatePolicy({ ...defaultInstallmentPolicy, penaltyAnnualRateBps: 1201 });
    expect(run).toThrow(expect.objectContaining({ code: InstallmentErrors.INSTALLMENT_POLICY_INVALID.code }));
  });

  test('every bad field is named at once', () => {
    let caught: unknown;
    try {
      validatePolicy({
        lprBps: 0,
        capMultiple: 0,
        penaltyAnnualRateBps: -1,
        delinquencyBuckets: [{ code: 'M1', minDays: 1, maxDays: 30 }],
        allocationOrder: 'newest_first' as never,
      });
    } catch (e) {
      caught = e;
    }
    expect((caught as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      '/body/lprBps',
      '/body/capMultiple',
      '/body/penaltyAnnualRateBps',
      '/body/allocationOrder',
      '/body/delinquencyBuckets/0/maxDays',
    ]);
  });
});
