import { describe, expect, test } from 'vitest';
import { AssertionError } from './assert';
import { AdjustableClock, FixedClock } from './clock';
import { idPrefix, isId, newId } from './ids';

const BODY = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function bodyOf(id: string): string {
  return id.slice(id.indexOf('_') + 1);
}

describe('newId', () => {
  test('is a prefix and a 26-character Crockford base32 body', () => {
    const id = newId('ord');
    expect(id).toMatch(/^ord_/);
    expect(bodyOf(id)).toMatch(BODY);
  });

  test('encodes the millisecond timestamp as the ULID spec does', () => {
    expect(bodyOf(newId('ord', new FixedClock(new Date(1469918176385)))).slice(0, 10)).toBe('01ARYZ6S41');
    expect(bodyOf(newId('ord', new FixedClock(new Date(0)))).slice(0, 10)).toBe('0000000000');
    expect(bodyOf(newId('ord', new FixedClock(new Date(2 ** 48 - 1)))).slice(0, 10)).toBe('7ZZZZZZZZZ');
  });

  test('10,000 ids made in a tight loop are unique and sorted by creation', () => {
    const ids = Array.from({ length: 10_000 }, () => newId('txn'));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  test('within one millisecond the random part counts up', () => {
    const clock = new FixedClock('2026-01-15T02:00:00Z');
    const ids = Array.from({ length: 1000 }, () => newId('cus', clock));
    expect(new Set(ids.map((id) => bodyOf(id).slice(0, 10))).size).toBe(1);
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
  });

  test('ids stay sorted when the clock steps back', () => {
    const clock = new AdjustableClock('2026-01-15T02:00:00Z');
    const first = newId('pay', clock);
    clock.advance(-5000);
    const second = newId('pay', clock);
    expect(second > first).toBe(true);
  });

  test("a test clock's ids carry that clock's time, whatever other clocks did", () => {
    newId('ord');
    const id = newId('ord', new FixedClock(new Date(1469918176385)));
    expect(bodyOf(id).slice(0, 10)).toBe('01ARYZ6S41');
  });

  test.each(['o', 'Ord', 'order_id', 'toolongpx', 'or-d', ''])('refuses the prefix %j', (prefix) => {
    expect(() => newId(prefix)).toThrow(AssertionError);
  });

  test('refuses an instant outside the 48-bit timestamp', () => {
    expect(() => newId('ord', new FixedClock(new Date(-1)))).toThrow(AssertionError);
    expect(() => newId('ord', new FixedClock(new Date(2 ** 48)))).toThrow(AssertionError);
  });
});

describe('idPrefix and isId', () => {
  const id = newId('unit');

  test('read the prefix of a well-formed id', () => {
    expect(idPrefix(id)).toBe('unit');
    expect(idPrefix('unit_nope')).toBeNull();
    expect(idPrefix('no-underscore')).toBeNull();
  });

  test('check the shape and, when given, the prefix', () => {
    expect(isId(id, 'unit')).toBe(true);
    expect(isId(id)).toBe(true);
    expect(isId(id, 'cus')).toBe(false);
    expect(isId(`${id}x`, 'unit')).toBe(false);
    expect(isId(id.toLowerCase(), 'unit')).toBe(false);
    expect(isId('unit_01ARYZ6S41TSV4RRFFQ69G5FAI', 'unit')).toBe(false);
    expect(isId('unit_81ARYZ6S41TSV4RRFFQ69G5FAV', 'unit')).toBe(false);
    expect(isId('unit_01ARYZ6S41TSV4RRFFQ69G5FAV', 'unit')).toBe(true);
    expect(isId(42, 'unit')).toBe(false);
    expect(isId(undefined, 'unit')).toBe(false);
  });

  test('an invalid prefix to check against is a programmer error', () => {
    expect(() => isId(id, 'UNIT')).toThrow(AssertionError);
  });
});
