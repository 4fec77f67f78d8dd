import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AssertionError } from './assert';
import { FixedClock } from './clock';
import {
  addDays,
  addMonths,
  businessDateOf,
  compareDates,
  dayOf,
  daysInMonth,
  diffDays,
  isBusinessDate,
  isValidTimeZone,
  localDateTimeOf,
  monthlyDueDate,
  parseBusinessDate,
  startOfDayInstant,
  today,
} from './dates';

const SHANGHAI = 'Asia/Shanghai';

/** Any business date from 1900 to 2100, built from a day offset so every generated value is valid. */
const anyDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 })
  .map((dayNumber) => new Date(dayNumber * 86_400_000).toISOString().slice(0, 10));

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The last four days and the first day of a month, where month arithmetic clamps and rolls over. */
const monthEdgeDate = fc
  .record({
    year: fc.integer({ min: 1900, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    fromEnd: fc.integer({ min: -1, max: 3 }),
  })
  .map(({ year, month, fromEnd }) =>
    fromEnd < 0 ? `${year}-${pad2(month)}-01` : `${year}-${pad2(month)}-${pad2(daysInMonth(year, month) - fromEnd)}`,
  );

/** 29 February of a leap year (2000 included, 1900 and 2100 are not leap years). */
const leapDay = fc
  .integer({ min: 1900 / 4, max: 2100 / 4 })
  .map((q) => q * 4)
  .filter((year) => year % 100 !== 0 || year % 400 === 0)
  .map((year) => `${year}-02-29`);

/** Business dates that reach month ends, month starts and 29 February on purpose, not by chance (issue #19). */
const businessDate = fc.oneof(
  { arbitrary: anyDate, weight: 2 },
  { arbitrary: monthEdgeDate, weight: 2 },
  { arbitrary: leapDay, weight: 1 },
);

describe('the business-date generator', () => {
  test('reaches month ends and 29 February on purpose', () => {
    const sample = fc.sample(businessDate, { numRuns: 400, seed: 19 });
    expect(sample.every((d) => isBusinessDate(d))).toBe(true);
    const atMonthEnd = sample.filter((d) => Number(d.slice(8)) === daysInMonth(...yearMonthOf(d))).length;
    const leapDays = sample.filter((d) => d.slice(5) === '02-29').length;
    // A uniform draw gives about 1 in 30 month ends and 1 in 1,461 leap days.
    expect(atMonthEnd).toBeGreaterThan(400 * 0.15);
    expect(leapDays).toBeGreaterThan(400 * 0.1);
  });
});

function yearMonthOf(d: string): [number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
}

describe('isBusinessDate and parseBusinessDate', () => {
  test('accept real calendar dates only', () => {
    expect(isBusinessDate('2026-02-28')).toBe(true);
    expect(isBusinessDate('2028-02-29')).toBe(true);
    expect(isBusinessDate('2000-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10']) {
      expect(isBusinessDate(bad)).toBe(false);
    }
    for (const bad of ['2026-1-01', '2026-01-1', '26-01-01', '2026/01/01', '2026-01-01T00:00', '0999-12-31', '']) {
      expect(isBusinessDate(bad)).toBe(false);
    }
    expect(isBusinessDate(20260101)).toBe(false);
    expect(isBusinessDate(null)).toBe(false);
  });

  test('parseBusinessDate passes a valid date through', () => {
    expect(parseBusinessDate('2026-01-15')).toBe('2026-01-15');
  });

  test.each(['2026-02-30', '2026-02-29', 'tomorrow', '', 42])('parseBusinessDate(%j) is VALIDATION_FAILED', (bad) => {
    expect(() => parseBusinessDate(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', status: 422 }));
  });

  test('an invalid date inside the system is a programmer error', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(AssertionError);
    expect(() => dayOf('2026/01/15')).toThrow(AssertionError);
  });
});

describe('daysInMonth', () => {
  test('knows February in leap and common years', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('businessDateOf and today', () => {
  test('16:30 UTC on the 14th is already the 15th in Shanghai', () => {
    expect(businessDateOf(new Date('2026-01-14T16:30:00Z'), SHANGHAI)).toBe('2026-01-15');
    expect(businessDateOf(new Date('2026-01-14T15:59:59.999Z'), SHANGHAI)).toBe('2026-01-14');
    expect(businessDateOf(new Date('2026-01-14T16:30:00Z'), 'UTC')).toBe('2026-01-14');
    expect(businessDateOf(new Date('2026-01-15T03:00:00Z'), 'America/New_York')).toBe('2026-01-14');
  });

  test('today reads the injected clock', () => {
    expect(today(new FixedClock('2026-01-14T16:30:00Z'), SHANGHAI)).toBe('2026-01-15');
  });

  test('an unknown zone or an invalid instant is a programmer error', () => {
    expect(() => businessDateOf(new Date(), 'Mars/Olympus_Mons')).toThrow(AssertionError);
    expect(() => businessDateOf(new Date(Number.NaN), SHANGHAI)).toThrow(AssertionError);
  });
});

describe('isValidTimeZone', () => {
  test('accepts IANA zones and rejects anything else', () => {
    expect(isValidTimeZone(SHANGHAI)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('addDays, diffDays and compareDates', () => {
  test('cross month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-01-15', 0)).toBe('2026-01-15');
  });

  test('count days between dates', () => {
    expect(diffDays('2026-01-01', '2026-03-01')).toBe(59);
    expect(diffDays('2028-01-01', '2028-03-01')).toBe(60);
    expect(diffDays('2026-03-01', '2026-01-01')).toBe(-59);
  });

  test('order dates', () => {
    expect(compareDates('2026-01-15', '2026-02-01')).toBe(-1);
    expect(compareDates('2026-02-01', '2026-01-15')).toBe(1);
    expect(compareDates('2026-01-15', '2026-01-15')).toBe(0);
  });

  test('addDays and diffDays are inverses', () => {
    fc.assert(
      fc.property(businessDate, fc.integer({ min: -36_500, max: 36_500 }), (d, n) => {
        const later = addDays(d, n);
        expect(diffDays(d, later)).toBe(n);
        expect(addDays(later, -n)).toBe(d);
        expect(compareDates(later, d)).toBe(Math.sign(n) + 0);
      }),
    );
  });

  test('compareDates agrees with comparing the strings', () => {
    fc.assert(
      fc.property(businessDate, businessDate, (a, b) => {
        expect(compareDates(a, b)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});

describe('addMonths', () => {
  test('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  test('returns to the anchor day when the month is long enough', () => {
    expect(addMonths('2026-02-28', 1, 31)).toBe('2026-03-31');
    expect(addMonths('2026-02-28', 1)).toBe('2026-03-28');
  });

  test('crosses years both ways', () => {
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2026-01-15', 0)).toBe('2026-01-15');
  });

  test('refuses an anchor outside 1–31', () => {
    expect(() => addMonths('2026-01-15', 1, 0)).toThrow(AssertionError);
    expect(() => addMonths('2026-01-15', 1, 32)).toThrow(AssertionError);
  });

  test('moves exactly n months and changes the day only by clamping to the month end', () => {
    fc.assert(
      fc.property(businessDate, fc.integer({ min: -1200, max: 1200 }), (d, n) => {
        const moved = addMonths(d, n);
        const [year, month] = yearMonthOf(d);
        const [movedYear, movedMonth] = yearMonthOf(moved);
        expect(movedYear * 12 + movedMonth - (year * 12 + month)).toBe(n);
        expect(dayOf(moved)).toBe(Math.min(dayOf(d), daysInMonth(movedYear, movedMonth)));
      }),
    );
  });
});

describe('monthlyDueDate', () => {
  test('a schedule from the 31st keeps coming back to the 31st', () => {
    const dueDates = [0, 1, 2, 3, 4, 12, 13].map((k) => monthlyDueDate('2026-01-31', k));
    expect(dueDates).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2027-01-31',
      '2027-02-28',
    ]);
  });

  test('rent anchored on the 15th falls on the 15th', () => {
    expect(monthlyDueDate('2026-01-15', 1)).toBe('2026-02-15');
    expect(monthlyDueDate('2026-01-15', 12)).toBe('2027-01-15');
  });

  test("the k-th due date falls on min(anchor, the month's length)", () => {
    fc.assert(
      fc.property(businessDate, fc.integer({ min: 0, max: 120 }), (start, k) => {
        const due = monthlyDueDate(start, k);
        const [year, month] = yearMonthOf(due);
        expect(dayOf(due)).toBe(Math.min(dayOf(start), daysInMonth(year, month)));
        expect(due).toBe(addMonths(start, k, dayOf(start)));
      }),
    );
  });
});

describe('startOfDayInstant', () => {
  test('midnight in Shanghai is 16:00 UTC the day before', () => {
    expect(startOfDayInstant('2026-01-15', SHANGHAI).toISOString()).toBe('2026-01-14T16:00:00.000Z');
    expect(startOfDayInstant('2026-01-15', 'Asia/Kolkata').toISOString()).toBe('2026-01-14T18:30:00.000Z');
    expect(startOfDayInstant('2026-01-15', 'UTC').toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });

  test('follows daylight saving time', () => {
    expect(startOfDayInstant('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDayInstant('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  test('where DST skipped midnight, the day starts at the first local time that existed', () => {
    // Brazil moved its clocks from 00:00 to 01:00 on 2018-11-04.
    expect(startOfDayInstant('2018-11-04', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:00:00.000Z');
  });

  test('a date the zone skipped starts where the next date starts', () => {
    // Samoa crossed the date line: 2011-12-29 23:59:59 was followed by 2011-12-31 00:00:00.
    const start = startOfDayInstant('2011-12-30', 'Pacific/Apia');
    expect(start.toISOString()).toBe('2011-12-30T10:00:00.000Z');
    expect(businessDateOf(start, 'Pacific/Apia')).toBe('2011-12-31');
  });

  const zones = [
    SHANGHAI,
    'UTC',
    'America/New_York',
    'Europe/London',
    'America/Sao_Paulo',
    'America/Santiago',
    'America/Havana',
    'Asia/Beirut',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Asia/Tehran',
    'Africa/Casablanca',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'America/St_Johns',
    'Pacific/Pago_Pago',
  ];

  test('is the first instant whose business date is d, in many zones', () => {
    fc.assert(
      fc.property(businessDate, fc.constantFrom(...zones), (d, zone) => {
        const start = startOfDayInstant(d, zone);
        expect(businessDateOf(start, zone)).toBe(d);
        expect(businessDateOf(new Date(start.getTime() - 1), zone)).toBe(addDays(d, -1));
      }),
      { numRuns: 1000 },
    );
  });

  test('in zones that skipped whole dates, starts on or after the date and right after the previous one', () => {
    fc.assert(
      fc.property(
        businessDate,
        fc.constantFrom('Pacific/Apia', 'Pacific/Kiritimati', 'Pacific/Kwajalein'),
        (d, zone) => {
          const start = startOfDayInstant(d, zone);
          expect(compareDates(businessDateOf(start, zone), d)).toBeGreaterThanOrEqual(0);
          expect(compareDates(businessDateOf(new Date(start.getTime() - 1), zone), d)).toBe(-1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('edges of the supported calendar (issue #19 mutation survivors)', () => {
  test('daysInMonth takes months 1 to 12 only', () => {
    expect(daysInMonth(2024, 1)).toBe(31);
    expect(daysInMonth(2024, 12)).toBe(31);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    for (const month of [0, 13, 1.5, -1, Number.NaN]) {
      expect(() => daysInMonth(2024, month)).toThrow(AssertionError);
    }
  });

  test('dates run from 1000-01-01 to 9999-12-31, both ends included', () => {
    expect(isBusinessDate('1000-01-01')).toBe(true);
    expect(isBusinessDate('0999-12-31')).toBe(false);
    expect(isBusinessDate('9999-12-31')).toBe(true);
    expect(addDays('1000-01-02', -1)).toBe('1000-01-01');
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(() => addDays('1000-01-01', -1)).toThrow(AssertionError);
    expect(() => addDays('9999-12-31', 1)).toThrow(AssertionError);
    expect(addMonths('1000-02-28', -1)).toBe('1000-01-28');
    expect(addMonths('9999-11-30', 1)).toBe('9999-12-30');
    expect(() => addMonths('1000-01-31', -1)).toThrow(AssertionError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(AssertionError);
  });

  test('a date is exactly YYYY-MM-DD of a day that exists, and only a string', () => {
    expect(isBusinessDate('2023-02-29')).toBe(false);
    expect(isBusinessDate('2024-02-29')).toBe(true);
    expect(isBusinessDate('2024-04-31')).toBe(false);
    expect(isBusinessDate('2024-04-00')).toBe(false);
    expect(isBusinessDate('x2024-01-01')).toBe(false);
    expect(isBusinessDate('2024-01-01x')).toBe(false);
    expect(isBusinessDate(20240101)).toBe(false);
    expect(isBusinessDate(['2024-01-01'])).toBe(false);
    expect(isBusinessDate(null)).toBe(false);
  });

  test('the error for a bad date names what came in, cut to 40 characters', () => {
    const long = `2024-01-01${'9'.repeat(200)}`;
    try {
      parseBusinessDate(long);
      expect.unreachable();
    } catch (error) {
      const detail = (error as { detail?: string }).detail ?? '';
      expect(detail).toContain(`"${long.slice(0, 40)}"`);
      expect(detail).not.toContain(long.slice(0, 41));
    }
    try {
      parseBusinessDate(42);
      expect.unreachable();
    } catch (error) {
      expect((error as { detail?: string }).detail).toMatch(/got number$/);
    }
  });

  test('compareDates orders by calendar day', () => {
    expect(compareDates('2024-02-29', '2024-03-01')).toBe(-1);
    expect(compareDates('2024-03-01', '2024-02-29')).toBe(1);
    expect(compareDates('2024-02-29', '2024-02-29')).toBe(0);
  });

  test('instants have a date only between 1000-01-02 and 9999-12-30 UTC (any zone stays in range)', () => {
    const min = Date.UTC(1000, 0, 2);
    const max = Date.UTC(9999, 11, 30);
    expect(businessDateOf(new Date(min), 'UTC')).toBe('1000-01-02');
    expect(businessDateOf(new Date(max - 1), 'UTC')).toBe('9999-12-29');
    expect(() => businessDateOf(new Date(min - 1), 'UTC')).toThrow(AssertionError);
    expect(() => businessDateOf(new Date(max), 'UTC')).toThrow(AssertionError);
    expect(() => businessDateOf(new Date(Number.NaN), 'UTC')).toThrow(AssertionError);
  });

  test('startOfDayInstant is local midnight on both sides of UTC', () => {
    expect(startOfDayInstant('2026-01-15', SHANGHAI).toISOString()).toBe('2026-01-14T16:00:00.000Z');
    expect(startOfDayInstant('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(startOfDayInstant('2026-07-15', 'America/New_York').toISOString()).toBe('2026-07-15T04:00:00.000Z');
    expect(startOfDayInstant('2026-01-15', 'Pacific/Kiritimati').toISOString()).toBe('2026-01-14T10:00:00.000Z');
  });

  test('isValidTimeZone refuses the empty string and non-strings', () => {
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
    expect(isValidTimeZone(8 as unknown as string)).toBe(false);
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
  });
});

describe('localDateTimeOf', () => {
  test('the wall-clock time of the zone with its offset, never UTC', () => {
    expect(localDateTimeOf(new Date('2026-01-14T16:30:05.900Z'), SHANGHAI)).toBe('2026-01-15 00:30:05 +08:00');
    expect(localDateTimeOf(new Date('2026-01-14T16:30:05Z'), 'UTC')).toBe('2026-01-14 16:30:05 +00:00');
    // New York in July (daylight time) and in January, and a half-hour zone.
    expect(localDateTimeOf(new Date('2026-07-01T03:00:00Z'), 'America/New_York')).toBe('2026-06-30 23:00:00 -04:00');
    expect(localDateTimeOf(new Date('2026-01-01T03:00:00Z'), 'America/New_York')).toBe('2025-12-31 22:00:00 -05:00');
    expect(localDateTimeOf(new Date('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-01 05:30:00 +05:30');
    expect(() => localDateTimeOf(new Date(), 'Mars/Olympus')).toThrow(AssertionError);
  });
});
