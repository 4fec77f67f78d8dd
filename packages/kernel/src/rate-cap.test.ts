// The rate cap's own numbers and an offer's annualised rate (DOMAIN §6), checked against an
// independent oracle: the IRR found by bisection in floating point over the same cash flows, written
// here from the formulas of the rulebook rather than from rate-cap.ts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultRateCapRule, type OfferPricing, offerAnnualisedRates, rateCapBpsOf } from './rate-cap';

/** Cash flows for one unit of principal: −1 now, then each period's payment (DOMAIN §6). */
function flowsOf(offer: OfferPricing): number[] {
  const n = offer.termMonths;
  const r = offer.annualRateBps / 10_000 / 12;
  const fee = offer.feeRateBpsPerPeriod / 10_000;
  const payments = Array.from({ length: n }, (_, i) => {
    if (offer.method === 'equal_installment' && r !== 0) return (r * (1 + r) ** n) / ((1 + r) ** n - 1) + fee;
    return 1 / n + ((n - i) / n) * r + fee;
  });
  return [-1, ...payments];
}

function floatRates(offer: OfferPricing): { simple: number; compound: number } {
  const flows = flowsOf(offer);
  let low = -0.5;
  let high = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    const npv = flows.reduce((sum, flow, k) => sum + flow / (1 + mid) ** k, 0);
    if (npv > 0) low = mid;
    else high = mid;
  }
  return { simple: low * 12 * 10_000, compound: ((1 + low) ** 12 - 1) * 10_000 };
}

describe('the rate cap', () => {
  test('the default rule is LPR 3.00 % × 4 = a cap of 12.00 % (1,200 bps)', () => {
    expect(defaultRateCapRule).toEqual({ lprBps: 300, capMultiple: 4 });
    expect(rateCapBpsOf(defaultRateCapRule)).toBe(1200);
    expect(rateCapBpsOf({ lprBps: 345, capMultiple: 4 })).toBe(1380);
    expect(rateCapBpsOf({ lprBps: 310, capMultiple: 3 })).toBe(930);
  });

  test('the default rule cannot be changed by a caller', () => {
    expect(Object.isFrozen(defaultRateCapRule)).toBe(true);
  });
});

describe("an offer's annualised rate", () => {
  test('"0 % interest" with a 0.30 % fee a month for 12 months is 6.58 % simple, 6.78 % compound', () => {
    const offer: OfferPricing = {
      termMonths: 12,
      annualRateBps: 0,
      feeRateBpsPerPeriod: 30,
      method: 'equal_installment',
    };
    expect(offerAnnualisedRates(offer)).toEqual({ aprSimpleBps: 658, aprCompoundBps: 678 });
    // With no interest the two methods repay the same principal each month: the same rates.
    expect(offerAnnualisedRates({ ...offer, method: 'equal_principal' })).toEqual({
      aprSimpleBps: 658,
      aprCompoundBps: 678,
    });
  });

  test('10.00 % a year and no fee is 10.00 % simple and 10.47 % compound, whatever the method', () => {
    for (const method of ['equal_installment', 'equal_principal'] as const) {
      expect(offerAnnualisedRates({ termMonths: 12, annualRateBps: 1000, feeRateBpsPerPeriod: 0, method })).toEqual({
        aprSimpleBps: 1000,
        aprCompoundBps: 1047,
      });
    }
  });

  test('6.00 % a year plus 0.20 % a month over 24 months: 10.38 % level payments, 10.46 % equal principal', () => {
    const offer = { termMonths: 24, annualRateBps: 600, feeRateBpsPerPeriod: 20 } as const;
    expect(offerAnnualisedRates({ ...offer, method: 'equal_installment' })).toEqual({
      aprSimpleBps: 1038,
      aprCompoundBps: 1089,
    });
    // Equal principal repays faster, so the same monthly fee weighs more on the money still owed.
    expect(offerAnnualisedRates({ ...offer, method: 'equal_principal' })).toEqual({
      aprSimpleBps: 1046,
      aprCompoundBps: 1098,
    });
  });

  test('the terms at the edges: 1 and 60 months are offers; 0, 61 and 1.5 months are refused', () => {
    expect(
      offerAnnualisedRates({ termMonths: 1, annualRateBps: 1200, feeRateBpsPerPeriod: 0, method: 'equal_installment' }),
    ).toEqual({ aprSimpleBps: 1200, aprCompoundBps: 1268 });
    expect(
      offerAnnualisedRates({ termMonths: 60, annualRateBps: 0, feeRateBpsPerPeriod: 0, method: 'equal_installment' }),
    ).toEqual({ aprSimpleBps: 0, aprCompoundBps: 0 });
    for (const termMonths of [0, 61, 1.5, -12]) {
      expect(() =>
        offerAnnualisedRates({ termMonths, annualRateBps: 0, feeRateBpsPerPeriod: 0, method: 'equal_installment' }),
      ).toThrow(`termMonths must be 1–60: ${termMonths}`);
    }
  });

  test('any offer: the rates equal an independent floating-point IRR within a basis point, and fees only raise them', () => {
    fc.assert(
      fc.property(
        fc.record({
          termMonths: fc.integer({ min: 1, max: 60 }),
          annualRateBps: fc.integer({ min: 0, max: 3600 }),
          feeRateBpsPerPeriod: fc.integer({ min: 0, max: 100 }),
          method: fc.constantFrom('equal_installment' as const, 'equal_principal' as const),
        }),
        (offer) => {
          const rates = offerAnnualisedRates(offer);
          const oracle = floatRates(offer);
          expect(Math.abs(rates.aprSimpleBps - oracle.simple)).toBeLessThanOrEqual(1);
          expect(Math.abs(rates.aprCompoundBps - oracle.compound)).toBeLessThanOrEqual(1);
          expect(rates.aprCompoundBps).toBeGreaterThanOrEqual(rates.aprSimpleBps);
          const dearer = offerAnnualisedRates({ ...offer, feeRateBpsPerPeriod: offer.feeRateBpsPerPeriod + 10 });
          expect(dearer.aprSimpleBps).toBeGreaterThan(rates.aprSimpleBps);
        },
      ),
      { numRuns: 300 },
    );
  });
});
