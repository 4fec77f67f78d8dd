// The console's one date-time format (#18): the business clock's wall time as 2026-12-07 00:30:05 in
// every language, the order of the dates beside it; not zh-CN's 2026/12/07 nor en's 12/07/2026.
import { describe, expect, test } from 'vitest';
import { formatInstant } from './format';

describe('formatInstant', () => {
  test('16:30:05 UTC on 6 December is 7 December 00:30:05 in Shanghai, in both languages', () => {
    expect(formatInstant('2026-12-06T16:30:05Z', 'Asia/Shanghai', 'zh-CN')).toBe('2026-12-07 00:30:05');
    expect(formatInstant('2026-12-06T16:30:05Z', 'Asia/Shanghai', 'en')).toBe('2026-12-07 00:30:05');
  });

  test('the last second of a Shanghai day stays on it; midnight is 00, not 24', () => {
    expect(formatInstant('2026-12-06T15:59:59Z', 'Asia/Shanghai')).toBe('2026-12-06 23:59:59');
    expect(formatInstant('2026-12-06T16:00:00Z', 'Asia/Shanghai')).toBe('2026-12-07 00:00:00');
  });

  test('another zone the server names is honoured', () => {
    expect(formatInstant('2026-12-06T16:30:05Z', 'UTC')).toBe('2026-12-06 16:30:05');
  });

  test('what is not an instant, or a zone nobody knows, is shown as it came', () => {
    expect(formatInstant('not a time', 'Asia/Shanghai')).toBe('not a time');
    expect(formatInstant('2026-12-06T16:30:05Z', 'Nowhere/Else')).toBe('2026-12-06T16:30:05Z');
  });
});
