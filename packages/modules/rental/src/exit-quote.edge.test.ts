// The exit quotes' shared rules at their edges: the validity cutoff at its exact instant, local times
// on the days the clocks change, the checks a quote passes before it leaves, and the fault-credit line.
import { isAppError } from '@zulin/kernel';
import { describe, expect, it } from 'vitest';
import {
  type ExitQuote,
  exitQuoteValidUntil,
  isoInZone,
  isQuoteValid,
  lessFaultCredit,
  localInstant,
  type RentalAgreement,
  remainingPeriods,
  sealQuote,
} from './exit-quote';
import type { RentalPlanTerms } from './plan-terms';

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
const agreement = (more: Partial<RentalAgreement> = {}): RentalAgreement => ({
  plan: plan12,
  addOns: [],
  startDate: '2027-01-31',
  renewals: [],
  periodsPaid: 1,
  ...more,
});

describe('local times on the days the clocks change', () => {
  it('finds 23:30 on a 23-hour day (New York springs forward on 2027-03-14) on that day, not two days later', () => {
    // 23:30 EDT (−04:00) is 03:30 UTC the next morning.
    expect(localInstant('2027-03-14', 23 * 60 + 30, 'America/New_York').toISOString()).toBe('2027-03-15T03:30:00.000Z');
    expect(localInstant('2027-03-14', 23 * 60, 'America/New_York').toISOString()).toBe('2027-03-15T03:00:00.000Z');
    // Before the change the day runs on EST (−05:00); 24:00 is the next midnight (EDT).
    expect(localInstant('2027-03-14', 60, 'America/New_York').toISOString()).toBe('2027-03-14T06:00:00.000Z');
    expect(localInstant('2027-03-14', 24 * 60, 'America/New_York').toISOString()).toBe('2027-03-15T04:00:00.000Z');
  });

  it('finds 23:30 on a 25-hour day (falls back on 2027-11-07) on EST, and any time on a day without a change', () => {
    expect(localInstant('2027-11-07', 23 * 60 + 30, 'America/New_York').toISOString()).toBe('2027-11-08T04:30:00.000Z');
    expect(localInstant('2027-06-15', 18 * 60, 'Asia/Shanghai').toISOString()).toBe('2027-06-15T10:00:00.000Z');
    expect(localInstant('2027-06-15', 18 * 60 + 45, 'UTC').toISOString()).toBe('2027-06-15T18:45:00.000Z');
  });

  it('writes an instant with its zone’s offset, seconds included', () => {
    expect(isoInZone(new Date('2027-03-15T03:30:07Z'), 'America/New_York')).toBe('2027-03-14T23:30:07-04:00');
    expect(isoInZone(new Date('2027-06-15T10:00:59Z'), 'Asia/Shanghai')).toBe('2027-06-15T18:00:59+08:00');
    expect(isoInZone(new Date('2027-06-15T10:00:00Z'), 'UTC')).toBe('2027-06-15T10:00:00+00:00');
    expect(isoInZone(new Date('2027-06-15T10:00:00Z'), 'Asia/Kolkata')).toBe('2027-06-15T15:30:00+05:30');
  });
});

describe('quote validity at its edge', () => {
  const validity = { mode: 'end_of_business_day' as const, endOfBusinessDay: '18:00' };
  it('asked at 18:00 exactly, a quote lasts to midnight; at 17:59:59 to 18:00', () => {
    const cutoff = new Date('2027-06-15T10:00:00Z'); // 18:00 in Shanghai
    expect(isoInZone(exitQuoteValidUntil({ now: cutoff, timeZone: 'Asia/Shanghai', validity }), 'Asia/Shanghai')).toBe(
      '2027-06-16T00:00:00+08:00',
    );
    const before = new Date(cutoff.getTime() - 1000);
    expect(exitQuoteValidUntil({ now: before, timeZone: 'Asia/Shanghai', validity }).toISOString()).toBe(
      '2027-06-15T10:00:00.000Z',
    );
  });

  it('is valid until the instant before validUntil', () => {
    const quote = { validUntil: '2027-06-15T18:00:00+08:00' };
    expect(isQuoteValid(quote, new Date('2027-06-15T09:59:59.999Z'))).toBe(true);
    expect(isQuoteValid(quote, new Date('2027-06-15T10:00:00.000Z'))).toBe(false);
  });
});

