// An order's prepayment (API.md `POST /v1/installment-orders/{id}/prepay-quote` and `/prepay`): both
// routes call `settleOrderPrepayment` — the same function, on the same order state and day — so the
// amounts shown before paying are, to the cent, what `/prepay` then bills, pays from the wallet,
// books in the ledger and stores. Which periods count as paid and which day the money takes effect
// are decided here (docs/installment.md):
//   * a partial prepayment is applied on the next due date, or today if today is one (DOMAIN §6):
//     k is that period, after its regular payment; the periods before it must be paid;
//   * a payoff counts the periods whose bills are paid (k) and accrues interest from k's due date
//     (or the start) to today; every issued bill of the order must be paid first.
import { issueBill, payBillFromWallet } from '@zulin/billing';
import { type Executor, emitEvent } from '@zulin/db';
import { type BusinessDate, compareDates, newId, today } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import type { InstallmentDeps } from './deps';
import { InstallmentErrors } from './errors';
import {
  billSourceTypes,
  type InstallmentOrderRow,
  loadOrder,
  orderPrepayments,
  paidPeriodsOf,
  periodBills,
} from './orders';
import { recordFunderCollection } from './record-funder-collection';
import { installmentOrderBills, installmentOrders, installmentPrepayments } from './schema';
import { type PrepaymentSettlement, settlePrepayment } from './settle-prepayment';
import { transferOwnership } from './transfer-ownership';

export type OrderPrepayRequest =
  | { strategy: 'reduce_term' | 'reduce_installment'; prepayMinor: number }
  | { strategy: 'payoff' };

/** The prepay fee an order is charged; 0 — the platform charges none (docs/installment.md). */
export const orderPrepayFeeMinor = 0;

/** The one computation behind an order's prepay quote and its booking. */
export async function settleOrderPrepayment(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  order: InstallmentOrderRow,
  request: OrderPrepayRequest,
): Promise<PrepaymentSettlement> {
  if (order.status !== 'active' || order.plan === null) {
    throw InstallmentErrors.INSTALLMENT_ORDER_NOT_ACTIVE({ detail: `The order is ${order.status}.` });
  }
  const plan = order.plan;
  const day = today(deps.clock, deps.timeZone);
  const bills = await periodBills(tx, deps, order);
  const paid = paidPeriodsOf(bills);
  const outstanding = (upTo: number) =>
    bills.some((b) => b.period <= upTo && b.bill.status !== 'paid' && b.bill.status !== 'waived');
  if (request.strategy === 'payoff') {
    if (outstanding(Number.MAX_SAFE_INTEGER)) throw billsOutstanding('Pay the issued bills of this order first.');
    const fromDate: BusinessDate = paid === 0 ? plan.terms.startDate : (plan.schedule[paid - 1]?.dueDate ?? day);
    const payoffDate = compareDates(day, fromDate) >= 0 ? day : fromDate;
    return settlePrepayment({
      plan,
      request: { strategy: 'payoff', paidPeriods: paid, payoffDate, prepayFeeMinor: orderPrepayFeeMinor },
    });
  }
  // The next due date on or after today: the prepayment takes effect after that period's payment.
  const next = plan.schedule.find((row) => compareDates(row.dueDate, day) >= 0);
  const last = plan.schedule[plan.schedule.length - 1]?.period ?? 0;
  if (next === undefined || next.period >= last) {
    throw InstallmentErrors.INSTALLMENT_NO_PERIOD_LEFT({
      detail: 'The next due date is the last one: a partial prepayment has no period left to rebuild.',
    });
  }
  if (outstanding(next.period - 1)) throw billsOutstanding('Pay the overdue bills of this order first.');
  return settlePrepayment({
    plan,
    request: {
      strategy: request.strategy,
      paidPeriods: next.period,
      prepayMinor: request.prepayMinor,
      prepayFeeMinor: orderPrepayFeeMinor,
    },
    path: '/body',
  });
}

function billsOutstanding(detail: string) {
  return InstallmentErrors.INSTALLMENT_BILLS_OUTSTANDING({ detail });
}

