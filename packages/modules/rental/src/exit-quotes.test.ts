import { isAppError } from '@zulin/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExitQuote, exitQuoteValidUntil, isoInZone, isQuoteValid, type RentalAgreement } from './exit-quote';
import type { RentalPlanTerms } from './plan-terms';
import { quoteBuyout } from './quote-buyout';
import { quoteEarlyReturn } from './quote-early-return';
import { quoteRenewal } from './quote-renewal';
import { defaultRentalTimers } from './timers';

const timeZone = 'Asia/Shanghai';
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);
const context = (date: string, time?: string) => ({ now: at(date, time), timeZone, timers: defaultRentalTimers });

const plan12: RentalPlanTerms = {
  termUnit: 'month',
  termCount: 12,
  rentMinor: 29_900,
  depositMinor: 799_900,
  buyoutAtEndMinor: 160_000,
  upfrontPeriods: 1,
  addOns: [{ code: 'screen_insurance', priceMinor: 1_600, per: 'period' }],
  renewalRentMinor: 26_900,
};
const plan3: RentalPlanTerms = { ...plan12, termCount: 3, rentMinor: 45_900, buyoutAtEndMinor: 600_000 };

/** Delivered 2027-01-30, so rent runs from 2027-01-31: due 01-31, 02-28, 03-31, 04-30, 05-31, 06-30 … */
const rental = (plan: RentalPlanTerms, periodsPaid: number, more: Partial<RentalAgreement> = {}): RentalAgreement => ({
  plan,
  addOns: [],
  startDate: '2027-01-31',
  renewals: [],
  periodsPaid,
  ...more,
});

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isAppError(e) ? e.code : String(e);
  }
  return 'accepted';
};

describe('early return', () => {
  it('on a 3-month plan owes the whole remaining rent: two periods left = 2 × ¥459.00', () => {
    const quote = quoteEarlyReturn(rental(plan3, 1), context('2027-02-15'));
    expect(quote.kind).toBe('early_return');
    expect(quote.amountMinor).toBe(91_800);
    expect(quote.lines).toEqual([
      { code: 'remaining_rent', label: expect.any(Object), amountMinor: 91_800, quantity: 2 },
    ]);
    expect(quote.inputs).toMatchObject({ rule: 'whole_remaining_rent', remainingPeriods: 2, contractedMonths: 3 });
    expect(quote.formula['zh-CN']).toContain('¥918.00');
    expect(quote.formula.en).toContain('whole remaining rent');
  });

  it('on a 3-month plan in its second month owes the third month only', () => {
    expect(quoteEarlyReturn(rental(plan3, 2), context('2027-03-10')).amountMinor).toBe(45_900);
  });

  it('on a 12-month plan owes at most two periods of rent: ¥598.00, not the ¥2,093.00 remaining', () => {
    const quote = quoteEarlyReturn(rental(plan12, 5), context('2027-06-15'));
    expect(quote.amountMinor).toBe(2 * 29_900);
    expect(quote.inputs).toMatchObject({
      rule: 'two_periods_cap',
      remainingPeriods: 7,
      remainingRentMinor: 209_300,
      twoPeriodsRentMinor: 59_800,
    });
    expect(quote.lines).toEqual([
      { code: 'early_return_fee', label: expect.any(Object), amountMinor: 59_800, quantity: 2 },
    ]);
    expect(quote.formula.en).toBe(
      "12-month term (longer than 3 months): early-return fee = min(2 periods' rent ¥598.00, remaining rent ¥2,093.00) = ¥598.00",
    );
  });

  it('on a 12-month plan with one period left owes that one period', () => {
    expect(quoteEarlyReturn(rental(plan12, 11), context('2027-12-01')).amountMinor).toBe(29_900);
  });

  it('owes nothing more once the last period has begun', () => {
    const quote = quoteEarlyReturn(rental(plan12, 12), context('2028-01-05'));
    expect(quote.amountMinor).toBe(0);
    expect(quote.lines).toEqual([]);
  });

  it('does not charge again for months paid up front', () => {
    // Three months paid at checkout, returned in the first: periods 4–12 remain, the fee is still 2 periods.
    expect(quoteEarlyReturn(rental({ ...plan12, upfrontPeriods: 3 }, 3), context('2027-02-10')).amountMinor).toBe(
      59_800,
    );
    // A 3-month plan paid in full at checkout owes nothing on an early return.
    expect(quoteEarlyReturn(rental({ ...plan3, upfrontPeriods: 3 }, 3), context('2027-02-10')).amountMinor).toBe(0);
  });

  it('counts the renewal into the term: a 3-month plan renewed for 3 months is a 6-month term', () => {
    const renewed = rental(plan3, 3, { renewals: [{ unit: 'month', count: 3, rentMinor: 26_900 }] });
    const quote = quoteEarlyReturn(renewed, context('2027-04-10'));
    expect(quote.inputs).toMatchObject({
      contractedMonths: 6,
      rule: 'two_periods_cap',
      remainingRentMinor: 3 * 26_900,
    });
    // Periods 4 (due 04-30) and 5 (05-31) at the renewal rent.
    expect(quote.amountMinor).toBe(2 * 26_900);
  });

  it('cannot be asked before the rent starts', () => {
    expect(codeOf(() => quoteEarlyReturn(rental(plan12, 1), context('2027-01-30')))).toBe('RENTAL_NOT_STARTED');
  });

  it('is valid until the end of the business day in Asia/Shanghai', () => {
    const quote = quoteEarlyReturn(rental(plan12, 5), context('2027-06-15', '23:30'));
    expect(quote.asOf).toBe('2027-06-15');
    expect(quote.validUntil).toBe('2027-06-16T00:00:00+08:00');
    expect(isQuoteValid(quote, at('2027-06-15', '23:59'))).toBe(true);
    expect(isQuoteValid(quote, at('2027-06-16', '00:00'))).toBe(false);
  });
});

