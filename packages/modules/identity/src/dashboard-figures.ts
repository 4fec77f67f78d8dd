// Identity's figures on the console's overview: customers, and customers with a verified identity.
import { type DashboardFigure, readDailyTrend, readValue } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { identityCustomers } from './schema';

export function identityDashboardFigures(): DashboardFigure[] {
  return [
    {
      key: 'identity.customers',
      unit: 'count',
      permission: 'customers.read',
      async read(db, at) {
        return {
          value: await readValue(db, sql`select count(*) as value from ${identityCustomers}`),
          trend: await readDailyTrend(db, at, {
            table: sql`${identityCustomers}`,
            day: sql`${identityCustomers.createdAt}`,
            value: sql`count(*)`,
          }),
        };
      },
    },
    {
      key: 'identity.verified_customers',
      unit: 'count',
      permission: 'customers.read',
      async read(db, at) {
        const verified = sql`${identityCustomers.identityStatus} = 'verified'`;
        return {
          value: await readValue(db, sql`select count(*) as value from ${identityCustomers} where ${verified}`),
          trend: await readDailyTrend(db, at, {
            table: sql`${identityCustomers}`,
            day: sql`${identityCustomers.verifiedAt}`,
            value: sql`count(*)`,
            where: verified,
          }),
        };
      },
    },
  ];
}
