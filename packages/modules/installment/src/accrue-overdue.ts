// The daily overdue tick of installment orders (DOMAIN §6, issue #15): for each active order,
//   * penalty interest on every overdue period bill is booked into that bill, as a `penalty` line,
//     through billing's addBillCharge (customer receivables ← 4400 penalty revenue): the engine's
//     accruePenalty gives the whole penalty owed to the business date on the period's unpaid principal
//     (each principal payment counted from the business day it was made), and the tick books what is
//     not yet on the bill. The total is rounded once, so the booked sum always equals the engine's
//     figure, and paying the principal stops it from growing; payments take the penalty first
//     (billing's allocation: penalty → fees → interest → principal);
//   * the order's delinquency bucket (days past due of its oldest unpaid period under the policy's
//     ranges) is compared with the last row of its bucket history; a change is kept as a new row.
// Running it twice on one business date books nothing more and records nothing more.
import { addBillCharge, type BillView } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import { assert, type BusinessDate, businessDateOf, compareDates, sumMinor } from '@zulin/kernel';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import { accruePenalty, type PrincipalPayment } from './accrue-penalty';
import { bucketFor, daysPastDue } from './delinquency-buckets';
import type { InstallmentDeps } from './deps';
import { InstallmentLimits } from './limits';
import { type InstallmentOrderRow, periodBills } from './orders';
import { penaltyRateOfOrder } from './overdue-policy';
import { defaultInstallmentPolicy, type InstallmentPolicy } from './policy';
import { installmentBucketChanges, installmentOrders } from './schema';

type Deps = Pick<InstallmentDeps, 'clock' | 'timeZone'>;

const unpaid = (bill: BillView) => bill.status === 'open' || bill.status === 'overdue';

/**
 * The principal payments of a bill, each on the business day it was made: the parts of every payment
 * allocated to a principal line, and waived principal counted from the due date (the least penalty).
 */
export function principalPaymentsOf(bill: BillView, timeZone: string): PrincipalPayment[] {
  const principal = new Set(bill.lines.filter((l) => l.kind === 'principal').map((l) => l.position));
  const out: PrincipalPayment[] = [];
  const waivedMinor = sumMinor(bill.lines.filter((l) => principal.has(l.position)).map((l) => l.waivedMinor));
  if (waivedMinor > 0) out.push({ date: bill.dueDate, amountMinor: waivedMinor });
  for (const payment of bill.payments) {
    const amountMinor = sumMinor(
      payment.allocations.filter((a) => principal.has(a.position)).map((a) => a.amountMinor),
    );
    if (amountMinor > 0) out.push({ date: businessDateOf(payment.createdAt, timeZone), amountMinor });
  }
  return out;
}

/**
 * The penalty owed on one period bill as of a date (the engine's figure), what is already booked on it,
 * and the difference still to book (never negative: a booked penalty is only taken back by a waiver).
 */
export function penaltyDue(
  bill: BillView,
  asOfDate: BusinessDate,
  penaltyAnnualRateBps: number,
  timeZone: string,
): { accruedMinor: number; bookedMinor: number; toBookMinor: number } {
  const principalMinor = sumMinor(bill.lines.filter((l) => l.kind === 'principal').map((l) => l.amountMinor));
  const accruedMinor = accruePenalty({
    dueDate: bill.dueDate,
    asOfDate,
    principalMinor,
    principalPayments: principalPaymentsOf(bill, timeZone),
    penaltyAnnualRateBps,
  }).penaltyMinor;
  const bookedMinor = sumMinor(bill.lines.filter((l) => l.kind === 'penalty').map((l) => l.amountMinor));
  return { accruedMinor, bookedMinor, toBookMinor: Math.max(0, accruedMinor - bookedMinor) };
}

/** Books the penalty a period bill owes as of the date and not yet booked; returns the amount booked. */
export async function bookPeriodPenalty(
  tx: Executor,
  deps: Deps,
  options: { bill: BillView; period: number; asOfDate: BusinessDate; penaltyAnnualRateBps: number },
): Promise<number> {
  const { bill } = options;
  if (!unpaid(bill) || compareDates(bill.dueDate, options.asOfDate) >= 0) return 0;
  const { toBookMinor } = penaltyDue(bill, options.asOfDate, options.penaltyAnnualRateBps, deps.timeZone);
  if (toBookMinor === 0) return 0;
  await addBillCharge(tx, deps, {
    billId: bill.id,
    sourceType: bill.sourceType,
    sourceId: bill.sourceId,
    kind: 'penalty',
    description: `第 ${options.period} 期逾期罚息`,
    amountMinor: toBookMinor,
  });
  return toBookMinor;
}

