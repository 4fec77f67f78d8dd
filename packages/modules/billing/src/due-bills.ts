// Unpaid bills of given sources whose due date falls in a window, for the modules that chase them
// (rental's reminders and auto-debit): soonest due first, in keyset pages.
import type { Executor } from '@zulin/db';
import type { BusinessDate } from '@zulin/kernel';
import { and, asc, eq, gt, gte, inArray, lte, or } from 'drizzle-orm';
import type { BillRow } from './read-bills';
import { billingBills } from './schema';

export async function unpaidBillsDueBetween(
  db: Executor,
  options: {
    sourceTypes: readonly string[];
    fromDate: BusinessDate;
    toDate: BusinessDate;
    /** The last bill of the previous page. */
    after?: { dueDate: BusinessDate; id: string };
    limit: number;
  },
): Promise<(BillRow & { outstandingMinor: number })[]> {
  const rows = await db
    .select()
    .from(billingBills)
    .where(
      and(
        inArray(billingBills.sourceType, [...options.sourceTypes]),
        inArray(billingBills.status, ['open', 'overdue']),
        gte(billingBills.dueDate, options.fromDate),
        lte(billingBills.dueDate, options.toDate),
        options.after === undefined
          ? undefined
          : or(
              gt(billingBills.dueDate, options.after.dueDate),
              and(eq(billingBills.dueDate, options.after.dueDate), gt(billingBills.id, options.after.id)),
            ),
      ),
    )
    .orderBy(asc(billingBills.dueDate), asc(billingBills.id))
    .limit(options.limit);
  return rows.map((b) => ({ ...b, outstandingMinor: b.amountMinor - b.paidMinor - b.waivedMinor }));
}
