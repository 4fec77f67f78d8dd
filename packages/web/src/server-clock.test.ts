import { describe, expect, test } from 'vitest';
import { clockOffsetMs } from './server-clock';

describe('the server clock offset', () => {
  test('a phone three hours slow: the server is 3 h ahead, measured halfway through the request', () => {
    const sent = Date.parse('2026-12-05T20:00:00.000Z');
    // The request took 200 ms; the server answered at its 23:00:00.100.
    expect(clockOffsetMs('2026-12-05T23:00:00.100Z', sent, sent + 200)).toBe(3 * 3_600_000);
  });
  test('a sandbox clock moved 25 days ahead; a fast phone gives a negative offset', () => {
    const sent = Date.parse('2026-12-05T20:00:00.000Z');
    expect(clockOffsetMs('2026-12-30T20:00:00.000Z', sent, sent)).toBe(25 * 86_400_000);
    expect(clockOffsetMs('2026-12-05T19:59:00.000Z', sent, sent)).toBe(-60_000);
  });
  test('an answer without a readable time leaves the device clock as it is', () => {
    expect(clockOffsetMs('not a time', 1, 2)).toBe(0);
  });
});
