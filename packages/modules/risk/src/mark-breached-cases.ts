// The sweep that marks open cases past their SLA as breached.
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { and, isNull, lte, ne } from 'drizzle-orm';
import { riskReviewCases } from './schema';

/** The sweep: marks open cases past their SLA as breached (once each). */
export async function markBreachedCases(tx: Executor, clock: Clock): Promise<number> {
  const now = clock.now();
  const rows = await tx
    .update(riskReviewCases)
    .set({ breachedAt: now })
    .where(
      and(ne(riskReviewCases.status, 'closed'), isNull(riskReviewCases.breachedAt), lte(riskReviewCases.slaDueAt, now)),
    )
    .returning({ id: riskReviewCases.id });
  return rows.length;
}
