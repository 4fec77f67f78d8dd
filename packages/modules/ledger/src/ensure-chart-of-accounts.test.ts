// The chart's seed reports what it created: every account on an empty database, none on a restart.
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { FixedClock } from '@zulin/kernel';
import { expect, test } from 'vitest';
import { defaultChannels, platformChart } from './chart';
import { ensureChartOfAccounts } from './ensure-chart-of-accounts';

describeDb('the chart of accounts seed', (get) => {
  test('creates each platform and clearing account once, and says so', async () => {
    const clock = new FixedClock('2026-12-02T00:00:00Z');
    const all = Object.keys(platformChart).length + defaultChannels.length;
    const first = await transaction(get().database, (tx) => ensureChartOfAccounts(tx, clock));
    expect(first).toEqual({ accounts: all, created: all });
    const again = await transaction(get().database, (tx) => ensureChartOfAccounts(tx, clock));
    expect(again).toEqual({ accounts: all, created: 0 });
  });
});