describe('buyout', () => {
  it('at the end of the term costs buyoutAtEndMinor', () => {
    const quote = quoteBuyout(rental(plan12, 12), context('2028-01-10'));
    expect(quote.amountMinor).toBe(160_000);
    expect(quote.lines.map((l) => [l.code, l.amountMinor])).toEqual([['buyout_at_end', 160_000]]);
    expect(quote.formula['zh-CN']).toBe('到期买断 = 到期买断价 ¥1,600.00 = ¥1,600.00');
  });

  it('early costs the remaining rents + buyoutAtEndMinor: 7 × ¥299 + ¥1,600 = ¥3,693', () => {
    const quote = quoteBuyout(rental(plan12, 5), context('2027-06-15'));
    expect(quote.amountMinor).toBe(369_300);
    expect(quote.lines.map((l) => [l.code, l.amountMinor, l.quantity])).toEqual([
      ['remaining_rent', 209_300, 7],
      ['buyout_at_end', 160_000, undefined],
    ]);
  });

  it('leaves a begun but unpaid period to its bill', () => {
    // Period 6 (due 06-30) has begun and is unpaid: it stays on its bill; periods 7–12 are remaining.
    expect(quoteBuyout(rental(plan12, 5), context('2027-07-05')).amountMinor).toBe(6 * 29_900 + 160_000);
  });

  it('takes an operator discount as a negative line, never below zero', () => {
    const discounted = quoteBuyout(rental(plan12, 5), context('2027-06-15'), { operatorDiscountMinor: 10_000 });
    expect(discounted.amountMinor).toBe(359_300);
    expect(discounted.lines.at(-1)).toMatchObject({ code: 'operator_discount', amountMinor: -10_000 });
    const free = quoteBuyout(rental(plan12, 12), context('2028-01-10'), { operatorDiscountMinor: 500_000 });
    expect(free.amountMinor).toBe(0);
    expect(free.lines.at(-1)?.amountMinor).toBe(-160_000);
  });
});

