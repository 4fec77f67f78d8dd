// A reviewer closes a case approving (with the waiver and limit) or rejecting, naming the outcome;
// emits risk.review_case_closed in the same transaction.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { type DecisionRecord, waiverOf } from './decide';
import { RiskErrors } from './errors';
import type { CaseOutcome } from './kinds';
import { lockedOpenCase, type ReviewCaseRow } from './review-cases';
import { riskApplications, riskDecisions, riskReviewCases } from './schema';

/** Closes a case: only the reviewer who claimed it; approval carries the waiver and the limit. */
export async function closeReviewCase(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options:
    | { id: string; resolution: 'approve'; outcome: CaseOutcome; waiverBps: number; creditLimitMinor: number }
    | { id: string; resolution: 'reject'; outcome: CaseOutcome },
): Promise<ReviewCaseRow> {
  const found = await lockedOpenCase(tx, options.id);
  if (found.status !== 'investigating' || found.assignedTo !== staff.staffId) throw RiskErrors.RISK_CASE_NOT_CLAIMED();
  const [decision] = await tx
    .select({ record: riskDecisions.record, purpose: riskApplications.purpose, reference: riskApplications.reference })
    .from(riskDecisions)
    .innerJoin(riskApplications, eq(riskApplications.id, riskDecisions.applicationId))
    .where(eq(riskDecisions.id, found.decisionId));
  const depositMinor = (decision?.record as DecisionRecord | undefined)?.facts.depositMinor ?? 0;
  const approved = options.resolution === 'approve';
  const now = clock.now();
  const [row] = await tx
    .update(riskReviewCases)
    .set({
      status: 'closed',
      resolution: options.resolution,
      outcome: options.outcome,
      waiverBps: approved ? options.waiverBps : 0,
      depositWaivedMinor: approved ? waiverOf(depositMinor, options.waiverBps) : 0,
      creditLimitMinor: approved ? options.creditLimitMinor : 0,
      closedBy: staff.staffId,
      closedAt: now,
    })
    .where(eq(riskReviewCases.id, options.id))
    .returning();
  const closed = row as ReviewCaseRow;
  await emitEvent(tx, now, {
    type: 'risk.review_case_closed',
    aggregateType: 'risk_review_case',
    aggregateId: closed.id,
    payload: {
      caseId: closed.id,
      decisionId: closed.decisionId,
      customerId: closed.customerId,
      purpose: decision?.purpose ?? 'rental',
      reference: decision?.reference ?? null,
      origin: closed.origin,
      resolution: options.resolution,
      outcome: options.outcome,
      waiverBps: closed.waiverBps ?? 0,
      depositWaivedMinor: closed.depositWaivedMinor ?? 0,
      creditLimitMinor: closed.creditLimitMinor ?? 0,
    },
  });
  await recordAudit(tx, {
    actor: staff,
    action: `risk.case_${options.resolution === 'approve' ? 'approved' : 'rejected'}`,
    targetType: 'risk_review_case',
    targetId: options.id,
    detail: { outcome: options.outcome },
    at: now,
  });
  return closed;
}
