// Installment orders as several use cases share them: the row, loading one (the owner's only), its
// bills, the periods paid so far, and the view the API answers with.
import { type BillView, getBills } from '@zulin/billing';
import { readSkuNames } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { customerLabels } from '@zulin/identity';
import { assert, decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, asc, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { InstallmentDeps } from './deps';
import { InstallmentErrors } from './errors';
import { penaltyRateOfOrder } from './overdue-policy';
import { type PeriodAutoDebitFailure, periodAutoDebits } from './period-auto-debits';
import { balanceAfterPeriod } from './plan-state';
import {
  type InstallmentBillKind,
  type InstallmentFulfilment,
  type InstallmentOrderStatus,
  installmentOrderBills,
  installmentOrders,
  installmentPrepayments,
} from './schema';
import type { ScheduleRow } from './types';

export type InstallmentOrderRow = typeof installmentOrders.$inferSelect;
export type OrderBillRow = typeof installmentOrderBills.$inferSelect;
export type PrepaymentRow = typeof installmentPrepayments.$inferSelect;

/** The bill `sourceType`s an installment order issues, one per kind (billing keys bills by source and period). */
export const billSourceTypes: Record<InstallmentBillKind, string> = {
  down_payment: 'installment_down',
  period: 'installment',
  prepayment: 'installment_prepay',
  payoff: 'installment_payoff',
};

/** The order, locked for the rest of the transaction when `lock`; 404 when absent or another customer's. */
export async function loadOrder(
  tx: Executor,
  orderId: string,
  options: { customerId?: string; lock?: boolean } = {},
): Promise<InstallmentOrderRow> {
  const query = tx.select().from(installmentOrders).where(eq(installmentOrders.id, orderId));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row || (options.customerId !== undefined && row.customerId !== options.customerId)) {
    throw InstallmentErrors.INSTALLMENT_ORDER_NOT_FOUND({ detail: `No installment order ${orderId}.` });
  }
  return row;
}

export async function orderBills(tx: Executor, orderId: string): Promise<OrderBillRow[]> {
  return tx
    .select()
    .from(installmentOrderBills)
    .where(eq(installmentOrderBills.orderId, orderId))
    .orderBy(asc(installmentOrderBills.kind), asc(installmentOrderBills.sequence));
}

export async function orderPrepayments(tx: Executor, orderId: string): Promise<PrepaymentRow[]> {
  return tx
    .select()
    .from(installmentPrepayments)
    .where(eq(installmentPrepayments.orderId, orderId))
    .orderBy(asc(installmentPrepayments.sequence));
}

export interface BilledPeriod {
  period: number;
  bill: BillView;
}

/** The order's period bills as billing sees them now (status, paid, outstanding), oldest first. */
export async function periodBills(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  order: InstallmentOrderRow,
): Promise<BilledPeriod[]> {
  const rows = await tx
    .select()
    .from(installmentOrderBills)
    .where(and(eq(installmentOrderBills.orderId, order.id), eq(installmentOrderBills.kind, 'period')))
    .orderBy(asc(installmentOrderBills.sequence));
  const bills = await getBills(
    tx,
    deps,
    rows.map((row) => row.billId),
  );
  return rows.map((row) => {
    const bill = bills.get(row.billId);
    // The order's own bills, issued to its customer: anything else is a broken link, not a 404.
    assert(bill !== undefined && bill.customerId === order.customerId, `Bill ${row.billId} of ${order.id} is missing.`);
    return { period: row.sequence, bill };
  });
}

/** Periods 1…k whose bills are all settled: k, the periods paid. */
export function paidPeriodsOf(bills: readonly BilledPeriod[]): number {
  let k = 0;
  for (const { period, bill } of bills) {
    if (period !== k + 1 || (bill.status !== 'paid' && bill.status !== 'waived')) break;
    k = period;
  }
  return k;
}

