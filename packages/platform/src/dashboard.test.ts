import { describe, expect, test } from 'vitest';
import { dailySeries } from './dashboard';

describe('dailySeries', () => {
  test('fills the days without a value with 0, oldest first, across a month end', () => {
    const series = dailySeries(
      [
        { date: '2026-11-30', value: 5 },
        { date: '2026-12-02', value: 7 },
        { date: '2026-12-02', value: 1 },
        { date: '2026-11-01', value: 99 }, // before the window
      ],
      '2026-12-02',
      4,
    );
    expect(series).toEqual([
      { date: '2026-11-29', value: 0 },
      { date: '2026-11-30', value: 5 },
      { date: '2026-12-01', value: 0 },
      { date: '2026-12-02', value: 8 },
    ]);
  });
});
