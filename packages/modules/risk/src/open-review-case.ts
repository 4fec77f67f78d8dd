// A review or block_and_review decision opens a review case with its SLA deadline.
import type { Executor } from '@zulin/db';
import { type Clock, newId } from '@zulin/kernel';
import type { CaseOrigin } from './kinds';
import { RiskLimits } from './limits';
import type { ReviewCaseRow } from './review-cases';
import { riskReviewCases } from './schema';

/** Opens the case of a decision (idempotent per decision and origin). */
export async function openReviewCase(
  tx: Executor,
  clock: Clock,
  options: { decisionId: string; customerId: string; origin: CaseOrigin },
): Promise<ReviewCaseRow | null> {
  const now = clock.now();
  const [row] = await tx
    .insert(riskReviewCases)
    .values({
      id: newId('rcase', clock),
      decisionId: options.decisionId,
      customerId: options.customerId,
      origin: options.origin,
      status: 'pending',
      slaDueAt: new Date(now.getTime() + RiskLimits.reviewSlaMs),
      notes: [],
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}