export interface InstallmentOrderView {
  id: string;
  customerId: string;
  /** Staff lists only: who the customer is, masked. */
  customerLabel?: string;
  skuId: string;
  deviceName: string;
  offerId: string;
  status: InstallmentOrderRow['status'];
  aprSimpleBps: number;
  aprCompoundBps: number;
  /** Penalty interest a year on overdue principal, fixed at placing (a term of the contract). */
  penaltyAnnualRateBps: number;
  priceMinor: number;
  downPaymentMinor: number;
  principalMinor: number;
  termMonths: number;
  annualRateBps: number;
  method: string;
  feeRateBpsPerPeriod: number;
  decisionOutcome: string | null;
  contractId: string | null;
  signedAt: string | null;
  cancelledAt: string | null;
  /** By when the order must be signed and its down payment paid; null when it was not placed approved. */
  paymentDeadlineAt: string | null;
  /** Cancelled by the unpaid-order sweep at its deadline (the status is then `cancelled`). */
  expiredAt: string | null;
  refundedMinor: number;
  activatedOn: string | null;
  paidOffOn: string | null;
  /** Where the phone is: null before the order starts (and for one cancelled or rejected before). */
  fulfilment: InstallmentFulfilment | null;
  unitId: string | null;
  /** The phone shipped (after the shipping desk scanned it). */
  imei: string | null;
  carrier: string | null;
  waybillNo: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  /** Paid off and shipped: the phone is the customer's (a pay-off certificate can be downloaded). */
  ownershipTransferredAt: string | null;
  paidPeriods: number;
  balanceMinor: number;
  schedule: (ScheduleRow & { billId: string | null; billStatus: string | null })[];
  /** Unpaid period bills whose newest auto-debit attempt the channel refused, with the next retry day. */
  autoDebitFailures: PeriodAutoDebitFailure[];
  bills: { kind: InstallmentBillKind; sequence: number; billId: string; amountMinor: number; dueDate: string }[];
  prepayments: {
    id: string;
    strategy: PrepaymentRow['strategy'];
    paidPeriods: number;
    effectiveDate: string;
    principalMinor: number;
    interestMinor: number;
    feeMinor: number;
    totalMinor: number;
    createdAt: string;
  }[];
  createdAt: string;
}

/** The order as its owner and the console see it: the annualised rate first, the plan as it stands. */
export async function viewOrder(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  order: InstallmentOrderRow,
): Promise<InstallmentOrderView> {
  const bills = await orderBills(tx, order.id);
  const billed = await periodBills(tx, deps, order);
  const billOf = new Map(billed.map((b) => [b.period, b.bill]));
  const paidPeriods = paidPeriodsOf(billed);
  const schedule = order.plan?.schedule ?? order.quote.schedule;
  const terms = order.plan?.terms;
  // What is still owed: the principals of the unpaid periods (prepaid principal already left out).
  const balanceMinor =
    order.status === 'paid_off' || order.status === 'cancelled'
      ? 0
      : order.plan
        ? balanceAfterPeriod(order.plan, paidPeriods)
        : order.principalMinor;
  const prepayments = await orderPrepayments(tx, order.id);
  const { failures: autoDebitFailures } = await periodAutoDebits(tx, deps, billed);
  return {
    id: order.id,
    customerId: order.customerId,
    skuId: order.skuId,
    deviceName: await deviceNameOf(tx, order.skuId),
    offerId: order.offerId,
    status: order.status,
    aprSimpleBps: order.quote.aprSimpleBps,
    aprCompoundBps: order.quote.aprCompoundBps,
    penaltyAnnualRateBps: penaltyRateOfOrder(order),
    priceMinor: order.priceMinor,
    downPaymentMinor: order.downPaymentMinor,
    principalMinor: order.principalMinor,
    termMonths: terms?.termMonths ?? order.quote.schedule.length,
    annualRateBps: terms?.annualRateBps ?? order.offerTerms.annualRateBps,
    method: terms?.method ?? order.offerTerms.method,
    feeRateBpsPerPeriod: terms?.feeRateBpsPerPeriod ?? order.offerTerms.feeRateBpsPerPeriod,
    decisionOutcome: order.decisionOutcome,
    contractId: order.contractId,
    signedAt: order.signedAt?.toISOString() ?? null,
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
    paymentDeadlineAt: order.paymentDeadlineAt?.toISOString() ?? null,
    expiredAt: order.expiredAt?.toISOString() ?? null,
    refundedMinor: order.refundedMinor ?? 0,
    activatedOn: order.activatedOn,
    paidOffOn: order.paidOffOn,
    fulfilment: order.fulfilment,
    unitId: order.unitId,
    imei: order.imei,
    carrier: order.carrier,
    waybillNo: order.waybillNo,
    shippedAt: order.shippedAt?.toISOString() ?? null,
    deliveredAt: order.deliveredAt?.toISOString() ?? null,
    ownershipTransferredAt: order.ownershipTransferredAt?.toISOString() ?? null,
    paidPeriods,
    balanceMinor,
    schedule: schedule.map((row) => {
      const bill = billOf.get(row.period);
      return { ...row, billId: bill?.id ?? null, billStatus: bill?.status ?? null };
    }),
    autoDebitFailures,
    bills: bills.map((b) => ({
      kind: b.kind,
      sequence: b.sequence,
      billId: b.billId,
      amountMinor: b.amountMinor,
      dueDate: b.dueDate,
    })),
    prepayments: prepayments.map((p) => ({
      id: p.id,
      strategy: p.strategy,
      paidPeriods: p.paidPeriods,
      effectiveDate: p.effectiveDate,
      principalMinor: p.principalMinor,
      interestMinor: p.interestMinor,
      feeMinor: p.feeMinor,
      totalMinor: p.totalMinor,
      createdAt: p.createdAt.toISOString(),
    })),
    createdAt: order.createdAt.toISOString(),
  };
}

