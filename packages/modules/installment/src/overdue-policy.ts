// The overdue policy as an operator setting (DOMAIN §6, issue #15): the penalty interest rate a year
// on overdue principal and the delinquency buckets (M1–M3+), kept the one way (identity's
// auditedSettings, installment_settings under `overdue_policy`), each change checked, audited with
// before/after and announced (`installment.overdue_policy_changed`).
//
// The penalty rate is a term of the contract: an order keeps the rate in force when it was placed
// (installment_orders.penalty_annual_rate_bps, printed in its contract), so a change applies to
// orders placed after it. The buckets only sort late orders for collections and reports: the daily
// overdue tick and the console read the buckets in force.
import { auditedSettings } from '@zulin/identity';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { DelinquencyBucket } from './delinquency-buckets';
import { InstallmentErrors } from './errors';
import { InstallmentLimits } from './limits';
import {
  defaultInstallmentPolicy,
  type InstallmentPolicy,
  penaltyAnnualRateBpsOf,
  rateCapBps,
  validatePolicy,
} from './policy';

export interface OverduePolicy {
  /** Penalty interest a year on overdue principal, accrued by the day (/365); null means the rate cap. */
  penaltyAnnualRateBps: number | null;
  delinquencyBuckets: DelinquencyBucket[];
}

export const defaultOverduePolicy: Readonly<OverduePolicy> = Object.freeze({
  penaltyAnnualRateBps: defaultInstallmentPolicy.penaltyAnnualRateBps,
  delinquencyBuckets: defaultInstallmentPolicy.delinquencyBuckets.map((bucket) => ({ ...bucket })),
});

const L = InstallmentLimits;

/** The JSON Schema of the overdue policy, for the console's form and the settings API. */
export const overduePolicySchema = Type.Object(
  {
    penaltyAnnualRateBps: Type.Union(
      [Type.Integer({ minimum: 0, maximum: L.lprBpsMax * L.capMultipleMax }), Type.Null()],
      { description: 'penalty interest a year in basis points, at most the rate cap; null: the cap itself' },
    ),
    delinquencyBuckets: Type.Array(
      Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: L.bucketCodeLengthMax }),
          minDays: Type.Integer({ minimum: 1, maximum: L.bucketDaysMax }),
          maxDays: Type.Union([Type.Integer({ minimum: 1, maximum: L.bucketDaysMax }), Type.Null()]),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: L.delinquencyBucketsMax },
    ),
  },
  { additionalProperties: false },
);

/**
 * Checks an overdue policy from outside and names every bad field (INSTALLMENT_POLICY_INVALID): the
 * shape first, then the policy's rules (the rate at most the cap; buckets sorted, contiguous, the
 * last open-ended). Missing fields take their default.
 */
export function parseOverduePolicy(input: unknown): OverduePolicy {
  const merged = typeof input === 'object' && input !== null ? { ...defaultOverduePolicy, ...input } : input;
  const errors = Value.Errors(overduePolicySchema, merged).map((e) => ({
    path: `/body${e.instancePath}`,
    message: e.message,
  }));
  if (errors.length > 0) {
    throw InstallmentErrors.INSTALLMENT_POLICY_INVALID({ detail: `${errors.length} field(s) are not valid.`, errors });
  }
  const policy = merged as OverduePolicy;
  validatePolicy(policyOf(policy));
  return {
    penaltyAnnualRateBps: policy.penaltyAnnualRateBps,
    delinquencyBuckets: policy.delinquencyBuckets.map(({ code, minDays, maxDays }) => ({ code, minDays, maxDays })),
  };
}

/** The installment policy with the overdue policy in force (the rate cap stays the kernel's rule). */
export function policyOf(overdue: OverduePolicy): InstallmentPolicy {
  return { ...defaultInstallmentPolicy, ...overdue };
}

/** The penalty rate an order placed under this policy carries in its contract, in bps a year. */
export function penaltyRateForNewOrders(overdue: OverduePolicy): number {
  return penaltyAnnualRateBpsOf(policyOf(overdue));
}

/**
 * The stored policy read back within today's cap: a rate saved under a higher cap (the LPR is the
 * kernel's and moves with a release) reads as the cap, so new orders never carry a rate above it and
 * the daily tick and order placing keep working. Orders placed earlier keep their own rate.
 */
export function storedOverduePolicy(stored: unknown): OverduePolicy {
  const capBps = rateCapBps(defaultInstallmentPolicy);
  const rate = typeof stored === 'object' && stored !== null ? (stored as OverduePolicy).penaltyAnnualRateBps : null;
  return parseOverduePolicy(
    typeof rate === 'number' && rate > capBps ? { ...(stored as object), penaltyAnnualRateBps: capBps } : stored,
  );
}

export const installmentOverduePolicy = auditedSettings<OverduePolicy>({
  table: 'installment_settings',
  key: 'overdue_policy',
  defaults: defaultOverduePolicy,
  parse: parseOverduePolicy,
  fromStorage: storedOverduePolicy,
  auditAction: 'installment.overdue_policy_changed',
  eventType: 'installment.overdue_policy_changed',
});

/** The penalty rate an order accrues at: its own (a term of its contract), or the cap for orders placed before rates were kept. */
export function penaltyRateOfOrder(order: { penaltyAnnualRateBps: number | null }): number {
  return order.penaltyAnnualRateBps ?? penaltyAnnualRateBpsOf(defaultInstallmentPolicy);
}