export interface BucketChange {
  orderId: string;
  changedOn: BusinessDate;
  fromBucket: string | null;
  toBucket: string | null;
  daysPastDue: number;
  createdAt: Date;
}

/** An order's bucket history, oldest first. */
export async function bucketHistory(db: Executor, orderId: string): Promise<BucketChange[]> {
  return db
    .select()
    .from(installmentBucketChanges)
    .where(eq(installmentBucketChanges.orderId, orderId))
    .orderBy(asc(installmentBucketChanges.changedOn))
    .limit(InstallmentLimits.bucketChangesListMax);
}

/** One order's overdue work for a business date: its penalties booked and its bucket change kept. */
export async function trackOrderOverdue(
  tx: Executor,
  deps: Deps,
  order: InstallmentOrderRow,
  businessDate: BusinessDate,
  policy: InstallmentPolicy = defaultInstallmentPolicy,
): Promise<{ penaltyBookedMinor: number; change: BucketChange | null }> {
  assert(order.status === 'active', 'only a repaying order runs late');
  const rate = penaltyRateOfOrder(order);
  let penaltyBookedMinor = 0;
  let oldestUnpaid: BusinessDate | null = null;
  for (const { period, bill } of await periodBills(tx, deps, order)) {
    if (!unpaid(bill) || compareDates(bill.dueDate, businessDate) >= 0) continue;
    if (oldestUnpaid === null || compareDates(bill.dueDate, oldestUnpaid) < 0) oldestUnpaid = bill.dueDate;
    penaltyBookedMinor += await bookPeriodPenalty(tx, deps, {
      bill,
      period,
      asOfDate: businessDate,
      penaltyAnnualRateBps: rate,
    });
  }
  const days = daysPastDue(oldestUnpaid, businessDate);
  const bucket = bucketFor(policy.delinquencyBuckets, days)?.code ?? null;
  const [last] = await tx
    .select()
    .from(installmentBucketChanges)
    .where(eq(installmentBucketChanges.orderId, order.id))
    .orderBy(desc(installmentBucketChanges.changedOn))
    .limit(1);
  const lastBucket = last?.toBucket ?? null;
  if (bucket === lastBucket || (last !== undefined && last.changedOn >= businessDate)) {
    return { penaltyBookedMinor, change: null };
  }
  const change: BucketChange = {
    orderId: order.id,
    changedOn: businessDate,
    fromBucket: lastBucket,
    toBucket: bucket,
    daysPastDue: days,
    createdAt: deps.clock.now(),
  };
  const inserted = await tx.insert(installmentBucketChanges).values(change).onConflictDoNothing().returning();
  return { penaltyBookedMinor, change: inserted.length > 0 ? change : null };
}

/**
 * The tick's batch: the next active orders after `after.id`, each locked; returns how many it took
 * and the last id (the next batch's cursor).
 */
export async function trackOverdueBatch(
  tx: Executor,
  deps: Deps,
  businessDate: BusinessDate,
  after: string | null,
  policy: InstallmentPolicy = defaultInstallmentPolicy,
): Promise<{ orders: number; lastId: string | null; penaltyBookedMinor: number; changes: number }> {
  const rows = await tx
    .select()
    .from(installmentOrders)
    .where(and(eq(installmentOrders.status, 'active'), after === null ? undefined : gt(installmentOrders.id, after)))
    .orderBy(asc(installmentOrders.id))
    .limit(InstallmentLimits.overdueBatchSize)
    .for('update', { skipLocked: true });
  let penaltyBookedMinor = 0;
  let changes = 0;
  for (const row of rows) {
    const done = await trackOrderOverdue(tx, deps, row, businessDate, policy);
    penaltyBookedMinor += done.penaltyBookedMinor;
    if (done.change) changes += 1;
  }
  return { orders: rows.length, lastId: rows.at(-1)?.id ?? after, penaltyBookedMinor, changes };
}
