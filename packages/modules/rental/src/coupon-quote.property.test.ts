// Coupons in the quote, as properties over every kind of coupon and plan (docs/marketing.md,
// "Amounts"): marketing's amount is never negative and never more than its target, the quote
// caps each at what is left of its target, and what the order charges (the first payment) is
// exactly rent + add-ons + shipping − discounts, which the ledger books as gross revenue less the
// discount (firstPaymentShares) — to the cent.
import { couponDiscountMinor } from '@zulin/marketing';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { firstPaymentShares } from './first-payment';
import { quoteRental } from './quote-rental';

const amount = (max: number) => fc.oneof(fc.constantFrom(0, 1, max), fc.integer({ min: 0, max }));
const coupon = fc.record({
  kind: fc.constantFrom('threshold' as const, 'percent' as const, 'fixed' as const, 'free_days' as const),
  amountMinor: amount(10_000_000),
  percentBps: fc.integer({ min: 0, max: 10_000 }),
  freeDays: fc.integer({ min: 0, max: 365 }),
  thresholdMinor: amount(10_000_000),
  capMinor: fc.option(amount(10_000_000), { nil: null }),
  target: fc.constantFrom('rent' as const, 'first_payment' as const),
});
const plan = fc.record({
  termUnit: fc.constantFrom('month' as const, 'day' as const),
  rentMinor: fc.oneof(fc.constantFrom(1, 1_000_000), fc.integer({ min: 1, max: 1_000_000 })),
  upfrontPeriods: fc.integer({ min: 1, max: 3 }),
  addOnMinor: amount(100_000),
  shippingMinor: amount(10_000),
});

test('a coupon takes off 0 … its target; the quote charges rent + add-ons + shipping − discounts, booked gross', () => {
  fc.assert(
    fc.property(plan, fc.array(coupon, { maxLength: 4 }), (p, coupons) => {
      const terms = {
        termUnit: p.termUnit,
        termCount: p.termUnit === 'month' ? 12 : 7,
        rentMinor: p.rentMinor,
        depositMinor: 0,
        buyoutAtEndMinor: 0,
        upfrontPeriods: p.upfrontPeriods,
        addOns:
          p.addOnMinor > 0
            ? [{ code: 'screen_insurance' as const, priceMinor: p.addOnMinor, per: 'once' as const }]
            : [],
        renewalRentMinor: p.rentMinor,
      };
      const addOns = terms.addOns.map((a) => a.code);
      const before = quoteRental({ plan: terms, addOns, shippingMinor: p.shippingMinor, startDate: '2026-01-31' });
      const bases = {
        rentMinor: before.upfrontMinor,
        firstPaymentMinor: before.firstPaymentMinor,
        rentPerPeriodMinor: p.rentMinor,
        termUnit: p.termUnit,
      };
      const discounts = coupons.map((c, i) => {
        const amountMinor = couponDiscountMinor(c, bases);
        const target = c.target === 'rent' ? bases.rentMinor : bases.firstPaymentMinor;
        expect(amountMinor).toBeGreaterThanOrEqual(0);
        expect(amountMinor).toBeLessThanOrEqual(target);
        if (c.capMinor !== null) expect(amountMinor).toBeLessThanOrEqual(c.capMinor);
        return { code: `c${i}`, amountMinor, appliesTo: c.target };
      });
      const quote = quoteRental({
        plan: terms,
        addOns,
        discounts,
        shippingMinor: p.shippingMinor,
        startDate: '2026-01-31',
      });
      expect(quote.discountMinor).toBeGreaterThanOrEqual(0);
      expect(quote.discountMinor).toBeLessThanOrEqual(before.firstPaymentMinor);
      expect(quote.discounts.reduce((sum, d) => sum + d.amountMinor, 0)).toBe(quote.discountMinor);
      const rentTaken = quote.discounts
        .filter((_, i) => coupons[i]?.target === 'rent')
        .reduce((sum, d) => sum + d.amountMinor, 0);
      expect(rentTaken).toBeLessThanOrEqual(quote.upfrontMinor);
      expect(quote.firstPaymentMinor).toBe(
        quote.upfrontMinor + quote.addOnsMinor + quote.shippingMinor - quote.discountMinor,
      );
      expect(quote.firstPaymentMinor).toBeGreaterThanOrEqual(0);
      const shares = firstPaymentShares({
        firstPaymentMinor: quote.firstPaymentMinor,
        quote: { ...quote, depositWaivedMinor: 0, depositToHoldMinor: 0 },
      });
      expect(shares.rentMinor + shares.feeMinor - shares.discountMinor).toBe(quote.firstPaymentMinor);
    }),
    { numRuns: 500 },
  );
});
