// An order whose last period bill is settled is paid off on its schedule (issue #15): the subscriber
// to billing's `billing.bill_paid` calls this for a period bill; when periods 1…last are all paid (or
// waived) the order becomes `paid_off` that business day and, its phone shipped, the customer's
// (transfer-ownership.ts). Idempotent: an order no longer active is returned as it is.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, today } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import type { InstallmentDeps } from './deps';
import { type InstallmentOrderRow, loadOrder, paidPeriodsOf, periodBills } from './orders';
import { lastPeriodOf } from './plan-state';
import { installmentOrders } from './schema';
import { transferOwnership } from './transfer-ownership';

export async function closeRepaidOrder(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  orderId: string,
): Promise<InstallmentOrderRow> {
  const order = await loadOrder(tx, orderId, { lock: true });
  if (order.status !== 'active' || order.plan === null) return order;
  const paid = paidPeriodsOf(await periodBills(tx, deps, order));
  if (paid < lastPeriodOf(order.plan)) return order;
  const paidOffOn = today(deps.clock, deps.timeZone);
  const now = deps.clock.now();
  const [repaid] = await tx
    .update(installmentOrders)
    .set({ status: 'paid_off', paidOffOn, updatedAt: now })
    .where(eq(installmentOrders.id, order.id))
    .returning();
  assert(repaid !== undefined, 'the order exists');
  await emitEvent(tx, now, {
    type: 'installment.order_repaid',
    aggregateType: 'installment_order',
    aggregateId: order.id,
    payload: { orderId: order.id, customerId: order.customerId, paidOffOn },
  });
  return transferOwnership(tx, deps, repaid);
}
