// Payments' figures on the console's overview: the operator alert for unsigns the channel has not
// confirmed within `unsignStuckAlertHours` (docs/payments.md "Auto-debit agreements"); it drops
// back when the channel confirms.
import { type DashboardFigure, readValue } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { paymentsAgreements } from './schema';

export function paymentsDashboardFigures(): DashboardFigure[] {
  return [
    {
      key: 'payments.unsigns_stuck',
      unit: 'count',
      permission: 'payments.read',
      read: async (db) => ({
        value: await readValue(
          db,
          sql`select count(*) as value from ${paymentsAgreements}
               where ${paymentsAgreements.unsignRequestedAt} is not null and ${paymentsAgreements.unsignAlertedAt} is not null`,
        ),
      }),
    },
  ];
}
