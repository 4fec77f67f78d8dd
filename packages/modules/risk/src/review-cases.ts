// Manual review cases (DOMAIN.md §4): a review or block_and_review decision opens one; a customer
// may appeal a rejection once, which opens one too. A reviewer claims it (pending → investigating),
// adds notes, and closes it approving (with the waiver and limit) or rejecting, naming the outcome
// (confirmed risk or false positive). The SLA (2 h by default) is watched by a sweep that marks
// breaches. Every step is audited.
import type { Executor } from '@zulin/db';
import { eq, ne } from 'drizzle-orm';
import { RiskErrors } from './errors';
import { RiskLimits } from './limits';
import { riskReviewCases } from './schema';

export type ReviewCaseRow = typeof riskReviewCases.$inferSelect;
export interface CaseNote {
  at: string;
  by: string;
  text: string;
}

export async function lockedOpenCase(tx: Executor, id: string): Promise<ReviewCaseRow> {
  const [row] = await tx.select().from(riskReviewCases).where(eq(riskReviewCases.id, id)).for('update');
  if (row === undefined) throw RiskErrors.RISK_CASE_NOT_FOUND();
  if (row.status === 'closed') throw RiskErrors.RISK_CASE_CLOSED();
  return row;
}

/** Open cases, soonest SLA first (the review queue). */
export async function listOpenCases(db: Executor): Promise<ReviewCaseRow[]> {
  return db
    .select()
    .from(riskReviewCases)
    .where(ne(riskReviewCases.status, 'closed'))
    .orderBy(riskReviewCases.slaDueAt)
    .limit(RiskLimits.caseQueueMax);
}

export async function getReviewCase(db: Executor, id: string): Promise<ReviewCaseRow> {
  const [row] = await db.select().from(riskReviewCases).where(eq(riskReviewCases.id, id));
  if (row === undefined) throw RiskErrors.RISK_CASE_NOT_FOUND();
  return row;
}
