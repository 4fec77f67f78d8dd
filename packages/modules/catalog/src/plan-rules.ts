// What a rental plan may be (DOMAIN §3): a term of 7/15/30 days or 3/6/12/24 months, a rent per
// period, a deposit (default: the market price), a price to keep the phone at the end, the periods
// paid up front, optional add-ons and the rent of a renewal.
import { CatalogLimits } from './limits';
import { FieldProblems, isAmountMinor } from './problems';
import type { PlanAddOn, TermUnit } from './schema';
import { addOnCodes } from './views';

export const termCounts: Readonly<Record<TermUnit, readonly number[]>> = Object.freeze({
  day: [7, 15, 30],
  month: [3, 6, 12, 24],
});

export interface PlanFields {
  termUnit: TermUnit;
  termCount: number;
  rentMinor: number;
  depositMinor: number;
  buyoutAtEndMinor: number;
  upfrontPeriods: number;
  addOns: PlanAddOn[];
  renewalRentMinor: number;
}

/**
 * Checks every field and names each bad one. `marketPriceMinor` bounds the deposit and the buyout:
 * holding more than the phone is worth, or asking more than that to keep it, is never right.
 */
export function checkPlanFields(fields: PlanFields, marketPriceMinor: number): FieldProblems {
  const problems = new FieldProblems();
  const max = CatalogLimits.amountMinorMax;
  const counts = termCounts[fields.termUnit];
  if (counts === undefined) {
    problems.add('/body/termUnit', 'must be day or month', 'enum');
  } else {
    problems.check(
      counts.includes(fields.termCount),
      '/body/termCount',
      `a term in ${fields.termUnit}s must be one of ${counts.join(', ')}`,
      'enum',
    );
  }
  problems.check(
    isAmountMinor(fields.rentMinor, { min: 1, max }),
    '/body/rentMinor',
    `must be an integer of 分 from 1 to ${max}`,
  );
  problems.check(
    isAmountMinor(fields.depositMinor, { max: marketPriceMinor }),
    '/body/depositMinor',
    `must be an integer of 分 from 0 to the market price (${marketPriceMinor})`,
  );
  problems.check(
    isAmountMinor(fields.buyoutAtEndMinor, { max: marketPriceMinor }),
    '/body/buyoutAtEndMinor',
    `must be an integer of 分 from 0 to the market price (${marketPriceMinor})`,
  );
  problems.check(
    Number.isInteger(fields.upfrontPeriods) && fields.upfrontPeriods >= 1 && fields.upfrontPeriods <= fields.termCount,
    '/body/upfrontPeriods',
    'must be an integer from 1 to the number of periods in the term',
  );
  problems.check(
    isAmountMinor(fields.renewalRentMinor, { min: 1, max }),
    '/body/renewalRentMinor',
    `must be an integer of 分 from 1 to ${max}`,
  );
  const seen = new Set<string>();
  fields.addOns.forEach((addOn, index) => {
    const path = `/body/addOns/${index}`;
    problems.check(addOnCodes.includes(addOn.code), `${path}/code`, `must be one of ${addOnCodes.join(', ')}`, 'enum');
    problems.check(!seen.has(addOn.code), `${path}/code`, 'each add-on may appear once', 'duplicate');
    seen.add(addOn.code);
    problems.check(
      isAmountMinor(addOn.priceMinor, { min: 1, max }),
      `${path}/priceMinor`,
      'must be a positive integer of 分',
    );
    problems.check(addOn.per === 'period' || addOn.per === 'once', `${path}/per`, 'must be period or once', 'enum');
  });
  return problems;
}
