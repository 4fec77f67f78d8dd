// A staff member assigns an installment order to a funder: before the order starts (awaiting its
// signature or its down payment — the disbursement then happens when it starts) or while it repays,
// as long as nothing has been collected on its financed bills. One funder per order, never changed.
// Audited; the disbursement is booked in the same transaction when the order is already repaying.
import { getBills } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import { type AuditActor, recordAudit } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { and, eq, inArray } from 'drizzle-orm';
import { disburseFundedOrder } from './disburse-funded-order';
import { InstallmentErrors } from './errors';
import { fundedBillKinds, loadFunder, type OrderFunderView, orderFunderOf, viewOrderFunder } from './funders';
import { loadOrder } from './orders';
import { installmentOrderBills, installmentOrderFunders } from './schema';

const fundableStatuses = new Set(['awaiting_signature', 'awaiting_down_payment', 'active']);

/** Whether any payment was taken on the order's financed bills (period, prepayment, payoff). */
async function hasCollected(tx: Executor, deps: { clock: Clock; timeZone: string }, orderId: string): Promise<boolean> {
  const rows = await tx
    .select({ billId: installmentOrderBills.billId })
    .from(installmentOrderBills)
    .where(and(eq(installmentOrderBills.orderId, orderId), inArray(installmentOrderBills.kind, [...fundedBillKinds])));
  const bills = await getBills(
    tx,
    deps,
    rows.map((r) => r.billId),
  );
  return [...bills.values()].some((bill) => bill.payments.length > 0);
}

export async function assignFunder(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  options: { orderId: string; funderId: string; actor: AuditActor; actorId: string },
): Promise<OrderFunderView> {
  const order = await loadOrder(tx, options.orderId, { lock: true });
  const funder = await loadFunder(tx, options.funderId);
  const existing = await orderFunderOf(tx, order.id);
  if (existing) {
    throw InstallmentErrors.INSTALLMENT_FUNDER_ALREADY_ASSIGNED({
      detail: `The order is funded by ${existing.funderId}.`,
    });
  }
  if (!fundableStatuses.has(order.status)) {
    throw InstallmentErrors.INSTALLMENT_ORDER_NOT_FUNDABLE({ detail: `The order is ${order.status}.` });
  }
  if (await hasCollected(tx, deps, order.id)) {
    throw InstallmentErrors.INSTALLMENT_FUNDER_AFTER_COLLECTION({
      detail: 'A payment was collected on a period bill of this order; its collections are the platform’s.',
    });
  }
  const now = deps.clock.now();
  await tx.insert(installmentOrderFunders).values({
    orderId: order.id,
    funderId: funder.id,
    principalShareBps: funder.principalShareBps,
    interestShareBps: funder.interestShareBps,
    assignedBy: options.actorId,
    assignedAt: now,
  });
  const disbursed = await disburseFundedOrder(tx, deps, order);
  await recordAudit(tx, {
    actor: options.actor,
    action: 'installment.funder_assigned',
    targetType: 'installment_order',
    targetId: order.id,
    detail: {
      funderId: funder.id,
      principalShareBps: funder.principalShareBps,
      interestShareBps: funder.interestShareBps,
      disbursedMinor: disbursed?.disbursedMinor ?? null,
    },
    at: now,
  });
  const view = await viewOrderFunder(tx, order.id);
  if (!view) throw new Error('the funder was just assigned');
  return view;
}
