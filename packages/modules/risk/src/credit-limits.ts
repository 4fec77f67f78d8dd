// A customer's credit limit in force and its history. The limit in force is the latest of: the
// limit of their latest decision, the limit a reviewer granted when approving a case, and the limit
// after the latest payment move. A new decision (a new order) sets the limit afresh from the score;
// payments then move it.
import type { Executor } from '@zulin/db';
import { and, desc, eq, ne } from 'drizzle-orm';
import { RiskLimits } from './limits';
import { riskCreditLimitMoves, riskDecisions, riskReviewCases } from './schema';

export type LimitMoveRow = typeof riskCreditLimitMoves.$inferSelect;

export interface CreditLimitNow {
  limitMinor: number;
  /** Where it comes from: the decision, the approved case or the move that set it. */
  source: { kind: 'decision' | 'review_case' | 'move'; id: string; at: Date };
}

export async function creditLimitOf(db: Executor, customerId: string): Promise<CreditLimitNow | null> {
  const [decision] = await db
    .select({ id: riskDecisions.id, limit: riskDecisions.creditLimitMinor, at: riskDecisions.createdAt })
    .from(riskDecisions)
    // A rejection grants nothing and takes nothing away: the limit stays what it was.
    .where(and(eq(riskDecisions.customerId, customerId), ne(riskDecisions.outcome, 'reject')))
    .orderBy(desc(riskDecisions.createdAt), desc(riskDecisions.id))
    .limit(1);
  const [reviewed] = await db
    .select({ id: riskReviewCases.id, limit: riskReviewCases.creditLimitMinor, at: riskReviewCases.closedAt })
    .from(riskReviewCases)
    .where(and(eq(riskReviewCases.customerId, customerId), eq(riskReviewCases.resolution, 'approve')))
    .orderBy(desc(riskReviewCases.closedAt), desc(riskReviewCases.id))
    .limit(1);
  const [move] = await db
    .select({
      id: riskCreditLimitMoves.id,
      limit: riskCreditLimitMoves.limitAfterMinor,
      at: riskCreditLimitMoves.createdAt,
    })
    .from(riskCreditLimitMoves)
    .where(eq(riskCreditLimitMoves.customerId, customerId))
    .orderBy(desc(riskCreditLimitMoves.createdAt), desc(riskCreditLimitMoves.id))
    .limit(1);
  const candidates: CreditLimitNow[] = [];
  if (decision)
    candidates.push({ limitMinor: decision.limit, source: { kind: 'decision', id: decision.id, at: decision.at } });
  if (reviewed?.at && reviewed.limit !== null) {
    candidates.push({ limitMinor: reviewed.limit, source: { kind: 'review_case', id: reviewed.id, at: reviewed.at } });
  }
  if (move) candidates.push({ limitMinor: move.limit, source: { kind: 'move', id: move.id, at: move.at } });
  // The latest wins; on the same instant a move (which always follows what it moved) wins.
  const rank = { decision: 0, review_case: 1, move: 2 } as const;
  candidates.sort((a, b) => b.source.at.getTime() - a.source.at.getTime() || rank[b.source.kind] - rank[a.source.kind]);
  return candidates[0] ?? null;
}

export async function limitMovesOf(db: Executor, customerId: string): Promise<LimitMoveRow[]> {
  return db
    .select()
    .from(riskCreditLimitMoves)
    .where(eq(riskCreditLimitMoves.customerId, customerId))
    .orderBy(desc(riskCreditLimitMoves.createdAt), desc(riskCreditLimitMoves.id))
    .limit(RiskLimits.limitMovesListMax);
}
