// The terms of a rental plan as the rental module needs them: a plain object with the catalog plan's
// fields (DOMAIN §3), so that a quote can be made from a plan read through `@zulin/catalog` or from a
// plan copied onto an order, without reaching into the catalog's tables.
import type { PlanAddOn, TermUnit } from '@zulin/catalog';
import { assert, assertNonNegativeMinor } from '@zulin/kernel';
import { RentalLimits } from './limits';

export type { PlanAddOn, TermUnit };
export type AddOnCode = PlanAddOn['code'];

export interface RentalPlanTerms {
  /** `month`: a period is a calendar month. `day`: the term (7, 15 or 30 days) is billed as one period. */
  termUnit: TermUnit;
  termCount: number;
  /** Rent per catalog period: per month, or per day for a day plan. */
  rentMinor: number;
  depositMinor: number;
  buyoutAtEndMinor: number;
  /** Months paid at checkout (monthly plans). A day plan is paid in full at checkout whatever this says. */
  upfrontPeriods: number;
  addOns: readonly PlanAddOn[];
  /** Rent per period of a renewal (per month, or per day for a day plan). */
  renewalRentMinor: number;
}

export const monthTermCounts: readonly number[] = [3, 6, 12, 24];
export const dayTermCounts: readonly number[] = [7, 15, 30];

function assertAmount(amountMinor: number, name: string): void {
  assertNonNegativeMinor(amountMinor, name);
  assert(amountMinor <= RentalLimits.amountMinorMax, `${name} must be at most ${RentalLimits.amountMinorMax}`);
}

/**
 * The plan comes from the catalog, which validated it when it was saved, so a bad plan here is a bug:
 * an assertion, not a customer-facing error.
 */
export function assertPlanTerms(plan: RentalPlanTerms): void {
  const counts = plan.termUnit === 'month' ? monthTermCounts : dayTermCounts;
  assert(plan.termUnit === 'month' || plan.termUnit === 'day', `termUnit must be month or day: ${plan.termUnit}`);
  assert(counts.includes(plan.termCount), `termCount ${plan.termCount} is not a ${plan.termUnit} term`);
  assertAmount(plan.rentMinor, 'rentMinor');
  assert(plan.rentMinor > 0, 'rentMinor must be positive');
  assertAmount(plan.depositMinor, 'depositMinor');
  assertAmount(plan.buyoutAtEndMinor, 'buyoutAtEndMinor');
  assertAmount(plan.renewalRentMinor, 'renewalRentMinor');
  assert(plan.renewalRentMinor > 0, 'renewalRentMinor must be positive');
  assert(Number.isInteger(plan.upfrontPeriods), 'upfrontPeriods must be an integer');
  assert(plan.upfrontPeriods >= 1, 'upfrontPeriods must be at least 1');
  assert(plan.upfrontPeriods <= plan.termCount, 'upfrontPeriods must be at most the term');
  const codes = new Set(plan.addOns.map((a) => a.code));
  assert(codes.size === plan.addOns.length, 'each add-on appears once in a plan');
  for (const addOn of plan.addOns) assertAmount(addOn.priceMinor, `addOns.${addOn.code}.priceMinor`);
}
