// A review or block_and_review decision opens a review case with its SLA deadline (and says so:
// risk.review_case_opened).
import { type Executor, emitEvent } from '@zulin/db';
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
  if (row === undefined) return null;
  await emitEvent(tx, now, {
    type: 'risk.review_case_opened',
    aggregateType: 'risk_review_case',
    aggregateId: row.id,
    payload: {
      caseId: row.id,
      decisionId: row.decisionId,
      customerId: row.customerId,
      origin: row.origin,
      slaDueAt: row.slaDueAt.toISOString(),
    },
  });
  return row;
}
