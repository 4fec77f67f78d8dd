import { addDays, diffDays, monthlyDueDate } from '@zulin/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RentalPlanTerms } from './plan-terms';
import { buildRentSchedule, rentStartDate, termEndDate } from './rent-schedule';

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

describe('rent start', () => {
  it('starts the day after the delivery is signed for', () => {
    expect(rentStartDate('2027-01-30')).toBe('2027-01-31');
    expect(rentStartDate('2027-01-31')).toBe('2027-02-01');
    expect(rentStartDate('2027-12-31')).toBe('2028-01-01');
    expect(rentStartDate('2028-02-28')).toBe('2028-02-29');
  });
});

describe('buildRentSchedule', () => {
  it('keeps the anchor day 31 through short months: delivered 2027-01-30 → due 01-31, 02-28, 03-31, 04-30 …', () => {
    const schedule = buildRentSchedule({ plan: twelveMonths, startDate: rentStartDate('2027-01-30'), addOns: [] });
    expect(schedule.map((p) => p.dueDate)).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
      '2027-07-31',
      '2027-08-31',
      '2027-09-30',
      '2027-10-31',
      '2027-11-30',
      '2027-12-31',
    ]);
    // Each period runs to the day before the next is due, so February's period has 28 days.
    expect(schedule.slice(0, 3).map((p) => [p.periodStart, p.periodEnd, p.days])).toEqual([
      ['2027-01-31', '2027-02-27', 28],
      ['2027-02-28', '2027-03-30', 31],
      ['2027-03-31', '2027-04-29', 30],
    ]);
    expect(termEndDate(schedule)).toBe('2028-01-30');
  });

  it('a phone delivered on 31 January rents from 1 February, due on the 1st of every month', () => {
    const schedule = buildRentSchedule({ plan: twelveMonths, startDate: rentStartDate('2027-01-31'), addOns: [] });
    expect(schedule.slice(0, 3).map((p) => p.dueDate)).toEqual(['2027-02-01', '2027-03-01', '2027-04-01']);
    expect(termEndDate(schedule)).toBe('2028-01-31');
  });

  it('meets 29 February in a leap year and goes back to the 31st', () => {
    const schedule = buildRentSchedule({ plan: twelveMonths, startDate: '2028-01-31', addOns: [] });
    expect(schedule.slice(0, 3).map((p) => p.dueDate)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
    expect(schedule[0]?.days).toBe(29);
  });

  it('charges per-period add-ons with every period', () => {
    const schedule = buildRentSchedule({ plan: twelveMonths, startDate: '2027-03-01', addOns: twelveMonths.addOns });
    expect(schedule.every((p) => p.rentMinor === 29_900 && p.addOnsMinor === 1_600 && p.amountMinor === 31_500)).toBe(
      true,
    );
  });

  it('bills a day plan as one period of all its days', () => {
    const sevenDays: RentalPlanTerms = {
      ...twelveMonths,
      termUnit: 'day',
      termCount: 7,
      rentMinor: 3_200,
      upfrontPeriods: 7,
      renewalRentMinor: 3_000,
    };
    const schedule = buildRentSchedule({ plan: sevenDays, startDate: '2027-05-01', addOns: [] });
    expect(schedule).toEqual([
      {
        period: 1,
        segment: 0,
        periodStart: '2027-05-01',
        periodEnd: '2027-05-07',
        days: 7,
        dueDate: '2027-05-01',
        rentMinor: 22_400,
        addOnsMinor: 0,
        amountMinor: 22_400,
      },
    ]);
    const renewed = buildRentSchedule({
      plan: sevenDays,
      startDate: '2027-05-01',
      addOns: [],
      renewals: [{ unit: 'day', count: 15, rentMinor: 3_000 }],
    });
    expect(renewed[1]).toMatchObject({
      periodStart: '2027-05-08',
      periodEnd: '2027-05-22',
      days: 15,
      rentMinor: 45_000,
    });
  });

  it('continues the same anchor through a renewal, at the renewal rent', () => {
    const threeMonths = { ...twelveMonths, termCount: 3 };
    const schedule = buildRentSchedule({
      plan: threeMonths,
      startDate: '2027-01-31',
      addOns: [],
      renewals: [{ unit: 'month', count: 3, rentMinor: 26_900 }],
    });
    expect(schedule.map((p) => [p.period, p.segment, p.dueDate, p.rentMinor])).toEqual([
      [1, 0, '2027-01-31', 29_900],
      [2, 0, '2027-02-28', 29_900],
      [3, 0, '2027-03-31', 29_900],
      [4, 1, '2027-04-30', 26_900],
      [5, 1, '2027-05-31', 26_900],
      [6, 1, '2027-06-30', 26_900],
    ]);
  });

  it('refuses a renewal in the wrong unit or of a length not offered', () => {
    expect(() =>
      buildRentSchedule({
        plan: twelveMonths,
        startDate: '2027-01-31',
        addOns: [],
        renewals: [{ unit: 'day', count: 7, rentMinor: 100 }],
      }),
    ).toThrow(/renews in months/);
    expect(() =>
      buildRentSchedule({
        plan: twelveMonths,
        startDate: '2027-01-31',
        addOns: [],
        renewals: [{ unit: 'month', count: 2, rentMinor: 100 }],
      }),
    ).toThrow(/not offered/);
  });

  // Start dates that reach the edges on purpose: month ends, 29 February, year ends.
  const startDate = fc.oneof(
    fc.constantFrom('2027-01-28', '2027-01-29', '2027-01-30', '2027-01-31', '2028-02-29', '2027-12-31', '2027-08-31'),
    fc
      .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  );

  it('covers every day from the start exactly once, with periods of 28–31 days anchored on the start day', () => {
    fc.assert(
      fc.property(
        startDate,
        fc.constantFrom(3, 6, 12, 24),
        fc.constantFrom(0, 1, 3, 6, 12),
        (start, termCount, renewalMonths) => {
          const renewals =
            renewalMonths === 0 ? [] : [{ unit: 'month' as const, count: renewalMonths, rentMinor: 26_900 }];
          const schedule = buildRentSchedule({
            plan: { ...twelveMonths, termCount },
            startDate: start,
            addOns: [],
            renewals,
          });
          const months = termCount + renewalMonths;
          expect(schedule).toHaveLength(months);
          expect(schedule.reduce((days, p) => days + p.days, 0)).toBe(diffDays(start, monthlyDueDate(start, months)));
          for (const [k, p] of schedule.entries()) {
            expect(p.days).toBeGreaterThanOrEqual(28);
            expect(p.days).toBeLessThanOrEqual(31);
            expect(p.dueDate).toBe(monthlyDueDate(start, k));
            const next = schedule[k + 1];
            if (next) expect(addDays(p.periodEnd, 1)).toBe(next.periodStart);
          }
        },
      ),
    );
  });
});
