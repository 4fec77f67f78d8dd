// The schedule after a partial prepayment (DOMAIN §6): periods k + 1 onward rebuilt on B' with the
// same monthly rate, due dates and per-period fee, keeping either the term or the installment.
import { assert, Dec, type Decimal, sumMinor } from '@zulin/kernel';
import { amortize, monthlyRateOf } from './amortize';
import { ruleFor } from './build-plan';
import { InstallmentLimits } from './limits';
import { lastPeriodOf } from './plan-state';
import type { AmortizationRule, InstallmentPlan, ScheduleRow } from './types';

export type PartialStrategy = 'reduce_term' | 'reduce_installment';

export interface RebuildOptions {
  plan: InstallmentPlan;
  paidPeriods: number;
  /** B' = B_k − X. */
  balanceMinor: number;
  strategy: PartialStrategy;
}

export interface Rebuilt {
  rule: AmortizationRule;
  rows: ScheduleRow[];
}

export function rebuildSchedule({ plan, paidPeriods, balanceMinor, strategy }: RebuildOptions): Rebuilt {
  const remaining = lastPeriodOf(plan) - paidPeriods;
  assert(remaining >= 1, 'a rebuild has at least one period left');
  assert(balanceMinor > 0, `a rebuild starts from a positive balance: ${balanceMinor}`);
  const monthlyRate = monthlyRateOf(plan.terms.annualRateBps);
  const layOut = (rule: AmortizationRule, periods: number) =>
    amortize({
      startDate: plan.terms.startDate,
      monthlyRate,
      openingBalanceMinor: balanceMinor,
      firstPeriod: paidPeriods + 1,
      lastPeriod: paidPeriods + periods,
      rule,
      periodFeeMinor: plan.periodFeeMinor,
    });
  const rebuilt =
    strategy === 'reduce_term'
      ? {
          rule: plan.rule,
          rows: withoutEmptyTail(layOut(plan.rule, reducedTerm(plan.rule, monthlyRate, balanceMinor, remaining))),
        }
      : reduceInstallment(plan, paidPeriods, balanceMinor, (rule) => layOut(rule, remaining));
  assert(sumMinor(rebuilt.rows.map((row) => row.principalMinor)) === balanceMinor, "the new principals add up to B'");
  return rebuilt;
}

/**
 * Reduce installment: the same method on B' over the n − k remaining periods (a new M, or
 * round(B'/(n − k))). When X is a few 分, rounding can put that amount above the old one, or so far
 * below the exact one that the slower repayment costs more interest than the prepayment saves. So the
 * amount is capped at the old one, and raised 分 by 分 (towards the old one, which provably never
 * costs more interest: a lower balance under the same rule stays lower every period) until the new
 * schedule's interest is no more than the old schedule's for the same periods.
 */
function reduceInstallment(
  plan: InstallmentPlan,
  paidPeriods: number,
  balanceMinor: number,
  layOut: (rule: AmortizationRule) => ScheduleRow[],
): Rebuilt {
  const oldAmount = amountOf(plan.rule);
  const freshAmount = amountOf(ruleFor(plan.terms, balanceMinor, lastPeriodOf(plan) - paidPeriods));
  const oldInterestMinor = interestOf(plan.schedule.slice(paidPeriods));
  // Ends by installmentRaisesMax tries at the latest: from then on the old amount is used, and it passes.
  for (let tries = 0; ; tries++) {
    const steppedMinor = Math.min(freshAmount, oldAmount) + tries;
    const amountMinor = tries >= InstallmentLimits.installmentRaisesMax ? oldAmount : Math.min(steppedMinor, oldAmount);
    const rule = withAmount(plan.rule, amountMinor);
    const rows = layOut(rule);
    if (interestOf(rows) <= oldInterestMinor) return { rule, rows };
    assert(amountMinor < oldAmount, 'the old installment on a lower balance never costs more interest');
  }
}

function amountOf(rule: AmortizationRule): number {
  return rule.kind === 'level_payment' ? rule.installmentMinor : rule.principalPerPeriodMinor;
}

function withAmount(rule: AmortizationRule, amountMinor: number): AmortizationRule {
  return rule.kind === 'level_payment'
    ? { kind: 'level_payment', installmentMinor: amountMinor }
    : { kind: 'level_principal', principalPerPeriodMinor: amountMinor };
}

function interestOf(rows: readonly ScheduleRow[]): number {
  return sumMinor(rows.map((row) => row.interestMinor));
}

/**
 * Reduce term: with the level payment M, the smallest m with M·(1 − (1 + r)^−m)/r ≥ B'; with the
 * level principal p, m = ⌈B'/p⌉. Never more than the periods left: rounding can leave B_k a few 分
 * above what M or p would repay in time, and the last period then absorbs the rest as it did before.
 */
function reducedTerm(rule: AmortizationRule, monthlyRate: Decimal, balanceMinor: number, remaining: number): number {
  if (rule.kind === 'level_principal') {
    const p = rule.principalPerPeriodMinor;
    if (p === 0) return remaining;
    const ceiling = (balanceMinor - (balanceMinor % p)) / p + (balanceMinor % p === 0 ? 0 : 1);
    return Math.min(ceiling, remaining);
  }
  // M·(1 − v^m) ≥ B'·r with v = 1/(1 + r), tried for m = 1, 2, … (at most the periods left).
  const v = new Dec(1).div(monthlyRate.plus(1));
  const target = new Dec(balanceMinor).times(monthlyRate);
  let vToM = new Dec(1);
  for (let m = 1; m <= remaining; m++) {
    vToM = vToM.times(v);
    if (new Dec(rule.installmentMinor).times(new Dec(1).minus(vToM)).gte(target)) return m;
  }
  return remaining;
}

/**
 * Drops trailing periods that rounding left with nothing to repay (the balance already reached 0
 * before them), so that a shorter term never ends in periods of zero.
 */
function withoutEmptyTail(rows: ScheduleRow[]): ScheduleRow[] {
  let end = rows.length;
  while (end > 1 && rows[end - 2]?.balanceAfterMinor === 0) end--;
  return rows.slice(0, end);
}