/** The phone the order is for, as the contract names it: brand, model, storage and colour. */
export async function deviceNameOf(tx: Executor, skuId: string): Promise<string> {
  const name = (await readSkuNames(tx, [skuId])).get(skuId);
  // An order always names a SKU that exists: it was read when the order was placed.
  assert(name !== undefined, `No SKU ${skuId}.`);
  return name;
}

export interface ListOrdersOptions {
  customerId?: string | undefined;
  status?: InstallmentOrderStatus | undefined;
  skuId?: string | undefined;
  /** Any of these SKUs (a product's); an empty list matches nothing. */
  skuIds?: readonly string[] | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** A page of orders, newest first: a customer's own (with `customerId`) or the console's, by status or SKU. */
export async function listOrders(
  db: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  options: ListOrdersOptions,
): Promise<Page<InstallmentOrderView>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.customerId !== undefined) conditions.push(eq(installmentOrders.customerId, options.customerId));
  if (options.status !== undefined) conditions.push(eq(installmentOrders.status, options.status));
  if (options.skuId !== undefined) conditions.push(eq(installmentOrders.skuId, options.skuId));
  if (options.skuIds !== undefined) {
    conditions.push(options.skuIds.length === 0 ? sql`false` : inArray(installmentOrders.skuId, [...options.skuIds]));
  }
  if (options.cursor !== undefined) {
    const [at, id] = decodeCursor(options.cursor);
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
      });
    }
    const after = new Date(at);
    conditions.push(
      or(
        lt(installmentOrders.createdAt, after),
        and(eq(installmentOrders.createdAt, after), lt(installmentOrders.id, id)),
      ),
    );
  }
  const rows = await db
    .select()
    .from(installmentOrders)
    .where(and(...conditions))
    .orderBy(desc(installmentOrders.createdAt), desc(installmentOrders.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
  const data: InstallmentOrderView[] = [];
  for (const row of page.data) data.push(await viewOrder(db, deps, row));
  return { data, nextCursor: page.nextCursor };
}

/** The console's page of orders: each with its customer named, masked (one query for the page). */
export async function listOrdersForStaff(
  db: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone' | 'masterKey'>,
  options: ListOrdersOptions,
): Promise<Page<InstallmentOrderView>> {
  const page = await listOrders(db, deps, options);
  const labels = await customerLabels(
    db,
    deps.masterKey,
    page.data.map((order) => order.customerId),
  );
  return {
    ...page,
    data: page.data.map((order) => {
      const label = labels.get(order.customerId)?.label;
      return label === undefined ? order : { ...order, customerLabel: label };
    }),
  };
}
