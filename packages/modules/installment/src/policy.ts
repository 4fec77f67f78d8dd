// The installment policy (DOMAIN §6): the LPR and the cap it sets, the penalty rate, the delinquency
// buckets and the order in which a payment settles what is owed. The LPR and the multiple are the
// operator's rate cap (catalog's setting, `readRateCap`); the penalty rate and the buckets the
// overdue policy (overdue-policy.ts `policyOf` puts the two together).
import { Dec, type Decimal, defaultRateCapRule, rateCapBpsOf } from '@zulin/kernel';
import { checkBuckets, type DelinquencyBucket, defaultDelinquencyBuckets } from './delinquency-buckets';
import { InstallmentErrors } from './errors';
import { FieldProblems, isIntegerIn } from './field-problems';
import { InstallmentLimits } from './limits';

export const allocationOrders = ['oldest_period_first', 'component_first'] as const;
/**
 * Both settle penalty → fees → interest → principal, oldest period first. `oldest_period_first`
 * settles a period completely before the next (a period's bill closes before the next is touched);
 * `component_first` settles every period's penalty first, then every period's fees, and so on.
 */
export type AllocationOrder = (typeof allocationOrders)[number];

export interface InstallmentPolicy {
  /** The one-year loan prime rate (贷款市场报价利率), in basis points. */
  lprBps: number;
  /** The cap on any offer's annualised rate is this many times the LPR. */
  capMultiple: number;
  /** Penalty interest a year on overdue principal, accrued by the day (/365); null means the cap. */
  penaltyAnnualRateBps: number | null;
  delinquencyBuckets: readonly DelinquencyBucket[];
  allocationOrder: AllocationOrder;
}

/** LPR 3.00 %, cap 4 × LPR = 12.00 %, penalty at the cap (12 %/365 ≈ 3.29 bps a day), M1–M3+. */
export const defaultInstallmentPolicy: InstallmentPolicy = Object.freeze({
  // The cap's numbers are kernel's defaultRateCapRule, the default of catalog's rate cap setting.
  lprBps: defaultRateCapRule.lprBps,
  capMultiple: defaultRateCapRule.capMultiple,
  penaltyAnnualRateBps: null,
  delinquencyBuckets: defaultDelinquencyBuckets,
  allocationOrder: 'oldest_period_first',
});

const DAYS_PER_YEAR = 365;

export function rateCapBps(policy: InstallmentPolicy): number {
  return rateCapBpsOf(policy);
}

export function penaltyAnnualRateBpsOf(policy: InstallmentPolicy): number {
  return policy.penaltyAnnualRateBps ?? rateCapBps(policy);
}

/** The penalty rate in basis points per day: the annual penalty rate / 365 (exact, not rounded). */
export function penaltyDailyRateBps(policy: InstallmentPolicy): Decimal {
  return new Dec(penaltyAnnualRateBpsOf(policy)).div(DAYS_PER_YEAR);
}

/** Checks a policy from the console; INSTALLMENT_POLICY_INVALID names every bad field. */
export function validatePolicy(policy: InstallmentPolicy, path = '/body'): InstallmentPolicy {
  const L = InstallmentLimits;
  const problems = new FieldProblems();
  problems.check(isIntegerIn(policy.lprBps, 1, L.lprBpsMax), `${path}/lprBps`, `must be 1 to ${L.lprBpsMax} bps`);
  problems.check(
    isIntegerIn(policy.capMultiple, 1, L.capMultipleMax),
    `${path}/capMultiple`,
    `must be a whole number from 1 to ${L.capMultipleMax}`,
  );
  const capBps = policy.lprBps * policy.capMultiple;
  problems.check(
    policy.penaltyAnnualRateBps === null || isIntegerIn(policy.penaltyAnnualRateBps, 0, capBps),
    `${path}/penaltyAnnualRateBps`,
    `must be null (the cap) or 0 to the cap of ${capBps} bps`,
  );
  problems.check(
    allocationOrders.includes(policy.allocationOrder),
    `${path}/allocationOrder`,
    `must be one of ${allocationOrders.join(', ')}`,
    'enum',
  );
  checkBuckets(policy.delinquencyBuckets, problems, `${path}/delinquencyBuckets`);
  problems.throwIfAny(InstallmentErrors.INSTALLMENT_POLICY_INVALID);
  return policy;
}
