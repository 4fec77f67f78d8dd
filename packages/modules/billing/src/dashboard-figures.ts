// Billing's figures on the console's overview: what customers still owe on open bills that are
// not yet overdue, and on overdue bills (amount − paid − waived).
import { type DashboardFigure, readValue } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { billingBills } from './schema';

export function billingDashboardFigures(): DashboardFigure[] {
  const owed = (status: 'open' | 'overdue', key: string): DashboardFigure => ({
    key,
    unit: 'money',
    permission: 'payments.read',
    read: async (db) => ({
      value: await readValue(
        db,
        sql`select coalesce(sum(${billingBills.amountMinor} - ${billingBills.paidMinor} - ${billingBills.waivedMinor}), 0) as value
              from ${billingBills} where ${billingBills.status} = ${status}`,
      ),
    }),
  });
  return [owed('open', 'billing.bills_due'), owed('overdue', 'billing.bills_overdue')];
}
