// The overdue policy as an operator setting (DOMAIN §6, issue #15): the penalty interest rate a year
// on overdue principal and the delinquency buckets (M1–M3+), kept the one way (identity's
// auditedSettings, installment_settings under `overdue_policy`), each change checked, audited with
// before/after and announced (`installment.overdue_policy_changed`).
//
// The penalty rate is a term of the contract: an order keeps the rate in force when it was placed
// (installment_orders.penalty_annual_rate_bps, printed in its contract), so a change applies to
// orders placed after it. The buckets only sort late orders for collections and reports: the daily
// overdue tick and the console read the buckets in force.
//
// The penalty rate is at most the rate cap in force (catalog's operator setting, `readRateCap`): a
// change is checked against it when saved (`saveOverduePolicy`), and a rate saved under a higher cap
// reads back as today's cap (`readOverduePolicy`), so no new order carries a rate above it.

import { type RateCap, readRateCap } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { auditedSettings, type StaffPrincipal, type StoredSettings } from '@zulin/identity';
import type { RateCapRule } from '@zulin/kernel';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { DelinquencyBucket } from './delinquency-buckets';
import { InstallmentErrors } from './errors';
import { InstallmentLimits } from './limits';
import { defaultInstallmentPolicy, type InstallmentPolicy, penaltyAnnualRateBpsOf, validatePolicy } from './policy';

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
    penaltyAnnualRateBps: Type.Union([Type.Integer({ minimum: 0, maximum: L.rateCapBpsMax }), Type.Null()], {
      description: 'penalty interest a year in basis points, at most the rate cap; null: the cap itself',
    }),
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

/** The widest cap an operator may configure: what a stored policy is read back under, before the cap in force applies. */
const widestRateCap: RateCapRule = { lprBps: L.lprBpsMax, capMultiple: L.capMultipleMax };

/**
 * Checks an overdue policy from outside and names every bad field (INSTALLMENT_POLICY_INVALID): the
 * shape first, then the policy's rules (the rate at most `cap`; buckets sorted, contiguous, the last
 * open-ended). Missing fields take their default.
 */
export function parseOverduePolicy(input: unknown, cap: RateCapRule = widestRateCap): OverduePolicy {
  const merged = typeof input === 'object' && input !== null ? { ...defaultOverduePolicy, ...input } : input;
  const errors = Value.Errors(overduePolicySchema, merged).map((e) => ({
    path: `/body${e.instancePath}`,
    message: e.message,
  }));
  if (errors.length > 0) {
    throw InstallmentErrors.INSTALLMENT_POLICY_INVALID({ detail: `${errors.length} field(s) are not valid.`, errors });
  }
  const policy = merged as OverduePolicy;
  validatePolicy(policyOf(policy, cap));
  return {
    penaltyAnnualRateBps: policy.penaltyAnnualRateBps,
    delinquencyBuckets: policy.delinquencyBuckets.map(({ code, minDays, maxDays }) => ({ code, minDays, maxDays })),
  };
}

/** The installment policy: the overdue policy in force under the rate cap in force. */
export function policyOf(overdue: OverduePolicy, cap: RateCapRule): InstallmentPolicy {
  return { ...defaultInstallmentPolicy, lprBps: cap.lprBps, capMultiple: cap.capMultiple, ...overdue };
}

/** The penalty rate an order placed under this policy and cap carries in its contract, in bps a year. */
export function penaltyRateForNewOrders(overdue: OverduePolicy, cap: RateCapRule): number {
  return penaltyAnnualRateBpsOf(policyOf(withinCap(overdue, cap), cap));
}

/**
 * The policy within a cap: a rate saved under a higher cap (the operator has lowered it since) reads
 * as the cap, so new orders never carry a rate above it and the daily tick and order placing keep
 * working. Orders placed earlier keep their own rate.
 */
export function withinCap(overdue: OverduePolicy, cap: RateCapRule): OverduePolicy {
  const capBps = cap.lprBps * cap.capMultiple;
  const rate = overdue.penaltyAnnualRateBps;
  return rate !== null && rate > capBps ? { ...overdue, penaltyAnnualRateBps: capBps } : overdue;
}

export const installmentOverduePolicy = auditedSettings<OverduePolicy>({
  table: 'installment_settings',
  key: 'overdue_policy',
  defaults: defaultOverduePolicy,
  parse: (input) => parseOverduePolicy(input),
  auditAction: 'installment.overdue_policy_changed',
  eventType: 'installment.overdue_policy_changed',
});

/** The overdue policy in force, within the rate cap in force at `at` (read in the same transaction), and that cap. */
export async function readOverduePolicy(
  db: Executor,
  at: Date,
): Promise<StoredSettings<OverduePolicy> & { cap: RateCap }> {
  const stored = await installmentOverduePolicy.read(db);
  const cap = await readRateCap(db, { at });
  return { ...stored, value: withinCap(stored.value, cap), cap };
}

/**
 * Changes the overdue policy: checked against the rate cap in force (a penalty rate above it is named
 * with the other bad fields), then saved, audited and announced in the caller's transaction.
 */
export async function saveOverduePolicy(
  tx: Executor,
  options: { input: unknown; staff: StaffPrincipal; now: Date },
): Promise<StoredSettings<OverduePolicy> & { cap: RateCap }> {
  const cap = await readRateCap(tx, { at: options.now, guard: true });
  parseOverduePolicy(options.input, cap);
  return { ...(await installmentOverduePolicy.save(tx, options)), cap };
}

/** The penalty rate an order accrues at: its own (a term of its contract), or the cap for orders placed before rates were kept. */
export function penaltyRateOfOrder(order: { penaltyAnnualRateBps: number | null }): number {
  // Such orders were placed when the cap was kernel's fixed 12.00 %, the only rate there was.
  return order.penaltyAnnualRateBps ?? penaltyAnnualRateBpsOf(defaultInstallmentPolicy);
}
