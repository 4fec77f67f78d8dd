import { describe, expect, it } from 'vitest';
import { remainingPeriods } from './exit-quote';
import { faultCredits } from './fault-credit';
import { RentalLimits } from './limits';
import type { RentalPlanTerms } from './plan-terms';
import { buildRentSchedule, contractedMonths, rentStartDate, termEndDate } from './rent-schedule';
import { residualValueMinor } from './residual-value';

// Rental pricing edges for mutants the 2026-12-03 mutation run (issue #19) left alive.
const twelveMonths: RentalPlanTerms = {
  termUnit: 'month',
  termCount: 12,
  rentMinor: 29_900,
  depositMinor: 799_900,
  buyoutAtEndMinor: 160_000,
  upfrontPeriods: 1,
  addOns: [{ code: 'screen_insurance', priceMinor: 1_600, per: 'period' }],
  renewalRentMinor: 26_900,
};
const sevenDays: RentalPlanTerms = {
  ...twelveMonths,
  termUnit: 'day',
  termCount: 7,
  rentMinor: 3_200,
  upfrontPeriods: 7,
  addOns: [{ code: 'screen_insurance', priceMinor: 100, per: 'period' }],
};

describe('rent schedule edges', () => {
  it('a 7-day plan charges a per-period add-on for every day: 100 × 7 = 700 分 (rent-schedule 76: `perPeriodMinor * count` → `/ count`)', () => {
    const [only] = buildRentSchedule({ plan: sevenDays, startDate: '2027-05-01', addOns: sevenDays.addOns });
    expect(only).toMatchObject({ days: 7, rentMinor: 22_400, addOnsMinor: 700, amountMinor: 23_100 });
  });

  it('a day plan has no contracted months, a 12-month plan with a 3-month renewal has 15 (rent-schedule 145: the day branch)', () => {
    expect(contractedMonths(sevenDays, [])).toBe(0);
    expect(contractedMonths(twelveMonths, [{ unit: 'month', count: 3, rentMinor: 26_900 }])).toBe(15);
  });
});

describe('fault days merged before crediting', () => {
  // Period 2 of a plan from 2027-01-31 runs 02-28..03-30: 31 days, ¥299.
  const schedule = buildRentSchedule({ plan: twelveMonths, startDate: '2027-01-31', addOns: [] });
  const credit = (faults: { from: string; to: string }[]) => faultCredits({ schedule, faults }).credits;

  it('reports given out of order, overlapping, or with a gap count each fault day once and no other (fault-credit 69, 73, 74)', () => {
    // 03-10..03-12 and 03-05..03-08, given newest first: 3 + 4 = 7 days, the gap 03-09 not counted.
    expect(
      credit([
        { from: '2027-03-10', to: '2027-03-12' },
        { from: '2027-03-05', to: '2027-03-08' },
      ]),
    ).toEqual([{ period: 2, periodDays: 31, faultDays: 7, rentMinor: 29_900, creditMinor: 6752 }]);
    // 03-05..03-08 and 03-07..03-12 overlap: 03-05..03-12 is 8 days; 29,900 × 8 / 31 = 7,716.1 → 7,716.
    expect(
      credit([
        { from: '2027-03-05', to: '2027-03-08' },
        { from: '2027-03-07', to: '2027-03-12' },
      ])[0]?.faultDays,
    ).toBe(8);
  });
});

describe('the rent still to come on an exit', () => {
  it('a period that begins on the exit day has begun: owed through its own bill, not remaining (exit-quote 84: `> 0` → `>= 0`)', () => {
    const agreement = { plan: twelveMonths, addOns: [], startDate: '2027-01-31', renewals: [], periodsPaid: 1 };
    // Period 2 starts 2027-02-28: on 02-27 periods 2–12 remain, on 02-28 only 3–12.
    expect(remainingPeriods(agreement, '2027-02-27').map((p) => p.period)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(remainingPeriods(agreement, '2027-02-28').map((p) => p.period)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('takes 40 renewals and refuses a 41st; a schedule of 120 periods but not 121', () => {
    const week = { unit: 'day' as const, count: 7, rentMinor: 3_000 };
    const forty = buildRentSchedule({
      plan: sevenDays,
      startDate: '2027-05-01',
      addOns: [],
      renewals: Array.from({ length: RentalLimits.renewalsMax }, () => week),
    });
    expect(forty).toHaveLength(41);
    expect(() =>
      buildRentSchedule({
        plan: sevenDays,
        startDate: '2027-05-01',
        addOns: [],
        renewals: Array.from({ length: RentalLimits.renewalsMax + 1 }, () => week),
      }),
    ).toThrow(`at most ${RentalLimits.renewalsMax} renewals`);
    // 24 months + 8 renewals of 12 = 120 periods; one more month is one too many.
    const twoYears = { ...twelveMonths, termCount: 24 };
    const year = { unit: 'month' as const, count: 12, rentMinor: 26_900 };
    const full = Array.from({ length: 8 }, () => year);
    expect(buildRentSchedule({ plan: twoYears, startDate: '2027-01-31', addOns: [], renewals: full })).toHaveLength(
      RentalLimits.schedulePeriodsMax,
    );
    expect(() =>
      buildRentSchedule({
        plan: twoYears,
        startDate: '2027-01-31',
        addOns: [],
        renewals: [...full, { unit: 'month', count: 1, rentMinor: 26_900 }],
      }),
    ).toThrow(`at most ${RentalLimits.schedulePeriodsMax} periods`);
  });

  it('refuses a renewal rent that is not a positive whole amount within range, by name', () => {
    const renew = (rentMinor: number) => () =>
      buildRentSchedule({
        plan: twelveMonths,
        startDate: '2027-01-31',
        addOns: [],
        renewals: [{ unit: 'month', count: 3, rentMinor }],
      });
    expect(renew(0)).toThrow('renewal rentMinor must be positive');
    expect(renew(-1)).toThrow('renewal rentMinor must be positive');
    expect(renew(1.5)).toThrow('renewal rentMinor must be an integer');
    expect(renew(RentalLimits.amountMinorMax + 1)).toThrow('renewal rentMinor is out of range');
    expect(renew(RentalLimits.amountMinorMax)()).toHaveLength(15);
    expect(renew(1)().at(-1)?.rentMinor).toBe(1);
  });

  it('names a bad date, and a schedule without periods has no end', () => {
    expect(rentStartDate('2027-01-30')).toBe('2027-01-31');
    expect(() => rentStartDate('2027-02-29')).toThrow('deliverySignedOn must be a business date: 2027-02-29');
    expect(() => buildRentSchedule({ plan: twelveMonths, startDate: '31/01/2027', addOns: [] })).toThrow(
      'startDate must be a business date: 31/01/2027',
    );
    expect(() => termEndDate([])).toThrow('a schedule has at least one period');
  });

  it('refuses a residual value of a negative or fractional market price, by name', () => {
    expect(() => residualValueMinor({ marketPriceMinor: -1, valueFrom: '2027-01-31', asOf: '2027-03-01' })).toThrow(
      /marketPriceMinor/,
    );
    expect(() => residualValueMinor({ marketPriceMinor: 0.5, valueFrom: '2027-01-31', asOf: '2027-03-01' })).toThrow(
      /marketPriceMinor/,
    );
  });
});
