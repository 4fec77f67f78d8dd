// Book value for unit economics (DOMAIN §3, not tax): straight line from the purchase cost to a
// 20 % residual over 24 months, by whole months since the purchase date, in integer 分 half-up.
import {
  addMonths,
  assert,
  assertNonNegativeMinor,
  type BusinessDate,
  compareDates,
  Dec,
  mulDivRoundHalfUp,
  mulRoundHalfUp,
} from '@zulin/kernel';
import { InventoryLimits } from './limits';

/** Whole calendar months from `from` to `to` (the anchor day clamps to month end); 0 if `to` is earlier. */
export function wholeMonthsBetween(from: BusinessDate, to: BusinessDate): number {
  if (compareDates(to, from) <= 0) return 0;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  // Not a whole month yet when the anniversary (clamped) falls after `to`.
  if (months > 0 && compareDates(addMonths(from, months), to) > 0) months -= 1;
  return Math.max(months, 0);
}

export function bookValueMinor(options: { costMinor: number; purchaseDate: BusinessDate; asOf: BusinessDate }): number {
  const { costMinor } = options;
  assertNonNegativeMinor(costMinor, 'costMinor');
  const residualMinor = mulRoundHalfUp(costMinor, new Dec(InventoryLimits.residualBps).div(10_000));
  const months = Math.min(wholeMonthsBetween(options.purchaseDate, options.asOf), InventoryLimits.depreciationMonths);
  // (cost − residual) × months / 24, multiplied first and rounded once: an exact half 分 rounds up.
  const depreciationMinor = mulDivRoundHalfUp(costMinor - residualMinor, months, InventoryLimits.depreciationMonths);
  const valueMinor = costMinor - depreciationMinor;
  assert(valueMinor >= residualMinor && valueMinor <= costMinor, 'book value stays between the residual and the cost');
  return valueMinor;
}
