// The ledger's figure on the console's overview: the wallet float, what the customers' wallets
// hold in all (the posted balance of account 2500 over every customer).
import { type DashboardFigure, readValue } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { customerChart } from './chart';
import { ledgerAccounts, ledgerBalances } from './schema';

export function ledgerDashboardFigures(): DashboardFigure[] {
  return [
    {
      key: 'ledger.wallet_float',
      unit: 'money',
      permission: 'ledger.read',
      read: async (db) => ({
        value: await readValue(
          db,
          sql`select coalesce(sum(${ledgerBalances.creditsPostedMinor} - ${ledgerBalances.debitsPostedMinor}), 0) as value
                from ${ledgerAccounts} join ${ledgerBalances} on ${ledgerBalances.accountId} = ${ledgerAccounts.id}
               where ${ledgerAccounts.code} = ${customerChart.wallet.code}
                 and ${ledgerAccounts.currency} = ${customerChart.wallet.currency}`,
        ),
      }),
    },
  ];
}
