// The daily rent tick (DOMAIN §5): (1) orders delivered before today start their rent (the day after
// delivery), and (2) every renting order's next periods are billed through billing `billIssueAheadDays`
// before their due dates, once each (billing's (source, period) key makes a retry harmless). The
// schedule is the pure core's (rent-schedule.ts) from the real start of rent; the periods paid at
// checkout are not billed again. Set-based in bounded batches, each batch its own transaction.
import { issueBill } from '@zulin/billing';
import { type Executor, inBatches } from '@zulin/db';
import { addDays, type BusinessDate, formatCny } from '@zulin/kernel';
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { payOutFaultCredit } from './fault-credit-payout';
import { RentalLimits } from './limits';
import { moveOrder, type OrderRow, systemMover } from './order-store';
import { rentalBillSource } from './read-order-bills';
import { scheduleOf } from './rent-schedule';
import { rentalFaults, rentalOrders } from './schema';

/** Periods paid with the first payment: a day plan's one period, or the plan's upfront months. */
function paidAtCheckout(order: OrderRow): number {
  return order.plan.termUnit === 'day' ? 1 : order.plan.upfrontPeriods;
}

export async function runRentTick(
  db: Executor,
  deps: RentalDeps,
  businessDate: BusinessDate,
): Promise<{ started: number; billed: number }> {
  const batch = { batchSize: RentalLimits.rentTickBatchSize, maxBatches: RentalLimits.rentTickBatchesPerRun };
  const started = await inBatches(db, batch, (tx) => startRents(tx, deps, businessDate));
  let billed = 0;
  await inBatches(db, batch, async (tx) => {
    const result = await billDuePeriods(tx, deps, businessDate);
    billed += result.bills;
    return result.orders;
  });
  return { started, billed };
}

/** delivered → active for orders whose rent starts on or before the business date. */
export async function startRents(tx: Executor, deps: RentalDeps, businessDate: BusinessDate): Promise<number> {
  const due = await tx
    .select()
    .from(rentalOrders)
    .where(and(eq(rentalOrders.status, 'delivered'), lte(rentalOrders.rentStartDate, businessDate)))
    .orderBy(asc(rentalOrders.rentStartDate), asc(rentalOrders.id))
    .limit(RentalLimits.rentTickBatchSize)
    .for('update', { skipLocked: true });
  for (const order of due) {
    const schedule = scheduleOf(order);
    const billedThrough = Math.min(paidAtCheckout(order), schedule.length);
    await moveOrder(tx, {
      order,
      action: 'start_rent',
      by: systemMover,
      now: deps.clock.now(),
      facts: { rent_start_reached: true },
      set: {
        billedThroughPeriod: billedThrough,
        nextBillDueDate: schedule[billedThrough]?.dueDate ?? null,
      },
      detail: { rentStartDate: order.rentStartDate, periods: schedule.length },
    });
  }
  return due.length;
}

/** Bills each renting order's periods due within `billIssueAheadDays`; answers orders and bills handled. */
export async function billDuePeriods(
  tx: Executor,
  deps: RentalDeps,
  businessDate: BusinessDate,
): Promise<{ orders: number; bills: number }> {
  const horizon = addDays(businessDate, RentalLimits.billIssueAheadDays);
  const due = await tx
    .select()
    .from(rentalOrders)
    .where(and(inArray(rentalOrders.status, ['active', 'renewed']), lte(rentalOrders.nextBillDueDate, horizon)))
    .orderBy(asc(rentalOrders.nextBillDueDate), asc(rentalOrders.id))
    .limit(RentalLimits.rentTickBatchSize)
    .for('update', { skipLocked: true });
  let bills = 0;
  // Orders with fault credit left to take (few): one read for the batch, through the partial index.
  const credited = new Set(
    due.length === 0
      ? []
      : (
          await tx
            .selectDistinct({ orderId: rentalFaults.orderId })
            .from(rentalFaults)
            .where(
              and(
                inArray(
                  rentalFaults.orderId,
                  due.map((o) => o.id),
                ),
                gt(rentalFaults.creditMinor, rentalFaults.creditedMinor),
              ),
            )
        ).map((r) => r.orderId),
  );
  for (const order of due) {
    const schedule = scheduleOf(order);
    let through = order.billedThroughPeriod;
    for (const period of schedule.slice(through)) {
      if (period.dueDate > horizon) break;
      const credit = credited.has(order.id)
        ? await takeFaultCredit(tx, { orderId: order.id, period: period.period, maxMinor: period.rentMinor })
        : { amountMinor: 0, days: 0 };
      const rentMinor = period.rentMinor - credit.amountMinor;
      const lines = [
        ...(rentMinor > 0
          ? [
              {
                kind: 'rent' as const,
                description:
                  credit.amountMinor > 0
                    ? `${period.periodStart} – ${period.periodEnd}（故障停机 ${credit.days} 天抵扣 ${formatCny(credit.amountMinor, 'zh-CN')}）`
                    : `${period.periodStart} – ${period.periodEnd}`,
                amountMinor: rentMinor,
              },
            ]
          : []),
        ...(period.addOnsMinor > 0
          ? [{ kind: 'fee' as const, description: '增值服务', amountMinor: period.addOnsMinor }]
          : []),
      ];
      through = period.period;
      // A period whose rent the fault credit covers in full, with no add-on, has nothing to bill.
      if (lines.length === 0) continue;
      await issueBill(tx, deps, {
        customerId: order.customerId,
        sourceType: rentalBillSource,
        sourceId: order.id,
        period: period.period,
        title: `租金 第 ${period.period}/${schedule.length} 期`,
        dueDate: period.dueDate,
        lines,
        issuedBy: 'rental',
      });
      bills += 1;
    }
    const billed = { billedThroughPeriod: through, nextBillDueDate: schedule[through]?.dueDate ?? null };
    await tx
      .update(rentalOrders)
      .set({ ...billed, updatedAt: deps.clock.now() })
      .where(eq(rentalOrders.id, order.id));
    // The last period is billed: credit its rent could not hold has no bill left to come off, and is
    // paid to the wallet now (fault-credit-payout.ts).
    if (credited.has(order.id)) await payOutFaultCredit(tx, deps, { ...order, ...billed });
  }
  return { orders: due.length, bills };
}

/**
 * Takes what is left of the order's fault credits (resolved faults, oldest first) off a period's rent,
 * up to that rent; what does not fit waits for the next period's bill. Answers the amount taken and
 * the fault days it stands for (for the bill line's words).
 */
export async function takeFaultCredit(
  tx: Executor,
  options: { orderId: string; period: number; maxMinor: number },
): Promise<{ amountMinor: number; days: number }> {
  const faults = await tx
    .select()
    .from(rentalFaults)
    .where(and(eq(rentalFaults.orderId, options.orderId), gt(rentalFaults.creditMinor, rentalFaults.creditedMinor)))
    .orderBy(asc(rentalFaults.resolvedAt), asc(rentalFaults.id))
    .limit(RentalLimits.faultIntervalsMax)
    .for('update');
  let left = options.maxMinor;
  let amountMinor = 0;
  let days = 0;
  for (const fault of faults) {
    const take = Math.min(left, fault.creditMinor - fault.creditedMinor);
    if (take <= 0) break;
    left -= take;
    amountMinor += take;
    days += fault.faultDays;
    await tx
      .update(rentalFaults)
      .set({
        creditedMinor: fault.creditedMinor + take,
        appliedTo: [...fault.appliedTo, { period: options.period, amountMinor: take }],
      })
      .where(eq(rentalFaults.id, fault.id));
  }
  return { amountMinor, days };
}
