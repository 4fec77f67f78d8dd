// The rental quote at its edges: which add-on is refused and where, a day plan's upfront days, the
// coupon limit, and the checks on shipping, coupons and waivers, each by the name it gives.
import { isAppError } from '@zulin/kernel';
import { describe, expect, it } from 'vitest';
import { RentalLimits } from './limits';
import type { AddOnCode, RentalPlanTerms } from './plan-terms';
import { applyDiscounts, quoteRental, waivedMinor } from './quote-rental';

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

function problemOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { code: e.code, detail: e.detail, errors: e.errors };
  }
  return 'accepted';
}

describe('rental quote edges', () => {
  it('names the add-on a plan does not offer, and the second of a pair, by its place in the request', () => {
    expect(
      problemOf(() =>
        quoteRental({
          plan: iphone12,
          addOns: ['screen_insurance', 'gold_plating' as AddOnCode],
          startDate: '2027-03-01',
        }),
      ),
    ).toEqual({
      code: 'RENTAL_ADD_ON_NOT_OFFERED',
      detail: 'The plan does not offer "gold_plating", or it was chosen twice.',
      errors: [{ path: '/body/addOns/1', message: 'not offered by this plan, or chosen twice' }],
    });
    expect(
      problemOf(() =>
        quoteRental({ plan: iphone12, addOns: ['accident_cover', 'accident_cover'], startDate: '2027-03-01' }),
      ),
    ).toMatchObject({ errors: [{ path: '/body/addOns/1' }] });
  });

  it('a day plan shows its days as paid up front, whatever its stored upfront periods', () => {
    const fifteenDays: RentalPlanTerms = {
      ...iphone12,
      termUnit: 'day',
      termCount: 15,
      rentMinor: 3_000,
      upfrontPeriods: 1,
      addOns: [],
    };
    const quote = quoteRental({ plan: fifteenDays, addOns: [], startDate: '2027-05-01' });
    expect(quote).toMatchObject({
      upfrontPeriods: 15,
      upfrontMinor: 45_000,
      firstPaymentMinor: 45_000,
      endDate: '2027-05-15',
    });
  });

  it('checks its inputs by name', () => {
    expect(() => quoteRental({ plan: iphone12, addOns: [], startDate: '2027-13-01' })).toThrow(
      'startDate must be a business date: 2027-13-01',
    );
    expect(() => quoteRental({ plan: iphone12, addOns: [], startDate: '2027-03-01', shippingMinor: -1 })).toThrow(
      /shippingMinor/,
    );
    expect(() => applyDiscounts([{ code: 'SPRING', amountMinor: -5 }], { rent: 100, add_ons: 0, shipping: 0 })).toThrow(
      /discount SPRING/,
    );
  });

  it('takes up to 10 coupons, and refuses an 11th', () => {
    const coupons = (n: number) => Array.from({ length: n }, (_, i) => ({ code: `C${i}`, amountMinor: 100 }));
    const ten = applyDiscounts(coupons(RentalLimits.discountsMax), { rent: 29_900, add_ons: 0, shipping: 0 });
    expect(ten.reduce((s, d) => s + d.amountMinor, 0)).toBe(1_000);
    expect(() =>
      applyDiscounts(coupons(RentalLimits.discountsMax + 1), { rent: 29_900, add_ons: 0, shipping: 0 }),
    ).toThrow(`at most ${RentalLimits.discountsMax} coupons per quote`);
  });

  it('waives 0 to 100 % in whole basis points, and refuses the rest by name', () => {
    expect(waivedMinor(799_900, { waivedBps: 0 })).toBe(0);
    expect(() => waivedMinor(799_900, { waivedBps: 10_001 })).toThrow('waivedBps must be 0–10000: 10001');
    expect(() => waivedMinor(799_900, { waivedBps: -1 })).toThrow('waivedBps must be 0–10000: -1');
    expect(() => waivedMinor(799_900, { waivedBps: 12.5 })).toThrow('waivedBps must be an integer');
    expect(() => waivedMinor(-1, { waivedBps: 100 })).toThrow(/depositMinor/);
    expect(() => waivedMinor(799_900, { waivedMinor: -1 })).toThrow(/waivedMinor/);
  });
});
