import { isAppError } from '@zulin/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RentalPlanTerms } from './plan-terms';
import { applyDiscounts, quoteRental, waivedMinor } from './quote-rental';

// iPhone 16 Pro 256 GB at ¥7,999: ¥299/month for 12 months, screen insurance ¥16/month, accident cover ¥120 once.
const iphone12: RentalPlanTerms = {
  termUnit: 'month',
  termCount: 12,
  rentMinor: 29_900,
  depositMinor: 799_900,
  buyoutAtEndMinor: 160_000,
  upfrontPeriods: 1,
  addOns: [
    { code: 'screen_insurance', priceMinor: 1_600, per: 'period' },
    { code: 'accident_cover', priceMinor: 12_000, per: 'once' },
  ],
  renewalRentMinor: 26_900,
};

describe('quoteRental', () => {
  it('first payment = rent × upfront periods + add-ons + shipping − coupons; deposit − waiver = deposit to hold', () => {
    const quote = quoteRental({
      plan: iphone12,
      addOns: ['screen_insurance', 'accident_cover'],
      discounts: [{ code: 'WELCOME20', amountMinor: 2_000 }],
      shippingMinor: 1_200,
      depositWaiver: { waivedBps: 7_000 },
      startDate: '2027-01-31',
    });
    expect(quote).toMatchObject({
      currency: 'CNY',
      rentMinor: 29_900,
      upfrontPeriods: 1,
      upfrontMinor: 29_900,
      addOnsMinor: 12_000 + 1_600,
      shippingMinor: 1_200,
      discountMinor: 2_000,
      discounts: [{ code: 'WELCOME20', amountMinor: 2_000 }],
      firstPaymentMinor: 29_900 + 13_600 + 1_200 - 2_000,
      depositMinor: 799_900,
      depositWaivedMinor: 559_930,
      depositToHoldMinor: 239_970,
      buyoutAtEndMinor: 160_000,
      totalRentMinor: 12 * 31_500,
      startDate: '2027-01-31',
      endDate: '2028-01-30',
    });
    expect(quote.firstPaymentMinor).toBe(42_700);
    expect(quote.schedule).toHaveLength(12);
    expect(quote.schedule.filter((p) => p.paidAtCheckout).map((p) => p.period)).toEqual([1]);
    expect(quote.schedule[1]).toMatchObject({ dueDate: '2027-02-28', amountMinor: 31_500, paidAtCheckout: false });
  });

  it('leaves out the waiver fields when no risk pre-check gave a waiver', () => {
    const quote = quoteRental({ plan: iphone12, addOns: [], startDate: '2027-03-01' });
    expect(quote).not.toHaveProperty('depositWaivedMinor');
    expect(quote).not.toHaveProperty('depositToHoldMinor');
    expect(quote.firstPaymentMinor).toBe(29_900);
  });

  it('takes three months up front with their per-period add-ons', () => {
    const quote = quoteRental({
      plan: { ...iphone12, upfrontPeriods: 3 },
      addOns: ['screen_insurance'],
      startDate: '2027-03-01',
    });
    expect(quote.upfrontMinor).toBe(89_700);
    expect(quote.addOnsMinor).toBe(4_800);
    expect(quote.firstPaymentMinor).toBe(94_500);
    expect(quote.schedule.filter((p) => p.paidAtCheckout).map((p) => p.dueDate)).toEqual([
      '2027-03-01',
      '2027-04-01',
      '2027-05-01',
    ]);
  });

  it('takes a day plan in full at checkout as one period', () => {
    const sevenDays: RentalPlanTerms = {
      ...iphone12,
      termUnit: 'day',
      termCount: 7,
      rentMinor: 3_200,
      upfrontPeriods: 7,
      addOns: [],
    };
    const quote = quoteRental({ plan: sevenDays, addOns: [], startDate: '2027-05-01' });
    expect(quote).toMatchObject({
      upfrontPeriods: 7,
      upfrontMinor: 22_400,
      firstPaymentMinor: 22_400,
      endDate: '2027-05-07',
    });
    expect(quote.schedule).toHaveLength(1);
    expect(quote.schedule[0]?.paidAtCheckout).toBe(true);
  });

  it('never discounts more than what a coupon applies to', () => {
    const quote = quoteRental({
      plan: iphone12,
      addOns: ['accident_cover'],
      discounts: [
        { code: 'RENT_FREE_MONTH', amountMinor: 50_000, appliesTo: 'rent' },
        { code: 'FREE_SHIPPING', amountMinor: 2_000, appliesTo: 'shipping' },
      ],
      shippingMinor: 1_200,
      startDate: '2027-03-01',
    });
    expect(quote.discounts).toEqual([
      { code: 'RENT_FREE_MONTH', amountMinor: 29_900 },
      { code: 'FREE_SHIPPING', amountMinor: 1_200 },
    ]);
    // What is left to pay is the accident cover.
    expect(quote.firstPaymentMinor).toBe(12_000);
  });

  it('caps a later coupon at what the earlier ones left', () => {
    expect(
      applyDiscounts(
        [
          { code: 'A', amountMinor: 30_000 },
          { code: 'B', amountMinor: 30_000 },
        ],
        { rent: 29_900, add_ons: 1_600, shipping: 0 },
      ),
    ).toEqual([
      { code: 'A', amountMinor: 30_000 },
      { code: 'B', amountMinor: 1_500 },
    ]);
  });

  it('refuses an add-on the plan does not offer, or one chosen twice', () => {
    const noAddOns = { ...iphone12, addOns: [] };
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isAppError(e) ? e.code : 'other';
      }
      return 'accepted';
    };
    expect(refused(() => quoteRental({ plan: noAddOns, addOns: ['screen_insurance'], startDate: '2027-03-01' }))).toBe(
      'RENTAL_ADD_ON_NOT_OFFERED',
    );
    expect(
      refused(() =>
        quoteRental({ plan: iphone12, addOns: ['accident_cover', 'accident_cover'], startDate: '2027-03-01' }),
      ),
    ).toBe('RENTAL_ADD_ON_NOT_OFFERED');
  });

  it('rounds a waiver share half-up, and never waives more than the deposit', () => {
    expect(waivedMinor(333_335, { waivedBps: 3_000 })).toBe(100_001); // 100,000.5 → 100,001
    expect(waivedMinor(333_333, { waivedBps: 7_000 })).toBe(233_333); // 233,333.1 → 233,333
    expect(waivedMinor(799_900, { waivedBps: 10_000 })).toBe(799_900);
    expect(waivedMinor(799_900, { waivedMinor: 900_000 })).toBe(799_900);
  });

  const amount = fc.oneof(fc.constantFrom(0, 1, 99_999_999, 100_000_000), fc.integer({ min: 0, max: 100_000_000 }));
  const plan = fc.record({
    termCount: fc.constantFrom(3, 6, 12, 24),
    rentMinor: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 100_000_000 })),
    depositMinor: amount,
    upfront: fc.integer({ min: 1, max: 24 }),
    insuranceMinor: fc.integer({ min: 1, max: 1_000_000 }),
    coverMinor: fc.integer({ min: 1, max: 10_000_000 }),
  });
  const discount = fc.record({
    code: fc.constantFrom('A', 'B', 'C'),
    amountMinor: amount,
    appliesTo: fc.constantFrom('rent', 'add_ons', 'shipping', 'first_payment') as fc.Arbitrary<'rent'>,
  });

  it('adds up for any plan, coupons and waiver: integers, nothing negative, no coupon over its target', () => {
    fc.assert(
      fc.property(
        plan,
        fc.array(discount, { maxLength: 5 }),
        amount,
        fc.integer({ min: 0, max: 10_000 }),
        (p, discounts, shippingMinor, bps) => {
          const terms: RentalPlanTerms = {
            ...iphone12,
            termCount: p.termCount,
            rentMinor: p.rentMinor,
            depositMinor: p.depositMinor,
            upfrontPeriods: Math.min(p.upfront, p.termCount),
            addOns: [
              { code: 'screen_insurance', priceMinor: p.insuranceMinor, per: 'period' },
              { code: 'accident_cover', priceMinor: p.coverMinor, per: 'once' },
            ],
          };
          const q = quoteRental({
            plan: terms,
            addOns: ['screen_insurance', 'accident_cover'],
            discounts,
            shippingMinor,
            depositWaiver: { waivedBps: bps },
            startDate: '2028-01-31',
          });
          for (const value of [
            q.upfrontMinor,
            q.addOnsMinor,
            q.discountMinor,
            q.firstPaymentMinor,
            q.depositWaivedMinor,
            q.depositToHoldMinor,
          ]) {
            expect(Number.isSafeInteger(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(0);
          }
          expect(q.upfrontMinor).toBe(terms.rentMinor * terms.upfrontPeriods);
          expect(q.firstPaymentMinor).toBe(q.upfrontMinor + q.addOnsMinor + shippingMinor - q.discountMinor);
          expect(q.discountMinor).toBeLessThanOrEqual(q.upfrontMinor + q.addOnsMinor + shippingMinor);
          for (const [i, d] of q.discounts.entries()) {
            expect(d.amountMinor).toBeLessThanOrEqual(discounts[i]?.amountMinor ?? 0);
          }
          expect((q.depositWaivedMinor ?? 0) + (q.depositToHoldMinor ?? 0)).toBe(terms.depositMinor);
          const paidAtCheckout = q.schedule.filter((s) => s.paidAtCheckout).reduce((sum, s) => sum + s.amountMinor, 0);
          expect(paidAtCheckout + p.coverMinor).toBe(q.upfrontMinor + q.addOnsMinor);
        },
      ),
    );
  });
});