describe('fault credit in the exit quotes (DOMAIN §5: no rent for days without a phone)', () => {
  // ¥300.00 a month; period 3 runs 03-31 … 04-29 (30 days): 10 days without a phone = 30,000 × 10 / 30 = ¥100.00.
  const plan300: RentalPlanTerms = { ...plan12, rentMinor: 30_000, addOns: [] };
  const credited = (periodsPaid: number, plan = plan300) => rental(plan, periodsPaid, { faultCreditMinor: 10_000 });

  it('an early buyout takes the credit off: 9 × ¥300 + ¥1,600 − ¥100 = ¥4,200.00', () => {
    const quote = quoteBuyout(credited(1), context('2027-04-15'));
    expect(quote.amountMinor).toBe(9 * 30_000 + 160_000 - 10_000);
    expect(quote.lines.map((l) => [l.code, l.amountMinor])).toEqual([
      ['remaining_rent', 270_000],
      ['buyout_at_end', 160_000],
      ['fault_credit', -10_000],
    ]);
    expect(quote.inputs).toMatchObject({ faultCreditAvailableMinor: 10_000, faultCreditMinor: 10_000 });
    expect(quote.formula['zh-CN']).toBe(
      '提前买断 = 剩余 9 期租金 ¥2,700.00 + 到期买断价 ¥1,600.00 − 故障停机抵扣 ¥100.00 = ¥4,200.00',
    );
  });

  it('a buyout at the end of the term takes it off the end price: ¥1,600 − ¥100 = ¥1,500.00', () => {
    expect(quoteBuyout(credited(12), context('2028-01-10')).amountMinor).toBe(150_000);
  });

  it('a long-term early return takes it off the two-period fee: 2 × ¥300 − ¥100 = ¥500.00', () => {
    const quote = quoteEarlyReturn(credited(1), context('2027-04-15'));
    expect(quote.amountMinor).toBe(50_000);
    expect(quote.lines.map((l) => [l.code, l.amountMinor])).toEqual([
      ['early_return_fee', 60_000],
      ['fault_credit', -10_000],
    ]);
    expect(quote.formula.en).toContain('less the fault credit ¥100.00: ¥500.00');
  });

  it('a short-term early return takes it off the remaining rent: 1 × ¥300 − ¥100 = ¥200.00', () => {
    const plan3m = { ...plan300, termCount: 3 };
    expect(quoteEarlyReturn(credited(1, plan3m), context('2027-02-15')).amountMinor).toBe(2 * 30_000 - 10_000);
  });

  it('never goes below zero: nothing remains, so ¥0.00 and the credit stays untaken', () => {
    const quote = quoteEarlyReturn(credited(12), context('2028-01-10'));
    expect(quote.amountMinor).toBe(0);
    expect(quote.lines).toEqual([]);
    expect(quote.inputs).toMatchObject({ faultCreditAvailableMinor: 10_000, faultCreditMinor: 0 });
  });
});

describe('renewal', () => {
  // The 12-month term from 2027-01-31 ends on 2028-01-30; renewal opens 15 days before.
  const agreement = rental(plan12, 12, { addOns: plan12.addOns });

  it('opens 15 days before the last day and closes after it', () => {
    expect(codeOf(() => quoteRenewal(agreement, context('2028-01-14'), { count: 3 }))).toBe('RENTAL_RENEWAL_TOO_EARLY');
    expect(codeOf(() => quoteRenewal(agreement, context('2028-01-15'), { count: 3 }))).toBe('accepted');
    expect(codeOf(() => quoteRenewal(agreement, context('2028-01-30'), { count: 3 }))).toBe('accepted');
    expect(codeOf(() => quoteRenewal(agreement, context('2028-01-31'), { count: 3 }))).toBe('RENTAL_RENEWAL_TOO_LATE');
  });

  it('offers 1, 3, 6 or 12 months only', () => {
    for (const count of [1, 3, 6, 12])
      expect(codeOf(() => quoteRenewal(agreement, context('2028-01-20'), { count }))).toBe('accepted');
    expect(codeOf(() => quoteRenewal(agreement, context('2028-01-20'), { count: 2 }))).toBe(
      'RENTAL_RENEWAL_TERM_INVALID',
    );
  });

  it('prices 3 more months at the renewal rent with the screen insurance, due on the same anchor day', () => {
    const quote = quoteRenewal(agreement, context('2028-01-20'), { count: 3 });
    expect(quote.amountMinor).toBe(3 * 26_900 + 3 * 1_600);
    expect(quote.lines.map((l) => [l.code, l.amountMinor, l.quantity, l.unitMinor])).toEqual([
      ['renewal_rent', 80_700, 3, 26_900],
      ['add_on_screen_insurance', 4_800, 3, 1_600],
    ]);
    expect(quote.schedule.map((p) => [p.period, p.dueDate])).toEqual([
      [13, '2028-01-31'],
      [14, '2028-02-29'],
      [15, '2028-03-31'],
    ]);
    expect(quote.renewal).toEqual({ unit: 'month', count: 3, rentMinor: 26_900 });
    expect(quote.schedule.reduce((sum, p) => sum + p.amountMinor, 0)).toBe(quote.amountMinor);
    expect(quote.inputs).toMatchObject({ newEndDate: '2028-04-29' });
  });

  it('renews a day plan by days at its daily renewal rent', () => {
    const days: RentalPlanTerms = {
      ...plan12,
      termUnit: 'day',
      termCount: 7,
      rentMinor: 3_200,
      upfrontPeriods: 7,
      renewalRentMinor: 3_000,
    };
    const quote = quoteRenewal(rental(days, 1, { startDate: '2027-05-01' }), context('2027-05-05'), { count: 7 });
    expect(quote.amountMinor).toBe(21_000);
    expect(quote.schedule.map((p) => [p.periodStart, p.periodEnd])).toEqual([['2027-05-08', '2027-05-14']]);
    expect(
      codeOf(() => quoteRenewal(rental(days, 1, { startDate: '2027-05-01' }), context('2027-05-05'), { count: 3 })),
    ).toBe('RENTAL_RENEWAL_TERM_INVALID');
  });
});

