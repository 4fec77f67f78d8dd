// The wallet's figures on the console's overview: money topped up and withdrawn on the business
// date (succeeded only, by the day they completed), and disputes open and past their SLA.
import { type DashboardFigure, readDailyTrend, readValue } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { walletDisputes, walletTopUps, walletWithdrawals } from './schema';

export function walletDashboardFigures(): DashboardFigure[] {
  const succeededToday = (table: typeof walletTopUps | typeof walletWithdrawals, key: string): DashboardFigure => ({
    key,
    unit: 'money',
    permission: 'payments.read',
    async read(db, at) {
      const trend = await readDailyTrend(db, at, {
        table: sql`${table}`,
        day: sql`${table.completedAt}`,
        value: sql`sum(${table.amountMinor})`,
        where: sql`${table.status} = 'succeeded'`,
      });
      return { value: trend.at(-1)?.value ?? 0, trend };
    },
  });
  return [
    succeededToday(walletTopUps, 'wallet.top_ups_today'),
    succeededToday(walletWithdrawals, 'wallet.withdrawals_today'),
    {
      key: 'wallet.disputes_open',
      unit: 'count',
      permission: 'disputes.read',
      read: async (db) => ({
        value: await readValue(
          db,
          sql`select count(*) as value from ${walletDisputes} where ${walletDisputes.status} = 'open'`,
        ),
      }),
    },
    {
      key: 'wallet.disputes_breached',
      unit: 'count',
      permission: 'disputes.read',
      read: async (db) => ({
        value: await readValue(
          db,
          sql`select count(*) as value from ${walletDisputes}
               where ${walletDisputes.status} = 'open' and ${walletDisputes.slaBreachedAt} is not null`,
        ),
      }),
    },
  ];
}
