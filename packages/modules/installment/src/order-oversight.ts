// What the console sees of one installment order beyond its owner's view: how late it is (days past
// due of the oldest unpaid period, the delinquency bucket of the policy), the penalty interest accrued
// to today on the overdue principal (the engine's `accruePenalty`, the figure the daily tick books
// into the period bills) beside what is booked and still owed per penalty line, the order's bucket
// history, every payment made on the order's bills and
// every ledger posting that names the order or one of its bills.
import { getBill } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import { type BusinessDate, compareDates, sumMinor, today } from '@zulin/kernel';
import { postingsOf } from '@zulin/ledger';
import { type ShipmentDirection, type ShipmentState, shipmentsOfOrder } from '@zulin/logistics';
import { paymentsOfReferences } from '@zulin/payments';
import { bucketHistory, penaltyDue } from './accrue-overdue';
import { bucketFor, daysPastDue } from './delinquency-buckets';
import type { InstallmentDeps } from './deps';
import { InstallmentLimits } from './limits';
import { type InstallmentOrderRow, type InstallmentOrderView, orderBills, periodBills, viewOrder } from './orders';
import { penaltyRateOfOrder } from './overdue-policy';
import { type PeriodAutoDebitAttempt, periodAutoDebits } from './period-auto-debits';
import { defaultInstallmentPolicy, type InstallmentPolicy } from './policy';

export interface OrderOverdue {
  asOfDate: BusinessDate;
  daysPastDue: number;
  /** The delinquency bucket's code (M1…), null while current. */
  bucket: string | null;
  overduePeriods: number[];
  overduePrincipalMinor: number;
  penaltyAnnualRateBps: number;
  /** Penalty interest accrued to asOfDate on the overdue principal (the engine's figure). */
  penaltyAccruedMinor: number;
  /** Penalty booked on the order's period bills by the daily tick (paid, waived or owed). */
  penaltyBilledMinor: number;
  /** Penalty booked and neither paid nor waived. */
  penaltyOutstandingMinor: number;
  /** Each penalty line of a period bill, for staff to ask for its waiver (billing's maker–checker). */
  penaltyLines: {
    billId: string;
    period: number;
    position: number;
    amountMinor: number;
    paidMinor: number;
    waivedMinor: number;
    outstandingMinor: number;
  }[];
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
  bucketHistory: { changedOn: string; fromBucket: string | null; toBucket: string | null; daysPastDue: number }[];
  payments: OrderPaymentLine[];
  postings: OrderPosting[];
  /** Every auto-debit attempt on the period bills (attempt, date, result). */
  autoDebitAttempts: PeriodAutoDebitAttempt[];
  /** The order's parcels (logistics), newest first: the console links each to its shipment and label. */
  parcels: OrderParcel[];
}

export interface OrderParcel {
  shipmentId: string;
  direction: ShipmentDirection;
  carrier: string;
  waybillNo: string;
  state: ShipmentState;
  imei: string | null;
  unitId: string | null;
  createdAt: string;
  deliveredAt: string | null;
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
  const penaltyRate = penaltyRateOfOrder(order);
  const overduePeriods: number[] = [];
  let overduePrincipalMinor = 0;
  let penaltyAccruedMinor = 0;
  let oldestUnpaid: BusinessDate | null = null;
  const penaltyLines: OrderOverdue['penaltyLines'] = [];
  for (const row of bills) {
    const bill = await getBill(db, deps, row.billId, order.customerId);
    if (row.kind === 'period') {
      for (const l of bill.lines.filter((line) => line.kind === 'penalty')) {
        penaltyLines.push({
          billId: bill.id,
          period: row.sequence,
          position: l.position,
          amountMinor: l.amountMinor,
          paidMinor: l.paidMinor,
          waivedMinor: l.waivedMinor,
          outstandingMinor: l.outstandingMinor,
        });
      }
    }
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
    overduePrincipalMinor += principalMinor - sumMinor(principalLines.map((l) => l.paidMinor + l.waivedMinor));
    // The figure the daily tick books: principal payments counted from the day each was made.
    penaltyAccruedMinor += penaltyDue(bill, asOfDate, penaltyRate, deps.timeZone).accruedMinor;
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
      penaltyBilledMinor: sumMinor(penaltyLines.map((l) => l.amountMinor)),
      penaltyOutstandingMinor: sumMinor(penaltyLines.map((l) => l.outstandingMinor)),
      penaltyLines,
    },
    bucketHistory: (await bucketHistory(db, order.id)).map((c) => ({
      changedOn: c.changedOn,
      fromBucket: c.fromBucket,
      toBucket: c.toBucket,
      daysPastDue: c.daysPastDue,
    })),
    payments,
    autoDebitAttempts: (await periodAutoDebits(db, deps, await periodBills(db, deps, order))).attempts,
    postings: await orderPostings(db, order.id, [...new Set(bills.map((b) => b.billId))], paymentTransferIds),
    parcels: (await shipmentsOfOrder(db, order.id)).map((s) => ({
      shipmentId: s.id,
      direction: s.direction,
      carrier: s.carrier,
      waybillNo: s.waybillNo,
      state: s.state,
      imei: s.summary.imei,
      unitId: s.summary.unitId,
      createdAt: s.createdAt,
      deliveredAt: s.deliveredAt,
    })),
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
