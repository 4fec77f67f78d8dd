// A payment moves the customer's credit limit (DOMAIN.md §4, "during the rental"): a bill that went
// overdue lowers it by the rule set's `lateStepMinor` (not below 0); a bill paid in full that was
// never overdue raises it by `onTimeStepMinor` (not above `ceilingMinor`). Once per bill and kind
// (the unique index makes a redelivered event a no-op); a customer without any decision has no
// limit to move. The move row keeps the limit before and after, and the rule-set version whose
// steps applied.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { activeRuleSet } from './active-rule-set';
import { creditLimitOf, type LimitMoveRow } from './credit-limits';
import { defaultRuleSet } from './default-rule-set';
import type { LimitMoveKind } from './kinds';
import { riskCreditLimitMoves } from './schema';

/** The limit after one move: pure, so the property tests can reach every edge. */
export function movedLimit(
  beforeMinor: number,
  kind: LimitMoveKind,
  steps: { onTimeStepMinor: number; lateStepMinor: number; ceilingMinor: number },
): number {
  assert(Number.isSafeInteger(beforeMinor) && beforeMinor >= 0, 'a credit limit is a non-negative integer');
  if (kind === 'late_payment') return Math.max(0, beforeMinor - steps.lateStepMinor);
  // A limit already above the ceiling (granted by a reviewer) is not lowered by paying on time.
  return Math.max(beforeMinor, Math.min(steps.ceilingMinor, beforeMinor + steps.onTimeStepMinor));
}

export async function moveCreditLimit(
  tx: Executor,
  clock: Clock,
  options: { customerId: string; billId: string; kind: LimitMoveKind; eventId: string },
): Promise<LimitMoveRow | null> {
  if (options.kind === 'on_time_payment') {
    const [late] = await tx
      .select({ id: riskCreditLimitMoves.id })
      .from(riskCreditLimitMoves)
      .where(and(eq(riskCreditLimitMoves.billId, options.billId), eq(riskCreditLimitMoves.kind, 'late_payment')));
    if (late !== undefined) return null;
  }
  const current = await creditLimitOf(tx, options.customerId);
  if (current === null) return null;
  const live = await activeRuleSet(tx);
  const steps = live.ruleSet.limitMoves ?? (defaultRuleSet.limitMoves as NonNullable<typeof defaultRuleSet.limitMoves>);
  const after = movedLimit(current.limitMinor, options.kind, steps);
  const now = clock.now();
  const [row] = await tx
    .insert(riskCreditLimitMoves)
    .values({
      id: newId('rlim', clock),
      customerId: options.customerId,
      kind: options.kind,
      billId: options.billId,
      ruleSetVersion: live.version,
      limitBeforeMinor: current.limitMinor,
      deltaMinor: after - current.limitMinor,
      limitAfterMinor: after,
      eventId: options.eventId,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (row === undefined) return null;
  await emitEvent(tx, now, {
    type: 'risk.credit_limit_moved',
    aggregateType: 'customer',
    aggregateId: options.customerId,
    payload: {
      moveId: row.id,
      customerId: row.customerId,
      kind: row.kind,
      billId: row.billId,
      limitBeforeMinor: row.limitBeforeMinor,
      deltaMinor: row.deltaMinor,
      limitAfterMinor: row.limitAfterMinor,
    },
  });
  return row;
}
