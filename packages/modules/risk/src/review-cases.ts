// Manual review cases (DOMAIN.md §4): a review or block_and_review decision opens one; a customer
// may appeal a rejection once, which opens one too. A reviewer claims it (pending → investigating),
// adds notes, and closes it approving (with the waiver and limit) or rejecting, naming the outcome
// (confirmed risk or false positive). The SLA (2 h by default) is watched by a sweep that marks
// breaches. Every step is audited.
import type { Executor } from '@zulin/db';
import { decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, asc, eq, gt, ne, or, type SQL } from 'drizzle-orm';
import { RiskErrors } from './errors';
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

/**
 * Open cases, soonest SLA first (the review queue), a page at a time: the cursor is the last row's
 * SLA deadline and id, so the order is total and a page never repeats or skips a case.
 */
export async function listOpenCases(
  db: Executor,
  options: { limit?: number | undefined; cursor?: string | undefined } = {},
): Promise<Page<ReviewCaseRow>> {
  const limit = pageLimit(options.limit);
  const c = riskReviewCases;
  const conditions: SQL[] = [ne(c.status, 'closed')];
  if (options.cursor !== undefined) {
    const [at, id] = decodeCursor(options.cursor);
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
      });
    }
    const after = new Date(at);
    conditions.push(or(gt(c.slaDueAt, after), and(eq(c.slaDueAt, after), gt(c.id, id))) as SQL);
  }
  const rows = await db
    .select()
    .from(c)
    .where(and(...conditions))
    .orderBy(asc(c.slaDueAt), asc(c.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.slaDueAt.toISOString(), row.id]);
}

export async function getReviewCase(db: Executor, id: string): Promise<ReviewCaseRow> {
  const [row] = await db.select().from(riskReviewCases).where(eq(riskReviewCases.id, id));
  if (row === undefined) throw RiskErrors.RISK_CASE_NOT_FOUND();
  return row;
}