describe('quote validity', () => {
  it('ends at a configured end of business day, or at midnight when asked after it', () => {
    const validity = { mode: 'end_of_business_day' as const, endOfBusinessDay: '18:00' };
    expect(isoInZone(exitQuoteValidUntil({ now: at('2027-06-15', '09:00'), timeZone, validity }), timeZone)).toBe(
      '2027-06-15T18:00:00+08:00',
    );
    expect(isoInZone(exitQuoteValidUntil({ now: at('2027-06-15', '19:00'), timeZone, validity }), timeZone)).toBe(
      '2027-06-16T00:00:00+08:00',
    );
  });

  it('lasts a number of minutes, but never past midnight', () => {
    const validity = { mode: 'minutes' as const, minutes: 120 };
    expect(isoInZone(exitQuoteValidUntil({ now: at('2027-06-15', '09:00'), timeZone, validity }), timeZone)).toBe(
      '2027-06-15T11:00:00+08:00',
    );
    expect(isoInZone(exitQuoteValidUntil({ now: at('2027-06-15', '23:00'), timeZone, validity }), timeZone)).toBe(
      '2027-06-16T00:00:00+08:00',
    );
  });

  it('finds the local cutoff on a day the clocks change', () => {
    // New York springs forward on 2027-03-14: 18:00 that day is 22:00 UTC (EDT, −04:00).
    const validity = { mode: 'end_of_business_day' as const, endOfBusinessDay: '18:00' };
    const until = exitQuoteValidUntil({
      now: new Date('2027-03-14T12:00:00Z'),
      timeZone: 'America/New_York',
      validity,
    });
    expect(until.toISOString()).toBe('2027-03-14T22:00:00.000Z');
    expect(isoInZone(until, 'America/New_York')).toBe('2027-03-14T18:00:00-04:00');
  });
});

describe('money in every exit quote', () => {
  const paid = fc.integer({ min: 0, max: 36 });
  const day = fc.integer({ min: 0, max: 1_200 });
  const rent = fc.oneof(fc.constantFrom(1, 100_000_000), fc.integer({ min: 1, max: 100_000_000 }));
  const term = fc.constantFrom(3, 6, 12, 24);
  const renewal = fc.constantFrom(0, 1, 3, 6, 12);

  it('amounts are non-negative integers and the lines add up to the amount', () => {
    fc.assert(
      fc.property(
        term,
        renewal,
        rent,
        rent,
        paid,
        day,
        fc.integer({ min: 0, max: 200_000_000 }),
        (termCount, renewMonths, rentMinor, buyoutAtEndMinor, paidRaw, dayOffset, discount) => {
          const plan = { ...plan12, termCount, rentMinor, buyoutAtEndMinor };
          const renewals = renewMonths === 0 ? [] : [{ unit: 'month' as const, count: renewMonths, rentMinor: 26_900 }];
          const periodsPaid = Math.min(paidRaw, termCount + renewMonths);
          const agreement = rental(plan, periodsPaid, { startDate: '2028-01-31', renewals });
          const now = new Date(Date.parse('2028-01-31T02:00:00Z') + dayOffset * 86_400_000);
          const ctx = { now, timeZone, timers: defaultRentalTimers };
          const quotes: ExitQuote[] = [
            quoteEarlyReturn(agreement, ctx),
            quoteBuyout(agreement, ctx, { operatorDiscountMinor: discount }),
          ];
          for (const q of quotes) {
            expect(Number.isSafeInteger(q.amountMinor)).toBe(true);
            expect(q.amountMinor).toBeGreaterThanOrEqual(0);
            expect(q.lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(q.amountMinor);
            for (const l of q.lines) expect(Number.isSafeInteger(l.amountMinor)).toBe(true);
            expect(Date.parse(q.validUntil)).toBeGreaterThan(now.getTime());
          }
          const [early, buyout] = quotes as [ExitQuote, ExitQuote];
          const remainingRentMinor = Number(early.inputs.remainingRentMinor);
          expect(early.amountMinor).toBeLessThanOrEqual(remainingRentMinor);
          expect(early.amountMinor).toBeLessThanOrEqual(Math.max(2 * rentMinor, 2 * 26_900));
          expect(buyout.amountMinor).toBe(Math.max(0, remainingRentMinor + buyoutAtEndMinor - discount));
        },
      ),
    );
  });
});
