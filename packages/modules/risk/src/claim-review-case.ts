// A reviewer claims a pending case (pending → investigating).
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { RiskErrors } from './errors';
import { lockedOpenCase, type ReviewCaseRow } from './review-cases';
import { riskReviewCases } from './schema';

export async function claimReviewCase(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  id: string,
): Promise<ReviewCaseRow> {
  const found = await lockedOpenCase(tx, id);
  if (found.assignedTo !== null && found.assignedTo !== staff.staffId) throw RiskErrors.RISK_CASE_CLAIMED();
  const [row] = await tx
    .update(riskReviewCases)
    .set({ status: 'investigating', assignedTo: staff.staffId })
    .where(eq(riskReviewCases.id, id))
    .returning();
  await recordAudit(tx, {
    actor: staff,
    action: 'risk.case_claimed',
    targetType: 'risk_review_case',
    targetId: id,
    at: clock.now(),
  });
  return row as ReviewCaseRow;
}
