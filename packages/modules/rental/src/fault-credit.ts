// No rent for days without a working phone (DOMAIN §5). A fault runs from the day it is reported to
// the day a working phone (repaired, or swapped: 换机) is signed for, both included — the same rule
// as the rent's start, which also leaves the day of delivery free. Each period is credited pro rata
// on its own rent and its actual days (a 28-day February period credits 1/28 of its rent a day, a
// 31-day one 1/31), rounded half-up once per period; a whole period without a phone credits the
// whole rent. Overlapping reports count each day once. Add-ons are not credited.
import {
  assert,
  type BusinessDate,
  compareDates,
  diffDays,
  isBusinessDate,
  mulDivRoundHalfUp,
  sumMinor,
} from '@zulin/kernel';
import { RentalLimits } from './limits';
import type { RentPeriod } from './rent-schedule';

/** Days without a working phone, both ends included. */
export interface FaultInterval {
  from: BusinessDate;
  to: BusinessDate;
}

export interface FaultCredit {
  period: number;
  periodDays: number;
  faultDays: number;
  rentMinor: number;
  creditMinor: number;
}

/** The days without a working phone for a fault reported on one day and fixed (phone back) on another. */
export function faultInterval(options: { reportedOn: BusinessDate; workingPhoneOn: BusinessDate }): FaultInterval {
  assert(isBusinessDate(options.reportedOn), 'reportedOn must be a business date');
  assert(isBusinessDate(options.workingPhoneOn), 'workingPhoneOn must be a business date');
  assert(
    compareDates(options.reportedOn, options.workingPhoneOn) <= 0,
    'a phone comes back after the fault is reported',
  );
  return { from: options.reportedOn, to: options.workingPhoneOn };
}

/**
 * The days a fault is counted for: from its report, or from the rent start when it was reported on the
 * day of delivery (no rent is due before the start), to the working phone. `null` when the phone was
 * back before the rent started (nothing to credit).
 */
export function rentedFaultInterval(options: {
  reportedOn: BusinessDate;
  workingPhoneOn: BusinessDate;
  rentStartDate: BusinessDate | null;
}): FaultInterval | null {
  const { reportedOn, workingPhoneOn, rentStartDate } = options;
  const from = rentStartDate !== null && compareDates(rentStartDate, reportedOn) > 0 ? rentStartDate : reportedOn;
  if (compareDates(from, workingPhoneOn) > 0) return null;
  return faultInterval({ reportedOn: from, workingPhoneOn });
}

export function faultCredits(options: { schedule: readonly RentPeriod[]; faults: readonly FaultInterval[] }): {
  credits: FaultCredit[];
  totalCreditMinor: number;
} {
  assert(options.faults.length <= RentalLimits.faultIntervalsMax, `at most ${RentalLimits.faultIntervalsMax} faults`);
  const merged = mergeIntervals(options.faults);
  const credits: FaultCredit[] = [];
  for (const p of options.schedule) {
    const faultDays = sumMinor(merged.map((f) => overlapDays(f, p.periodStart, p.periodEnd)));
    if (faultDays === 0) continue;
    assert(faultDays <= p.days, 'a period has no more fault days than days');
    const creditMinor = mulDivRoundHalfUp(p.rentMinor, faultDays, p.days);
    assert(creditMinor >= 0 && creditMinor <= p.rentMinor, 'a credit is between nothing and the period’s rent');
    credits.push({ period: p.period, periodDays: p.days, faultDays, rentMinor: p.rentMinor, creditMinor });
  }
  return { credits, totalCreditMinor: sumMinor(credits.map((c) => c.creditMinor)) };
}

/**
 * The credit of one more fault of an order whose earlier faults were credited already: each period
 * gets what the days of all the faults, counted once, are worth, less what the earlier faults were
 * given for it (so a day two faults share — the day one phone is signed for and the next fault is
 * reported — is credited once, and the order's credits per period add up to one half-up rounding).
 * `faultDays`: the days of this fault no earlier fault covered.
 */
export function additionalFaultCredits(options: {
  schedule: readonly RentPeriod[];
  earlier: readonly { interval: FaultInterval; credits: readonly { period: number; creditMinor: number }[] }[];
  fault: FaultInterval;
}): { credits: FaultCredit[]; totalCreditMinor: number; faultDays: number } {
  const earlierIntervals = options.earlier.map((e) => e.interval);
  const all = faultCredits({ schedule: options.schedule, faults: [...earlierIntervals, options.fault] });
  const before = faultCredits({ schedule: options.schedule, faults: earlierIntervals });
  const given = new Map<number, number>();
  for (const e of options.earlier) {
    for (const c of e.credits) given.set(c.period, (given.get(c.period) ?? 0) + c.creditMinor);
  }
  const credits: FaultCredit[] = [];
  for (const c of all.credits) {
    const earlierDays = before.credits.find((b) => b.period === c.period)?.faultDays ?? 0;
    const faultDays = c.faultDays - earlierDays;
    const creditMinor = Math.max(0, c.creditMinor - (given.get(c.period) ?? 0));
    if (faultDays === 0 && creditMinor === 0) continue;
    credits.push({ ...c, faultDays, creditMinor });
  }
  const merged = mergeIntervals(earlierIntervals);
  const own = diffDays(options.fault.from, options.fault.to) + 1;
  const shared = sumMinor(merged.map((m) => overlapDays(m, options.fault.from, options.fault.to)));
  return { credits, totalCreditMinor: sumMinor(credits.map((c) => c.creditMinor)), faultDays: own - shared };
}

/** Sorted, non-overlapping intervals covering the same days (adjacent ones joined). */
function mergeIntervals(faults: readonly FaultInterval[]): FaultInterval[] {
  for (const f of faults) {
    assert(isBusinessDate(f.from) && isBusinessDate(f.to), 'fault days are business dates');
    assert(compareDates(f.from, f.to) <= 0, `a fault ends on or after its start: ${f.from}..${f.to}`);
  }
  const sorted = [...faults].sort((a, b) => compareDates(a.from, b.from));
  const merged: FaultInterval[] = [];
  for (const f of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && diffDays(last.to, f.from) <= 1) {
      if (compareDates(f.to, last.to) > 0) last.to = f.to;
    } else {
      merged.push({ ...f });
    }
  }
  return merged;
}

function overlapDays(f: FaultInterval, start: BusinessDate, end: BusinessDate): number {
  const from = compareDates(f.from, start) > 0 ? f.from : start;
  const to = compareDates(f.to, end) < 0 ? f.to : end;
  return Math.max(0, diffDays(from, to) + 1);
}
