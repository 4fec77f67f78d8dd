// Issuing an active order's period bills through billing: each period's bill (principal, interest,
// fee lines) is issued `billLeadDays` before its due date, by the daily tick and at activation. A
// partial prepayment rebuilds only periods whose bill is not issued yet (their due dates are at least
// a month away), so an issued bill never changes.
import { issueBill, type NewBillLine } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import { addDays, type BusinessDate } from '@zulin/kernel';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { InstallmentDeps } from './deps';
import { InstallmentLimits } from './limits';
import { billSourceTypes, type InstallmentOrderRow } from './orders';
import { installmentOrderBills, installmentOrders } from './schema';

export async function issuePeriodBills(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  order: InstallmentOrderRow,
  businessDate: BusinessDate,
): Promise<InstallmentOrderRow> {
  if (order.status !== 'active' || order.plan === null) return order;
  const horizon = addDays(businessDate, InstallmentLimits.billLeadDays);
  const due = order.plan.schedule.filter((row) => row.period > order.billedPeriods && row.dueDate <= horizon);
  if (due.length === 0) return order;
  const now = deps.clock.now();
  for (const row of due) {
    const lines: NewBillLine[] = [
      { kind: 'principal' as const, description: `第 ${row.period} 期本金`, amountMinor: row.principalMinor },
      { kind: 'interest' as const, description: `第 ${row.period} 期利息`, amountMinor: row.interestMinor },
      { kind: 'fee' as const, description: `第 ${row.period} 期服务费`, amountMinor: row.feeMinor },
    ].filter((line) => line.amountMinor > 0);
    const { bill } = await issueBill(tx, deps, {
      customerId: order.customerId,
      sourceType: billSourceTypes.period,
      sourceId: order.id,
      period: row.period,
      title: `分期还款 第 ${row.period}/${order.plan.schedule.length} 期`,
      dueDate: row.dueDate,
      lines,
      issuedBy: 'installment',
    });
    await tx
      .insert(installmentOrderBills)
      .values({
        orderId: order.id,
        kind: 'period',
        sequence: row.period,
        billId: bill.id,
        amountMinor: row.paymentMinor,
        dueDate: row.dueDate,
        createdAt: now,
      })
      .onConflictDoNothing();
  }
  const billedPeriods = due[due.length - 1]?.period ?? order.billedPeriods;
  const [updated] = await tx
    .update(installmentOrders)
    .set({ billedPeriods, updatedAt: now })
    .where(eq(installmentOrders.id, order.id))
    .returning();
  return updated ?? order;
}

/** The daily tick's batch: active orders with a period entering the lead window, oldest first. */
export async function issueDueBillsBatch(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  businessDate: BusinessDate,
): Promise<number> {
  const horizon = addDays(businessDate, InstallmentLimits.billLeadDays);
  // The next unbilled period's due date is read from the stored plan: schedule[billedPeriods].
  const rows = await tx
    .select()
    .from(installmentOrders)
    .where(
      and(
        eq(installmentOrders.status, 'active'),
        lte(
          sql<string>`(${installmentOrders.plan} -> 'schedule' -> ${installmentOrders.billedPeriods} ->> 'dueDate')`,
          horizon,
        ),
      ),
    )
    .orderBy(installmentOrders.id)
    .limit(InstallmentLimits.billBatchSize)
    .for('update', { skipLocked: true });
  for (const row of rows) await issuePeriodBills(tx, deps, row, businessDate);
  return rows.length;
}
