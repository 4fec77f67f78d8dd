// The phone's zone must not move what the app shows (#18): these tests run on a Los Angeles clock,
// where 16:30 UTC on 6 December is still 6 December, 08:30. Node reads TZ again when it changes; the
// worker runs other files after this one (isolate: false), so the zone is put back afterwards.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  BUSINESS_TIME_ZONE,
  businessDateOf,
  formatDate,
  formatDayWords,
  formatInstant,
  formatInstantDate,
  formatInstantTime,
  formatMonth,
} from './time-format';

const LATE_EVENING_UTC = '2026-12-06T16:30:00Z';

// The app's tsconfig has no Node types: the process is reached through globalThis.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

describe('time-format on a phone set to America/Los_Angeles', () => {
  const before = env.TZ;
  beforeAll(() => {
    env.TZ = 'America/Los_Angeles';
  });
  afterAll(() => {
    if (before === undefined) delete env.TZ;
    else env.TZ = before;
  });

  test('the test really runs on another zone than the business one', () => {
    const local = new Date(LATE_EVENING_UTC);
    expect(local.getDate()).toBe(6);
    expect(local.getHours()).toBe(8);
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/Los_Angeles');
    expect(BUSINESS_TIME_ZONE).toBe('Asia/Shanghai');
  });

  test('an instant is shown on the Shanghai clock: 16:30 UTC is 00:30 the next day', () => {
    expect(formatInstant(LATE_EVENING_UTC)).toBe('2026-12-07 00:30');
    expect(formatInstant('2026-12-07T00:30:00+08:00')).toBe('2026-12-07 00:30');
    expect(formatInstantDate(LATE_EVENING_UTC)).toBe('2026-12-07');
    expect(businessDateOf(LATE_EVENING_UTC)).toBe('2026-12-07');
    expect(formatInstantTime(LATE_EVENING_UTC)).toBe('00:30');
    // 15:59:59 UTC is still the same day in Shanghai (23:59), midnight is 00:00 not 24:00.
    expect(formatInstant('2026-12-06T15:59:59Z')).toBe('2026-12-06 23:59');
    expect(formatInstant('2026-12-06T16:00:00Z')).toBe('2026-12-07 00:00');
  });

  test('the language does not change the one date-time format', () => {
    // Every instant formatter takes no language: one format in zh-CN and en alike.
    expect(formatInstant.length).toBe(1);
    expect(formatInstant('2026-01-31T20:05:00Z')).toBe('2026-02-01 04:05');
  });

  test('a business date is a calendar date and is never shifted', () => {
    expect(formatDate('2026-12-07')).toBe('2026-12-07');
    expect(formatDate('2026-01-01')).toBe('2026-01-01');
    expect(formatDayWords('2026-12-07', 'zh-CN')).toBe('12 月 7 日');
    expect(formatDayWords('2026-12-07', 'en')).toBe('December 7');
    expect(formatDayWords('2026-03-01', 'en')).toBe('March 1');
    expect(formatMonth(2026, 12, 'zh-CN')).toBe('2026年12月');
    expect(formatMonth(2026, 12, 'en')).toBe('December 2026');
    expect(formatMonth(2026, 1, 'en')).toBe('January 2026');
  });

  test('an explicit zone is honoured and a bad instant is shown as given', () => {
    expect(formatInstant(LATE_EVENING_UTC, 'America/New_York')).toBe('2026-12-06 11:30');
    expect(formatInstant('not a time')).toBe('not a time');
  });
});
