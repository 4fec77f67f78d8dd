// The daily overdue mark: every open bill whose due date is before the business date becomes
// overdue, once, with a `billing.bill_overdue` event (reminders and the collections ladder listen).
// Set-based and batched; running it again for the same date finds nothing left to mark.
import { type Executor, emitEvent, queryRows } from '@zulin/db';
import type { BusinessDate, Clock } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { BillingLimits } from './limits';

export async function markOverdueBills(tx: Executor, clock: Clock, businessDate: BusinessDate): Promise<number> {
  const now = clock.now();
  const rows = await queryRows<{
    id: string;
    customer_id: string;
    title: string;
    due_date: string;
    amount_minor: string;
    paid_minor: string;
    waived_minor: string;
  }>(
    tx,
    sql`update billing_bills set status = 'overdue', overdue_at = ${now}, updated_at = ${now}
        where id in (select id from billing_bills where status = 'open' and due_date < ${businessDate}
                     order by due_date, id limit ${BillingLimits.overdueBatchSize} for update skip locked)
        returning id, customer_id, title, due_date::text as due_date, amount_minor, paid_minor, waived_minor`,
  );
  for (const r of rows) {
    await emitEvent(tx, now, {
      type: 'billing.bill_overdue',
      aggregateType: 'bill',
      aggregateId: r.id,
      payload: {
        billId: r.id,
        customerId: r.customer_id,
        title: r.title,
        dueDate: r.due_date,
        outstandingMinor: Number(r.amount_minor) - Number(r.paid_minor) - Number(r.waived_minor),
      },
    });
  }
  return rows.length;
}
