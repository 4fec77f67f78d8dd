import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { additionalFaultCredits, faultCredits, faultInterval, rentedFaultInterval } from './fault-credit';
import { RentalLimits } from './limits';
import type { RentalPlanTerms } from './plan-terms';
import { buildRentSchedule, type RentPeriod } from './rent-schedule';

const plan12: RentalPlanTerms = {
  termUnit: 'month',
  termCount: 12,
  rentMinor: 29_900,
  depositMinor: 799_900,
  buyoutAtEndMinor: 160_000,
  upfrontPeriods: 1,
  addOns: [],
  renewalRentMinor: 26_900,
};
// Periods: 01-31..02-27 (28 days), 02-28..03-30 (31 days), 03-31..04-29 (30 days) …
const schedule = buildRentSchedule({ plan: plan12, startDate: '2027-01-31', addOns: [] });

describe('no rent on fault days', () => {
  it('counts from the day of the report to the day a working phone is signed for, both included', () => {
    expect(faultInterval({ reportedOn: '2027-03-10', workingPhoneOn: '2027-03-13' })).toEqual({
      from: '2027-03-10',
      to: '2027-03-13',
    });
  });

  it('credits 4 of 31 days of a ¥299 period: 29900 × 4 / 31 = 3858.06 → ¥38.58', () => {
    const result = faultCredits({
      schedule,
      faults: [faultInterval({ reportedOn: '2027-03-10', workingPhoneOn: '2027-03-13' })],
    });
    expect(result.credits).toEqual([
      { period: 2, periodDays: 31, faultDays: 4, rentMinor: 29_900, creditMinor: 3_858 },
    ]);
    expect(result.totalCreditMinor).toBe(3_858);
  });

  it('an exact half 分 rounds up: 1 of 30 days of ¥99.15 is 9915 / 30 = 330.5 → ¥3.31', () => {
    const cheap = buildRentSchedule({ plan: { ...plan12, rentMinor: 9_915 }, startDate: '2027-01-31', addOns: [] });
    const result = faultCredits({
      schedule: cheap,
      faults: [faultInterval({ reportedOn: '2027-04-10', workingPhoneOn: '2027-04-10' })],
    });
    expect(result.credits).toEqual([{ period: 3, periodDays: 30, faultDays: 1, rentMinor: 9_915, creditMinor: 331 }]);
  });

  it('splits a fault across two periods on each period’s own days', () => {
    // 02-25..03-02: 3 days of the 28-day period 1 and 3 days of the 31-day period 2.
    const result = faultCredits({ schedule, faults: [{ from: '2027-02-25', to: '2027-03-02' }] });
    expect(result.credits.map((c) => [c.period, c.faultDays, c.periodDays, c.creditMinor])).toEqual([
      [1, 3, 28, 3_204], // 3203.57
      [2, 3, 31, 2_894], // 2893.55
    ]);
    expect(result.totalCreditMinor).toBe(6_098);
  });

  it('rounds half-up: 29918 × 1 / 28 = 1068.5 → 1069', () => {
    const odd = buildRentSchedule({ plan: { ...plan12, rentMinor: 29_918 }, startDate: '2027-01-31', addOns: [] });
    expect(faultCredits({ schedule: odd, faults: [{ from: '2027-02-01', to: '2027-02-01' }] }).totalCreditMinor).toBe(
      1_069,
    );
  });

  it('credits a whole period without a phone with its whole rent, and counts overlapping reports once', () => {
    const result = faultCredits({
      schedule,
      faults: [
        { from: '2027-02-20', to: '2027-04-05' },
        { from: '2027-03-01', to: '2027-03-05' },
      ],
    });
    expect(result.credits.map((c) => [c.period, c.faultDays, c.creditMinor])).toEqual([
      [1, 8, 8_543], // 29900 × 8 / 28 = 8542.86
      [2, 31, 29_900],
      [3, 6, 5_980], // 29900 × 6 / 30
    ]);
  });

  it('ignores days outside the rent (the delivery day, after the end)', () => {
    expect(faultCredits({ schedule, faults: [{ from: '2027-01-29', to: '2027-01-30' }] }).totalCreditMinor).toBe(0);
    expect(faultCredits({ schedule, faults: [{ from: '2028-01-31', to: '2028-02-10' }] }).totalCreditMinor).toBe(0);
  });

  it('takes a phone fixed on the day of its report as one day, and refuses a phone back before the report', () => {
    expect(faultInterval({ reportedOn: '2027-03-10', workingPhoneOn: '2027-03-10' })).toEqual({
      from: '2027-03-10',
      to: '2027-03-10',
    });
    expect(() => faultInterval({ reportedOn: '2027-03-10', workingPhoneOn: '2027-03-09' })).toThrow(
      'a phone comes back after the fault is reported',
    );
    expect(() => faultInterval({ reportedOn: '2027-02-30', workingPhoneOn: '2027-03-09' })).toThrow(
      'reportedOn must be a business date',
    );
    expect(() => faultInterval({ reportedOn: '2027-03-01', workingPhoneOn: '2027-3-9' })).toThrow(
      'workingPhoneOn must be a business date',
    );
  });

  it('counts a fault reported on the day of delivery from the rent’s start, and none when the phone was back before it', () => {
    // Delivered (and the fault reported) on 01-30; the rent starts 01-31: the free delivery day is not credited.
    expect(
      rentedFaultInterval({ reportedOn: '2027-01-30', workingPhoneOn: '2027-02-02', rentStartDate: '2027-01-31' }),
    ).toEqual({ from: '2027-01-31', to: '2027-02-02' });
    // A working phone signed for on the first rent day: that one day.
    expect(
      rentedFaultInterval({ reportedOn: '2027-01-30', workingPhoneOn: '2027-01-31', rentStartDate: '2027-01-31' }),
    ).toEqual({ from: '2027-01-31', to: '2027-01-31' });
    // Back before the rent began: nothing to credit.
    expect(
      rentedFaultInterval({ reportedOn: '2027-01-29', workingPhoneOn: '2027-01-30', rentStartDate: '2027-01-31' }),
    ).toBeNull();
    // Reported during the rent, or before a rent start is known: from the report.
    expect(
      rentedFaultInterval({ reportedOn: '2027-03-10', workingPhoneOn: '2027-03-13', rentStartDate: '2027-01-31' }),
    ).toEqual({ from: '2027-03-10', to: '2027-03-13' });
    expect(
      rentedFaultInterval({ reportedOn: '2027-03-10', workingPhoneOn: '2027-03-13', rentStartDate: null }),
    ).toEqual({ from: '2027-03-10', to: '2027-03-13' });
  });

  it('refuses fault days that are not dates or run backwards, and more faults than an order can have', () => {
    expect(() => faultCredits({ schedule, faults: [{ from: '2027-03-05', to: '2027-03-01' }] })).toThrow(
      'a fault ends on or after its start: 2027-03-05..2027-03-01',
    );
    expect(() => faultCredits({ schedule, faults: [{ from: '2027-03-05', to: 'soon' }] })).toThrow(
      'fault days are business dates',
    );
    const day = { from: '2027-03-05', to: '2027-03-05' };
    const most = Array.from({ length: RentalLimits.faultIntervalsMax }, () => day);
    expect(faultCredits({ schedule, faults: most }).totalCreditMinor).toBe(965); // 29900 / 31 = 964.52
    expect(() => faultCredits({ schedule, faults: [...most, day] })).toThrow(
      `at most ${RentalLimits.faultIntervalsMax} faults`,
    );
  });

  it('gives a later fault the days of its own period, not of another period an earlier fault touched', () => {
    // Earlier fault 02-27..03-03: 1 day of period 1 (¥10.68) and 02-28..03-03, 4 days of period 2 (¥38.58).
    // Later fault 03-03..03-05: period 2 now has 6 days (¥57.87), so 2 new days and 5787 − 3858 = 1929.
    const a = { from: '2027-02-27', to: '2027-03-03' };
    const first = faultCredits({ schedule, faults: [a] });
    expect(first.credits.map((c) => [c.period, c.faultDays, c.creditMinor])).toEqual([
      [1, 1, 1_068],
      [2, 4, 3_858],
    ]);
    const b = additionalFaultCredits({
      schedule,
      earlier: [{ interval: a, credits: first.credits }],
      fault: { from: '2027-03-03', to: '2027-03-05' },
    });
    expect(b.credits).toEqual([{ period: 2, periodDays: 31, faultDays: 2, rentMinor: 29_900, creditMinor: 1_929 }]);
    expect(b.faultDays).toBe(2);
  });

  it('keeps a new fault day worth less than a fen, and makes up an earlier credit that was short', () => {
    // ¥0.10 a period: one day of 31 is worth 0.32 分 → 0, yet the day is a fault day of the order.
    const cheap = buildRentSchedule({ plan: { ...plan12, rentMinor: 10 }, startDate: '2027-01-31', addOns: [] });
    const tiny = additionalFaultCredits({
      schedule: cheap,
      earlier: [],
      fault: { from: '2027-03-10', to: '2027-03-10' },
    });
    expect(tiny.credits).toEqual([{ period: 2, periodDays: 31, faultDays: 1, rentMinor: 10, creditMinor: 0 }]);
    // An earlier fault given ¥30.00 where its 4 days are worth ¥38.58: a fault within it brings no new
    // day but the ¥8.58 still owed for that period.
    const a = { from: '2027-03-10', to: '2027-03-13' };
    const inside = additionalFaultCredits({
      schedule,
      earlier: [{ interval: a, credits: [{ period: 2, creditMinor: 3_000 }] }],
      fault: { from: '2027-03-11', to: '2027-03-12' },
    });
    expect(inside.credits).toEqual([{ period: 2, periodDays: 31, faultDays: 0, rentMinor: 29_900, creditMinor: 858 }]);
    expect(inside.faultDays).toBe(0);
  });

  const startDate = fc.constantFrom('2027-01-31', '2028-01-31', '2028-02-29', '2027-12-31', '2027-06-15');
  const rent = fc.oneof(fc.constantFrom(1, 2, 100_000_000), fc.integer({ min: 1, max: 100_000_000 }));
  const fault = fc.record({ start: fc.integer({ min: -5, max: 400 }), length: fc.integer({ min: 0, max: 60 }) });

  it('credits between nothing and the period’s rent, and the whole rent for a whole period', () => {
    fc.assert(
      fc.property(startDate, rent, fc.array(fault, { maxLength: 6 }), (start, rentMinor, raw) => {
        const periods: RentPeriod[] = buildRentSchedule({
          plan: { ...plan12, rentMinor },
          startDate: start,
          addOns: [],
        });
        const base = Date.parse(`${start}T00:00:00Z`);
        const day = (n: number) => new Date(base + n * 86_400_000).toISOString().slice(0, 10);
        const faults = raw.map((f) => ({ from: day(f.start), to: day(f.start + f.length) }));
        const { credits, totalCreditMinor } = faultCredits({ schedule: periods, faults });
        for (const c of credits) {
          expect(Number.isSafeInteger(c.creditMinor)).toBe(true);
          expect(c.creditMinor).toBeGreaterThanOrEqual(0);
          expect(c.creditMinor).toBeLessThanOrEqual(c.rentMinor);
          if (c.faultDays === c.periodDays) expect(c.creditMinor).toBe(c.rentMinor);
        }
        expect(totalCreditMinor).toBe(credits.reduce((s, c) => s + c.creditMinor, 0));
        const whole = periods[1];
        if (whole) {
          const full = faultCredits({ schedule: periods, faults: [{ from: whole.periodStart, to: whole.periodEnd }] });
          expect(full.credits).toEqual([
            { period: 2, periodDays: whole.days, faultDays: whole.days, rentMinor, creditMinor: rentMinor },
          ]);
        }
      }),
    );
  });

  it('credits a day already credited to an earlier fault of the order only once', () => {
    // Fault A 03-10..03-13 (4 days of the 31-day period 2, credited ¥38.58); fault B reported on 03-13, the
    // day A's phone was signed for, until 03-15: only 03-14 and 03-15 are new.
    // Both: 6 days → 29900 × 6 / 31 = 5787.10 → 5,787; B gets 5,787 − 3,858 = 1,929 (not 4 days' 3,858).
    const a = faultInterval({ reportedOn: '2027-03-10', workingPhoneOn: '2027-03-13' });
    const first = faultCredits({ schedule, faults: [a] });
    const b = additionalFaultCredits({
      schedule,
      earlier: [{ interval: a, credits: first.credits }],
      fault: faultInterval({ reportedOn: '2027-03-13', workingPhoneOn: '2027-03-15' }),
    });
    expect(b.faultDays).toBe(2);
    expect(b.credits).toEqual([{ period: 2, periodDays: 31, faultDays: 2, rentMinor: 29_900, creditMinor: 1_929 }]);
    expect(b.totalCreditMinor).toBe(1_929);
    expect(first.totalCreditMinor + b.totalCreditMinor).toBe(
      faultCredits({ schedule, faults: [a, { from: '2027-03-13', to: '2027-03-15' }] }).totalCreditMinor,
    );
    // A fault wholly inside an earlier one credits nothing more.
    const inside = additionalFaultCredits({
      schedule,
      earlier: [{ interval: a, credits: first.credits }],
      fault: faultInterval({ reportedOn: '2027-03-11', workingPhoneOn: '2027-03-12' }),
    });
    expect(inside).toEqual({ credits: [], totalCreditMinor: 0, faultDays: 0 });
  });

  it('never credits a day twice however the faults of an order overlap', () => {
    const start = '2027-01-31';
    const base = Date.parse(`${start}T00:00:00Z`);
    const day = (n: number) => new Date(base + n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.array(fault, { minLength: 1, maxLength: 6 }), (raw) => {
        const intervals = raw.map((f) => ({ from: day(f.start), to: day(f.start + f.length) }));
        const earlier: {
          interval: { from: string; to: string };
          credits: { period: number; creditMinor: number }[];
        }[] = [];
        let total = 0;
        for (const interval of intervals) {
          const more = additionalFaultCredits({ schedule, earlier, fault: interval });
          for (const c of more.credits) expect(c.creditMinor).toBeGreaterThanOrEqual(0);
          total += more.totalCreditMinor;
          earlier.push({ interval, credits: more.credits });
        }
        // The faults credited one by one add up to the days of all of them counted once.
        expect(total).toBe(faultCredits({ schedule, faults: intervals }).totalCreditMinor);
      }),
    );
  });
});
