import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildPlan } from './build-plan';
import { checkRateCap, type OfferPricing, offerAnnualisedRates } from './check-rate-cap';
import { InstallmentErrors } from './errors';
import { rateAboveCapText } from './messages';
import { defaultInstallmentPolicy } from './policy';
import { summarizePlan } from './quote-installment';

const offer = (o: Partial<OfferPricing>): OfferPricing => ({
  termMonths: 12,
  annualRateBps: 0,
  feeRateBpsPerPeriod: 0,
  method: 'equal_installment',
  ...o,
});

function refusal(o: OfferPricing) {
  try {
    checkRateCap(o, defaultInstallmentPolicy);
  } catch (e) {
    return e as { code: string; status: number; detail: string; errors: { path: string }[] };
  }
  throw new Error('expected a refusal');
}

describe('the cap on an offer’s annualised rate (default 4 × 3.00 % = 12.00 %)', () => {
  test('a rate at the cap is allowed, one basis point above is refused naming both rates', () => {
    expect(checkRateCap(offer({ annualRateBps: 1200 }), defaultInstallmentPolicy)).toEqual({
      aprSimpleBps: 1200,
      capBps: 1200,
    });
    const error = refusal(offer({ annualRateBps: 1201 }));
    expect(error.code).toBe(InstallmentErrors.INSTALLMENT_RATE_ABOVE_CAP.code);
    expect(error.status).toBe(422);
    expect(error.detail).toContain('12.01 %');
    expect(error.detail).toContain('12.00 %');
    expect(error.errors.map((e) => e.path)).toEqual(['/body/annualRateBps']);
  });

  test('fees count: "interest-free" at 0.60 % a period is 13.03 % a year and refused', () => {
    expect(offerAnnualisedRates(offer({ feeRateBpsPerPeriod: 60 }))).toEqual({
      aprSimpleBps: 1303,
      aprCompoundBps: 1384,
    });
    const error = refusal(offer({ feeRateBpsPerPeriod: 60 }));
    expect(error.detail).toBe(
      "The offer's annualised rate of 13.03 % is above the cap of 12.00 %, so it cannot be saved.",
    );
    expect(error.errors.map((e) => e.path)).toEqual(['/body/feeRateBpsPerPeriod']);
    expect(rateAboveCapText('zh-CN', 1303, 1200)).toBe('该分期方案的年化利率 13.03% 超过上限 12.00%，不能保存。');
    // 0.35 % a period is 7.66 % a year: allowed. With an LPR of 3.45 % the cap is 13.80 % and 0.60 % passes.
    expect(checkRateCap(offer({ feeRateBpsPerPeriod: 35 }), defaultInstallmentPolicy).aprSimpleBps).toBe(766);
    const lpr345 = { ...defaultInstallmentPolicy, lprBps: 345 };
    expect(checkRateCap(offer({ feeRateBpsPerPeriod: 60 }), lpr345)).toEqual({ aprSimpleBps: 1303, capBps: 1380 });
  });

  test('ordering an offer left above a lowered cap is refused on the offer, naming both rates', () => {
    const lpr345 = { ...defaultInstallmentPolicy, lprBps: 345 };
    expect(checkRateCap(offer({ feeRateBpsPerPeriod: 60 }), lpr345, 'order').capBps).toBe(1380);
    expect(() => checkRateCap(offer({ feeRateBpsPerPeriod: 60 }), defaultInstallmentPolicy, 'order')).toThrow(
      expect.objectContaining({
        code: 'INSTALLMENT_RATE_ABOVE_CAP',
        detail:
          "The offer's annualised rate of 13.03 % is above the cap of 12.00 % in force, so it cannot be ordered until the offer is changed.",
        errors: [expect.objectContaining({ path: '/body/offerId', code: 'rate_above_cap' })],
      }),
    );
    expect(rateAboveCapText('zh-CN', 1303, 1200, 'order')).toBe(
      '该分期方案的年化利率 13.03% 超过现行上限 12.00%，暂不能下单。',
    );
  });

  test('an offer’s rate is the quote’s rate for a large principal, to the basis point', () => {
    const offers = fc.record({
      termMonths: fc.constantFrom(3, 6, 12, 24),
      annualRateBps: fc.integer({ min: 0, max: 3600 }),
      feeRateBpsPerPeriod: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 150 })),
      method: fc.constantFrom('equal_installment' as const, 'equal_principal' as const),
    });
    fc.assert(
      fc.property(offers, (o) => {
        const quote = summarizePlan(buildPlan({ ...o, principalMinor: 100_000_000, startDate: '2026-01-31' }));
        expect(Math.abs(quote.aprSimpleBps - offerAnnualisedRates(o).aprSimpleBps)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 40 },
    );
  });
});
