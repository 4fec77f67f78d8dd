// The rent schedule (DOMAIN §1, §5). Rent accrues from the day AFTER the delivery is signed for; that
// first day is the anchor: monthly periods start on the anchor day of each month, clamped to the
// month's end (start 2027-01-31 → 02-28 → 03-31 → 04-30), and each period's rent is due on the day
// it starts, since rent is paid in advance. A day plan (7, 15 or 30 days) is one period: the whole
// term, paid at checkout. Accepted renewals continue the schedule with the same anchor.
import { addDays, assert, type BusinessDate, diffDays, isBusinessDate, monthlyDueDate, sumMinor } from '@zulin/kernel';
import { RentalLimits } from './limits';
import type { OrderRow } from './order-store';
import { type AddOnCode, assertPlanTerms, type PlanAddOn, type RentalPlanTerms, type TermUnit } from './plan-terms';

/** An accepted renewal, as stored on the order: `count` months (or days) at `rentMinor` per month (or day). */
export interface Renewal {
  unit: TermUnit;
  count: number;
  rentMinor: number;
}

export const renewalMonthCounts: readonly number[] = [1, 3, 6, 12];
export const renewalDayCounts: readonly number[] = [7, 15, 30];

export interface RentPeriod {
  /** 1-based, across the plan's term and its renewals. */
  period: number;
  /** 0 for the plan's own term, n for the n-th renewal. */
  segment: number;
  periodStart: BusinessDate;
  /** The last day the period covers (inclusive). */
  periodEnd: BusinessDate;
  days: number;
  /** Rent is paid in advance: a period is due on its first day. */
  dueDate: BusinessDate;
  rentMinor: number;
  /** Add-ons charged per period (screen insurance…) for this period. */
  addOnsMinor: number;
  amountMinor: number;
}

/** Rent starts the day after the delivery is signed for (DOMAIN §5). */
export function rentStartDate(deliverySignedOn: BusinessDate): BusinessDate {
  assert(isBusinessDate(deliverySignedOn), `deliverySignedOn must be a business date: ${deliverySignedOn}`);
  return addDays(deliverySignedOn, 1);
}

/** The chosen add-ons, checked against the plan's offer; unknown codes are the caller's to refuse first. */
export function chosenAddOns(plan: RentalPlanTerms, codes: readonly AddOnCode[]): PlanAddOn[] {
  return plan.addOns.filter((a) => codes.includes(a.code));
}

export interface BuildRentScheduleOptions {
  plan: RentalPlanTerms;
  startDate: BusinessDate;
  /** The add-ons the customer took (a subset of the plan's); only `per: 'period'` ones recur. */
  addOns: readonly PlanAddOn[];
  renewals?: readonly Renewal[];
}

export function buildRentSchedule(options: BuildRentScheduleOptions): RentPeriod[] {
  const { plan, startDate } = options;
  const renewals = options.renewals ?? [];
  assertPlanTerms(plan);
  assert(isBusinessDate(startDate), `startDate must be a business date: ${startDate}`);
  assert(renewals.length <= RentalLimits.renewalsMax, `at most ${RentalLimits.renewalsMax} renewals`);
  const perPeriodMinor = sumMinor(options.addOns.filter((a) => a.per === 'period').map((a) => a.priceMinor));
  const segments: Renewal[] = [{ unit: plan.termUnit, count: plan.termCount, rentMinor: plan.rentMinor }];
  for (const renewal of renewals) {
    assertRenewal(renewal, plan.termUnit);
    segments.push(renewal);
  }
  const periods: RentPeriod[] = [];
  let monthsBefore = 0;
  let nextStart = startDate;
  for (const [segment, { unit, count, rentMinor }] of segments.entries()) {
    if (unit === 'day') {
      // The whole stretch of days is one period: rent and per-day add-ons for every day of it.
      const periodEnd = addDays(nextStart, count - 1);
      periods.push(
        period(periods.length + 1, segment, nextStart, periodEnd, rentMinor * count, perPeriodMinor * count),
      );
      nextStart = addDays(periodEnd, 1);
      continue;
    }
    for (let month = 0; month < count; month++) {
      // Always from the first start date, so the anchor day survives short months.
      const periodStart = monthlyDueDate(startDate, monthsBefore + month);
      const periodEnd = addDays(monthlyDueDate(startDate, monthsBefore + month + 1), -1);
      periods.push(period(periods.length + 1, segment, periodStart, periodEnd, rentMinor, perPeriodMinor));
    }
    monthsBefore += count;
    assert(periods.length <= RentalLimits.schedulePeriodsMax, `at most ${RentalLimits.schedulePeriodsMax} periods`);
  }
  assertContiguous(periods, startDate);
  return periods;
}

function period(
  index: number,
  segment: number,
  periodStart: BusinessDate,
  periodEnd: BusinessDate,
  rentMinor: number,
  addOnsMinor: number,
): RentPeriod {
  const amountMinor = sumMinor([rentMinor, addOnsMinor]);
  const days = diffDays(periodStart, periodEnd) + 1;
  return {
    period: index,
    segment,
    periodStart,
    periodEnd,
    days,
    dueDate: periodStart,
    rentMinor,
    addOnsMinor,
    amountMinor,
  };
}

export function assertRenewal(renewal: Renewal, planUnit: TermUnit): void {
  assert(renewal.unit === planUnit, `a ${planUnit} plan renews in ${planUnit}s, not ${renewal.unit}s`);
  const counts = renewal.unit === 'month' ? renewalMonthCounts : renewalDayCounts;
  assert(counts.includes(renewal.count), `a renewal of ${renewal.count} ${renewal.unit}s is not offered`);
  assert(Number.isSafeInteger(renewal.rentMinor), 'renewal rentMinor must be an integer');
  assert(renewal.rentMinor > 0, 'renewal rentMinor must be positive');
  assert(renewal.rentMinor <= RentalLimits.amountMinorMax, 'renewal rentMinor is out of range');
}

/** Every day from the start to the end is in exactly one period. */
function assertContiguous(periods: readonly RentPeriod[], startDate: BusinessDate): void {
  let expected = startDate;
  for (const p of periods) {
    assert(p.periodStart === expected, `period ${p.period} starts on ${p.periodStart}, expected ${expected}`);
    assert(p.days >= 1, `period ${p.period} has no days`);
    expected = addDays(p.periodEnd, 1);
  }
}

/** The last day of rent under the schedule (inclusive). */
export function termEndDate(schedule: readonly RentPeriod[]): BusinessDate {
  const last = schedule.at(-1);
  assert(last !== undefined, 'a schedule has at least one period');
  return last.periodEnd;
}

/** Contracted months of a monthly schedule, renewals included; 0 for a day plan. */
export function contractedMonths(plan: RentalPlanTerms, renewals: readonly Renewal[]): number {
  if (plan.termUnit === 'day') return 0;
  return plan.termCount + renewals.reduce((months, r) => months + r.count, 0);
}

/** The rent schedule of an order as placed and renewed; none before its rent has started. */
export function scheduleOf(order: OrderRow): RentPeriod[] {
  if (order.rentStartDate === null) return [];
  return buildRentSchedule({
    plan: order.plan,
    startDate: order.rentStartDate,
    addOns: chosenAddOns(order.plan, order.addOns as never),
    renewals: order.renewals,
  });
}
