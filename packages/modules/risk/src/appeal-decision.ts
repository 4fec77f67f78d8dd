// A customer appeals a rejected decision, once: the appeal opens a review case.
import type { Executor } from '@zulin/db';
import { recordAudit } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { RiskErrors } from './errors';
import { openReviewCase } from './open-review-case';
import type { CaseNote, ReviewCaseRow } from './review-cases';
import { riskDecisions, riskReviewCases } from './schema';

/** The customer's one appeal of a rejected decision of theirs. */
export async function appealDecision(
  tx: Executor,
  clock: Clock,
  options: { decisionId: string; customerId: string; text: string },
): Promise<ReviewCaseRow> {
  const [decision] = await tx
    .select({ outcome: riskDecisions.outcome })
    .from(riskDecisions)
    .where(and(eq(riskDecisions.id, options.decisionId), eq(riskDecisions.customerId, options.customerId)));
  if (decision === undefined) throw RiskErrors.RISK_DECISION_NOT_FOUND();
  if (decision.outcome !== 'reject') throw RiskErrors.RISK_APPEAL_NOT_REJECTED();
  const opened = await openReviewCase(tx, clock, { ...options, origin: 'appeal' });
  if (opened === null) throw RiskErrors.RISK_APPEAL_ALREADY_MADE();
  const note: CaseNote = { at: clock.now().toISOString(), by: 'customer', text: options.text };
  const [row] = await tx
    .update(riskReviewCases)
    .set({ notes: [note] })
    .where(eq(riskReviewCases.id, opened.id))
    .returning();
  await recordAudit(tx, {
    actor: { kind: 'customer', customerId: options.customerId },
    action: 'risk.decision_appealed',
    targetType: 'risk_decision',
    targetId: options.decisionId,
    at: clock.now(),
  });
  return row as ReviewCaseRow;
}
