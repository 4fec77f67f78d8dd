import { describe, expect, test } from 'vitest';
import { AssertionError } from './assert';
import { AdjustableClock, FixedClock, systemClock } from './clock';

describe('systemClock', () => {
  test('reads the current time', () => {
    const beforeMs = Date.now();
    const nowMs = systemClock.now().getTime();
    expect(nowMs).toBeGreaterThanOrEqual(beforeMs);
    expect(nowMs).toBeLessThanOrEqual(Date.now());
  });
});

describe('FixedClock', () => {
  test('always reads the instant it was given, from a string or a Date', () => {
    expect(new FixedClock('2026-01-15T02:00:00Z').now().toISOString()).toBe('2026-01-15T02:00:00.000Z');
    expect(new FixedClock(new Date(0)).now().getTime()).toBe(0);
  });

  test('hands out a fresh Date, so a caller mutating it cannot move the clock', () => {
    const clock = new FixedClock('2026-01-15T02:00:00Z');
    const first = clock.now();
    first.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-01-15T02:00:00.000Z');
    expect(clock.now()).not.toBe(clock.now());
  });

  test('refuses an invalid instant', () => {
    expect(() => new FixedClock('not a date')).toThrow(AssertionError);
    expect(() => new FixedClock(new Date(Number.NaN))).toThrow(AssertionError);
  });
});

describe('AdjustableClock', () => {
  test('moves only when told to', () => {
    const clock = new AdjustableClock('2026-01-15T02:00:00Z');
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2026-01-15T02:00:01.500Z');
    clock.advanceDays(30);
    expect(clock.now().toISOString()).toBe('2026-02-14T02:00:01.500Z');
    clock.advance(-1500);
    expect(clock.now().toISOString()).toBe('2026-02-14T02:00:00.000Z');
    clock.set('2027-01-01T00:00:00+08:00');
    expect(clock.now().toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  test('refuses fractional steps and steps out of the Date range', () => {
    const clock = new AdjustableClock(new Date(0));
    expect(() => clock.advance(0.5)).toThrow(AssertionError);
    expect(() => clock.advanceDays(1.5)).toThrow(AssertionError);
    expect(() => clock.advanceDays(200_000_000)).toThrow(AssertionError);
    expect(clock.now().getTime()).toBe(0);
  });
});