describe('remaining periods', () => {
  it('refuses an exit before the rent starts, naming the start', () => {
    try {
      remainingPeriods(agreement(), '2027-01-30');
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && [e.code, e.detail]).toEqual(['RENTAL_NOT_STARTED', 'Rent starts on 2027-01-31.']);
    }
    // On the first day of rent: periods 2 to 12 remain (period 1 has begun and is paid).
    expect(remainingPeriods(agreement(), '2027-01-31').map((p) => p.period)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });

  it('checks its inputs by name', () => {
    expect(() => remainingPeriods(agreement(), '2027-02-30')).toThrow('asOf must be a business date: 2027-02-30');
    expect(() => remainingPeriods(agreement({ periodsPaid: 1.5 }), '2027-03-01')).toThrow(
      'periodsPaid must be an integer',
    );
    expect(() => remainingPeriods(agreement({ periodsPaid: -1 }), '2027-03-01')).toThrow(
      'periodsPaid must not be negative',
    );
    expect(() => remainingPeriods(agreement({ periodsPaid: 13 }), '2027-03-01')).toThrow(
      'periodsPaid must not exceed the schedule',
    );
    expect(remainingPeriods(agreement({ periodsPaid: 12 }), '2027-03-01')).toEqual([]);
  });
});

describe('the fault credit line and the seal', () => {
  const priced = {
    lines: [{ code: 'remaining_rent', label: { 'zh-CN': '剩余租金', en: 'Rent' }, amountMinor: 10_000 }],
    amountMinor: 10_000,
  };

  it('takes the credit off as a named negative line, at most the amount', () => {
    const less = lessFaultCredit(agreement({ faultCreditMinor: 3_858 }), priced);
    expect(less.lines.at(-1)).toEqual({
      code: 'fault_credit',
      label: { 'zh-CN': '故障停机抵扣', en: 'Fault credit (days without a phone)' },
      amountMinor: -3_858,
    });
    expect([less.amountMinor, less.faultCreditMinor]).toEqual([6_142, 3_858]);
    expect(lessFaultCredit(agreement({ faultCreditMinor: 12_000 }), priced).amountMinor).toBe(0);
    expect(lessFaultCredit(agreement(), priced)).toEqual({ ...priced, faultCreditMinor: 0 });
  });

  it('refuses a negative or fractional credit', () => {
    for (const faultCreditMinor of [-1, 0.5]) {
      expect(() => lessFaultCredit(agreement({ faultCreditMinor }), priced)).toThrow(
        'a fault credit is a non-negative integer',
      );
    }
  });

  it('seals only a quote of whole fen, not negative, whose lines add up', () => {
    const quote: ExitQuote = {
      kind: 'early_return',
      amountMinor: 10_000,
      lines: priced.lines,
      formula: { 'zh-CN': '', en: '' },
      inputs: {},
      asOf: '2027-03-01',
      validUntil: '2027-03-02T00:00:00+08:00',
    };
    expect(Object.isFrozen(sealQuote({ ...quote }))).toBe(true);
    expect(() => sealQuote({ ...quote, amountMinor: 100.5 })).toThrow('a quote amount is an integer');
    expect(() => sealQuote({ ...quote, amountMinor: -1, lines: [{ ...priced.lines[0]!, amountMinor: -1 }] })).toThrow(
      'a quote amount is never negative',
    );
    expect(() => sealQuote({ ...quote, amountMinor: 9_999 })).toThrow('quote lines add up to the amount');
  });
});
