// The residual value of a phone for grade D (beyond repair or lost) at inspection: straight-line
// depreciation of the SKU's market price over 24 months to 20 % (DOMAIN §3), by whole months since the
// rent started, in integer 分 rounded half-up — the same formula as the inventory's book value, applied
// to the market price the customer's contract names rather than to our purchase cost.
import {
  addMonths,
  assert,
  assertNonNegativeMinor,
  type BusinessDate,
  compareDates,
  Dec,
  mulRoundHalfUp,
  roundHalfUp,
} from '@zulin/kernel';

export const depreciationMonths = 24;
export const residualShareBps = 2_000;

/** Whole calendar months from `from` to `to` (anniversaries clamp to month end); 0 if `to` is not later. */
export function wholeMonthsBetween(from: BusinessDate, to: BusinessDate): number {
  if (compareDates(to, from) <= 0) return 0;
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  let months = (toYear - fromYear) * 12 + (toMonth - fromMonth);
  // Not a whole month yet when the (clamped) anniversary falls after `to`.
  if (months > 0 && compareDates(addMonths(from, months), to) > 0) months -= 1;
  return Math.max(months, 0);
}

export function residualValueMinor(options: {
  marketPriceMinor: number;
  valueFrom: BusinessDate;
  asOf: BusinessDate;
}): number {
  const { marketPriceMinor } = options;
  assertNonNegativeMinor(marketPriceMinor, 'marketPriceMinor');
  const floorMinor = mulRoundHalfUp(marketPriceMinor, new Dec(residualShareBps).div(10_000));
  const months = Math.min(wholeMonthsBetween(options.valueFrom, options.asOf), depreciationMonths);
  // (price − floor) × months / 24 rounded once: a factor months/24 rounded first (5/24 = 0.2083…) made an
  // exact half such as 36 × 5 / 24 = 7.5 round down to 7 (found by residual-value.property.test.ts).
  const depreciationMinor = roundHalfUp(new Dec(marketPriceMinor - floorMinor).times(months).div(depreciationMonths));
  const valueMinor = marketPriceMinor - depreciationMinor;
  assert(valueMinor >= floorMinor, 'the residual value never falls below 20 % of the market price');
  assert(valueMinor <= marketPriceMinor, 'the residual value never exceeds the market price');
  return valueMinor;
}
