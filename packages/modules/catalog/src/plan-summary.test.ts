// The terms on a SKU's summary are ordered by length, not as text (issue #18: "12m 24m 30d 3m 6m 7d").
import { expect, test } from 'vitest';
import { termDays } from './plan-summary';

test('terms shortest first: 7 days, 30 days, then 3, 6, 12 and 24 months', () => {
  const asText = ['12m', '24m', '30d', '3m', '6m', '7d'];
  expect([...asText].sort((a, b) => termDays(a) - termDays(b))).toEqual(['7d', '30d', '3m', '6m', '12m', '24m']);
  expect([termDays('1m'), termDays('30d'), termDays('31d')]).toEqual([30, 30, 31]);
});
