import { AssertionError } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { checkRateCap, type OfferPricing, offerAnnualisedRates } from './check-rate-cap';
import { defaultInstallmentPolicy } from './policy';

// Edges of the cap (DOMAIN §6) the mutation run (issue #19) looks for: both methods exactly at the
// cap, the shortest and longest terms, and terms outside 1–60.
const offer = (o: Partial<OfferPricing>): OfferPricing => ({
  termMonths: 12,
  annualRateBps: 0,
  feeRateBpsPerPeriod: 0,
  method: 'equal_installment',
  ...o,
});

describe('the cap at its edges', () => {
  test('without fees the IRR of either method is the nominal monthly rate: 12 % → 12.00 % simple, 12.68 % compound', () => {
    for (const method of ['equal_installment', 'equal_principal'] as const) {
      for (const termMonths of [1, 12, 60]) {
        // (1.01)^12 − 1 = 12.6825 % → 1268 bps.
        expect(offerAnnualisedRates(offer({ method, termMonths, annualRateBps: 1200 }))).toEqual({
          aprSimpleBps: 1200,
          aprCompoundBps: 1268,
        });
      }
      expect(checkRateCap(offer({ method, annualRateBps: 1200 }), defaultInstallmentPolicy).aprSimpleBps).toBe(1200);
      expect(() => checkRateCap(offer({ method, annualRateBps: 1201 }), defaultInstallmentPolicy)).toThrow(
        expect.objectContaining({ code: 'INSTALLMENT_RATE_ABOVE_CAP' }),
      );
    }
  });

  test('an interest-free offer without fees is 0 %, and a fee over one month counts once', () => {
    expect(offerAnnualisedRates(offer({ termMonths: 1 }))).toEqual({ aprSimpleBps: 0, aprCompoundBps: 0 });
    // One month, fee 1 %: the IRR is 1 % a month, 12 % simple.
    expect(offerAnnualisedRates(offer({ termMonths: 1, feeRateBpsPerPeriod: 100 })).aprSimpleBps).toBe(1200);
  });

  test('refuses terms outside 1–60 months', () => {
    for (const termMonths of [0, 61, 1.5]) {
      expect(() => offerAnnualisedRates(offer({ termMonths }))).toThrow(AssertionError);
    }
  });

  test('the refusal names the field and its stable code rate_above_cap (check-rate-cap 23: the field code emptied)', () => {
    const detail = "The offer's annualised rate of 12.01 % is above the cap of 12.00 %, so it cannot be saved.";
    expect(() => checkRateCap(offer({ annualRateBps: 1201 }), defaultInstallmentPolicy)).toThrow(
      expect.objectContaining({
        detail,
        errors: [{ path: '/body/annualRateBps', message: detail, code: 'rate_above_cap' }],
      }),
    );
  });
});