/** The order's prepay quote: the settlement's public quote plus the day it takes effect and k. */
export async function quoteOrderPrepayment(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  options: { orderId: string; customerId: string; request: OrderPrepayRequest },
) {
  const order = await loadOrder(tx, options.orderId, { customerId: options.customerId });
  const settlement = await settleOrderPrepayment(tx, deps, order, options.request);
  return presentSettlement(settlement);
}

export function presentSettlement(settlement: PrepaymentSettlement) {
  return {
    strategy: settlement.strategy,
    paidPeriods: settlement.paidPeriods,
    effectiveDate: settlement.effectiveDate,
    totalDueMinor: settlement.totalDueMinor,
    quote: settlement.quote,
  };
}

/** Books the prepayment: a bill of the settlement's lines, paid from the wallet at once, and the plan after. */
export async function prepayOrder(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  options: { orderId: string; customerId: string; request: OrderPrepayRequest },
) {
  const order = await loadOrder(tx, options.orderId, { customerId: options.customerId, lock: true });
  const settlement = await settleOrderPrepayment(tx, deps, order, options.request);
  const now = deps.clock.now();
  const sequence = (await orderPrepayments(tx, order.id)).length + 1;
  const kind = settlement.strategy === 'payoff' ? 'payoff' : 'prepayment';
  const sum = (k: string) =>
    settlement.lines.filter((line) => line.kind === k).reduce((total, line) => total + line.amountMinor, 0);
  const principalMinor = sum('principal');
  const interestMinor = sum('interest');
  const feeMinor = sum('prepay_fee') + sum('period_fee');
  const label = settlement.strategy === 'payoff' ? '提前结清' : '提前还款';
  const { bill } = await issueBill(tx, deps, {
    customerId: order.customerId,
    sourceType: billSourceTypes[kind],
    sourceId: order.id,
    period: sequence,
    title: `分期${label}`,
    dueDate: today(deps.clock, deps.timeZone),
    lines: [
      { kind: 'principal' as const, description: `${label}本金`, amountMinor: principalMinor },
      { kind: 'interest' as const, description: `${label}应计利息`, amountMinor: interestMinor },
      { kind: 'fee' as const, description: `${label}手续费`, amountMinor: feeMinor },
    ].filter((line) => line.amountMinor > 0),
    issuedBy: 'installment',
  });
  const { payment } = await payBillFromWallet(tx, deps, { billId: bill.id, customerId: order.customerId });
  const prepaymentId = newId('ipp', deps.clock);
  await tx.insert(installmentPrepayments).values({
    id: prepaymentId,
    orderId: order.id,
    sequence,
    strategy: settlement.strategy,
    paidPeriods: settlement.paidPeriods,
    effectiveDate: settlement.effectiveDate,
    principalMinor,
    interestMinor,
    feeMinor,
    totalMinor: settlement.totalDueMinor,
    quote: { ...settlement.quote },
    billId: bill.id,
    createdAt: now,
  });
  await tx.insert(installmentOrderBills).values({
    orderId: order.id,
    kind,
    sequence,
    billId: bill.id,
    amountMinor: settlement.totalDueMinor,
    dueDate: bill.dueDate,
    createdAt: now,
  });
  // A funded order's prepayment or payoff is split with the funder in this same transaction (the
  // subscriber on billing.bill_paid later finds the payment's row and does nothing).
  await recordFunderCollection(tx, deps, { billId: bill.id, paymentId: payment.id });
  const [after] = await tx
    .update(installmentOrders)
    .set(
      settlement.strategy === 'payoff'
        ? { status: 'paid_off', paidOffOn: settlement.effectiveDate, updatedAt: now }
        : { plan: settlement.planAfter, updatedAt: now },
    )
    .where(eq(installmentOrders.id, order.id))
    .returning();
  // Paid off with its phone shipped: the phone is the customer's now (else when it ships).
  if (after !== undefined && settlement.strategy === 'payoff') await transferOwnership(tx, deps, after);
  await emitEvent(tx, now, {
    type: 'installment.prepayment_booked',
    aggregateType: 'installment_order',
    aggregateId: order.id,
    payload: {
      orderId: order.id,
      customerId: order.customerId,
      prepaymentId,
      strategy: settlement.strategy,
      totalMinor: settlement.totalDueMinor,
    },
  });
  return { prepaymentId, billId: bill.id, ...presentSettlement(settlement) };
}
