// What the console sees of one installment order beyond its owner's view: how late it is (days past
// due of the oldest unpaid period, the delinquency bucket of the policy), the penalty interest accrued
// to today on the overdue principal (computed by the engine's `accruePenalty`; not yet charged — the
// penalty is not wired to bills, see docs/installment.md), every payment made on the order's bills and
// every ledger posting that names the order or one of its bills.
import { getBill } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import { type BusinessDate, compareDates, sumMinor, today } from '@zulin/kernel';
import { postingsOf } from '@zulin/ledger';
import { paymentsOfReferences } from '@zulin/payments';
import { accruePenalty } from './accrue-penalty';
import { bucketFor, daysPastDue } from './delinquency-buckets';
import type { InstallmentDeps } from './deps';
import { InstallmentLimits } from './limits';
import { type InstallmentOrderRow, type InstallmentOrderView, orderBills, viewOrder } from './orders';
import { defaultInstallmentPolicy, type InstallmentPolicy, penaltyAnnualRateBpsOf } from './policy';

export interface OrderOverdue {
  asOfDate: BusinessDate;
  daysPastDue: number;
  /** The delinquency bucket's code (M1…), null while current. */
  bucket: string | null;
  overduePeriods: number[];
  overduePrincipalMinor: number;
  penaltyAnnualRateBps: number;
  /** Penalty interest accrued to asOfDate on the overdue principal; shown, not yet charged. */
  penaltyAccruedMinor: number;
}

export interface OrderPaymentLine {
  billId: string;
  kind: InstallmentOrderView['bills'][number]['kind'];
  sequence: number;
  method: string;
  amountMinor: number;
  paidAt: string;
}

export interface OrderPosting {
  id: string;
  code: string;
  reference: string | null;
  amountMinor: number;
  debit: { code: number; name: string };
  credit: { code: number; name: string };
  recordedAt: string;
}

export interface InstallmentOrderOversight extends InstallmentOrderView {
  overdue: OrderOverdue;
  payments: OrderPaymentLine[];
  postings: OrderPosting[];
}

/** The order as the console reads it. */
export async function overseeOrder(
  db: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  order: InstallmentOrderRow,
  policy: InstallmentPolicy = defaultInstallmentPolicy,
): Promise<InstallmentOrderOversight> {
  const view = await viewOrder(db, deps, order);
  const asOfDate = today(deps.clock, deps.timeZone);
  const bills = await orderBills(db, order.id);
  const payments: OrderPaymentLine[] = [];
  const paymentTransferIds: string[] = [];
  const penaltyRate = penaltyAnnualRateBpsOf(policy);
  const overduePeriods: number[] = [];
  let overduePrincipalMinor = 0;
  let penaltyAccruedMinor = 0;
  let oldestUnpaid: BusinessDate | null = null;
  for (const row of bills) {
    const bill = await getBill(db, deps, row.billId, order.customerId);
    for (const p of bill.payments) {
      paymentTransferIds.push(p.transferId);
      payments.push({
        billId: bill.id,
        kind: row.kind,
        sequence: row.sequence,
        method: p.method,
        amountMinor: p.amountMinor,
        paidAt: p.createdAt.toISOString(),
      });
    }
    const unpaid = bill.status === 'open' || bill.status === 'overdue';
    if (row.kind !== 'period' || !unpaid || compareDates(bill.dueDate, asOfDate) >= 0) continue;
    overduePeriods.push(row.sequence);
    if (oldestUnpaid === null || compareDates(bill.dueDate, oldestUnpaid) < 0) oldestUnpaid = bill.dueDate;
    const principalLines = bill.lines.filter((l) => l.kind === 'principal');
    const principalMinor = sumMinor(principalLines.map((l) => l.amountMinor));
    const principalPaidMinor = sumMinor(principalLines.map((l) => l.paidMinor + l.waivedMinor));
    overduePrincipalMinor += principalMinor - principalPaidMinor;
    // Partial payments carry no date per line here; what is paid counts from the due date (the least
    // penalty the customer can owe), so the figure never overstates.
    penaltyAccruedMinor += accruePenalty({
      dueDate: bill.dueDate,
      asOfDate,
      principalMinor,
      principalPayments: principalPaidMinor > 0 ? [{ date: bill.dueDate, amountMinor: principalPaidMinor }] : [],
      penaltyAnnualRateBps: penaltyRate,
    }).penaltyMinor;
  }
  const days = daysPastDue(oldestUnpaid, asOfDate);
  payments.sort((a, b) => a.paidAt.localeCompare(b.paidAt));
  return {
    ...view,
    overdue: {
      asOfDate,
      daysPastDue: days,
      bucket: bucketFor(policy.delinquencyBuckets, days)?.code ?? null,
      overduePeriods,
      overduePrincipalMinor,
      penaltyAnnualRateBps: penaltyRate,
      penaltyAccruedMinor,
    },
    payments,
    postings: await orderPostings(db, order.id, [...new Set(bills.map((b) => b.billId))], paymentTransferIds),
  };
}

/**
 * Every posting whose reference is the order, one of its bills or one of their channel payments
 * (a refund names its payment order), and the postings that brought in the bills' payments, oldest
 * first.
 */
async function orderPostings(
  db: Executor,
  orderId: string,
  billIds: string[],
  paymentTransferIds: string[],
): Promise<OrderPosting[]> {
  const channelPayments = await paymentsOfReferences(db, [orderId, ...billIds]);
  const postings = await postingsOf(db, {
    references: [orderId, ...billIds, ...channelPayments.map((p) => p.id)],
    transferIds: paymentTransferIds,
    perReferenceMax: InstallmentLimits.postingsPerReferenceMax,
  });
  return postings.map((t) => ({
    id: t.id,
    code: t.code,
    reference: t.reference,
    amountMinor: t.amountMinor,
    debit: t.debit,
    credit: t.credit,
    recordedAt: t.recordedAt.toISOString(),
  }));
}
