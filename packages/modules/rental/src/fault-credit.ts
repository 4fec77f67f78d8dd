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
  Dec,
  diffDays,
  isBusinessDate,
  mulRoundHalfUp,
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
    const creditMinor = mulRoundHalfUp(p.rentMinor, new Dec(faultDays).div(p.days));
    assert(creditMinor >= 0 && creditMinor <= p.rentMinor, 'a credit is between nothing and the period’s rent');
    credits.push({ period: p.period, periodDays: p.days, faultDays, rentMinor: p.rentMinor, creditMinor });
  }
  return { credits, totalCreditMinor: sumMinor(credits.map((c) => c.creditMinor)) };
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
