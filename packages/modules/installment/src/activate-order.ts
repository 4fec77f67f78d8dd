// Starting an installment order: when its down payment is paid (or at signing when it has none) the
// plan is built from the offer's terms with the start date of that day, and the bills of the periods
// already within the billing lead are issued. The phone now waits for the shipping desk (ship-order.ts). Idempotent: an order that is no longer waiting is
// returned as it is.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, today } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { buildPlan } from './build-plan';
import type { InstallmentDeps } from './deps';
import { issuePeriodBills } from './issue-period-bills';
import { type InstallmentOrderRow, loadOrder } from './orders';
import { installmentOrders } from './schema';
import { validateTerms } from './validate-terms';

export async function activateOrder(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  orderId: string,
): Promise<InstallmentOrderRow> {
  const order = await loadOrder(tx, orderId, { lock: true });
  if (order.status !== 'awaiting_down_payment') return order;
  // Activation needs both: the contract signed (the down-payment bill exists only after signing) and
  // the down payment paid (the caller's event), so an unsigned order never starts.
  assert(order.signedAt !== null, 'an installment order starts only with its contract signed');
  const startDate = today(deps.clock, deps.timeZone);
  const plan = buildPlan(
    validateTerms({
      principalMinor: order.principalMinor,
      termMonths: order.offerTerms.termMonths,
      annualRateBps: order.offerTerms.annualRateBps,
      method: order.offerTerms.method,
      feeRateBpsPerPeriod: order.offerTerms.feeRateBpsPerPeriod,
      startDate,
    }),
  );
  const now = deps.clock.now();
  const [active] = await tx
    .update(installmentOrders)
    .set({ status: 'active', plan, activatedOn: startDate, fulfilment: 'awaiting_shipment', updatedAt: now })
    .where(eq(installmentOrders.id, orderId))
    .returning();
  if (!active) throw new Error('the order exists');
  await emitEvent(tx, now, {
    type: 'installment.order_activated',
    aggregateType: 'installment_order',
    aggregateId: orderId,
    payload: { orderId, customerId: order.customerId, startDate, termMonths: plan.terms.termMonths },
  });
  return issuePeriodBills(tx, deps, active, startDate);
}
