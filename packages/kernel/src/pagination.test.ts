import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AssertionError } from './assert';
import { newId } from './ids';
import { Limits } from './limits';
import { decodeCursor, encodeCursor, pageLimit, toPage } from './pagination';

const invalidCursor = expect.objectContaining({
  code: 'VALIDATION_FAILED',
  status: 422,
  errors: [expect.objectContaining({ path: '/query/cursor' })],
});

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

describe('encodeCursor and decodeCursor', () => {
  test('round-trip the sort keys of the last row', () => {
    const values = ['2026-01-15T02:00:00.000Z', newId('ord'), 29900];
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(values);
  });

  test('is base64url of the JSON array', () => {
    expect(encodeCursor(['a', 1])).toBe(base64Url('["a",1]'));
  });

  test('round-trips any strings and finite numbers', () => {
    const value = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
      fc.maxSafeInteger(),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (values) => {
        expect(decodeCursor(encodeCursor(values))).toEqual(values);
      }),
    );
  });

  test.each([
    ['empty', ''],
    ['not base64url', 'not a cursor!'],
    ['padded', `${base64Url('["a"]')}=`],
    ['an object', base64Url('{"id":1}')],
    ['an empty array', base64Url('[]')],
    ['a null key', base64Url('[null]')],
    ['a nested array', base64Url('[["a"]]')],
    ['not JSON', base64Url('[1,')],
    ['too many keys', base64Url(JSON.stringify(Array(Limits.cursorValuesMax + 1).fill(1)))],
    ['not our encoding', base64Url('[ 1 ]')],
    ['invalid UTF-8', Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]).toString('base64url')],
    ['too long', 'A'.repeat(Limits.cursorLengthMax + 1)],
    ['a truncated quantum', 'A'],
  ])('rejects a cursor that is %s', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(invalidCursor);
  });

  test('refuses to encode values it could not decode', () => {
    expect(() => encodeCursor([])).toThrow(AssertionError);
    expect(() => encodeCursor([Number.NaN])).toThrow(AssertionError);
  });
});

describe('pageLimit', () => {
  test('defaults to 20 and caps at 100', () => {
    expect(pageLimit()).toBe(20);
    expect(pageLimit(1)).toBe(1);
    expect(pageLimit(50)).toBe(50);
    expect(pageLimit(100)).toBe(100);
    expect(pageLimit(1000)).toBe(100);
  });

  test.each([0, -1, 2.5, Number.NaN])('rejects %d as VALIDATION_FAILED on /query/limit', (limit) => {
    expect(() => pageLimit(limit)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path: '/query/limit' })],
      }),
    );
  });
});

describe('toPage', () => {
  const rows = Array.from({ length: 21 }, (_, index) => ({ id: `row${index}`, createdAtMs: 1000 + index }));
  const cursorOf = (row: { id: string; createdAtMs: number }) => [row.createdAtMs, row.id];

  test('limit + 1 rows make a full page and a cursor at its last row', () => {
    const page = toPage(rows, 20, cursorOf);
    expect(page.data).toHaveLength(20);
    expect(page.data.at(-1)?.id).toBe('row19');
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor ?? '')).toEqual([1019, 'row19']);
  });

  test('a page that did not overflow is the last one', () => {
    expect(toPage(rows.slice(0, 20), 20, cursorOf)).toEqual({ data: rows.slice(0, 20), nextCursor: null });
    expect(toPage(rows.slice(0, 3), 20, cursorOf)).toEqual({ data: rows.slice(0, 3), nextCursor: null });
    expect(toPage([], 20, cursorOf)).toEqual({ data: [], nextCursor: null });
  });

  test('more than limit + 1 rows means the query forgot its LIMIT', () => {
    expect(() => toPage(rows, 10, cursorOf)).toThrow(AssertionError);
  });

  test('a limit that did not come from pageLimit is a programmer error', () => {
    expect(() => toPage([], 0, cursorOf)).toThrow(AssertionError);
    expect(() => toPage([], 101, cursorOf)).toThrow(AssertionError);
  });
});
