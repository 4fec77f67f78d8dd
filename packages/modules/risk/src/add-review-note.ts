// A reviewer adds a note to an open case.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { RiskErrors } from './errors';
import { RiskLimits } from './limits';
import { type CaseNote, lockedOpenCase, type ReviewCaseRow } from './review-cases';
import { riskReviewCases } from './schema';

export async function addReviewNote(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options: { id: string; text: string },
): Promise<ReviewCaseRow> {
  const found = await lockedOpenCase(tx, options.id);
  const notes = found.notes as CaseNote[];
  if (notes.length >= RiskLimits.caseNotesMax) throw RiskErrors.RISK_CASE_NOTES_FULL();
  const note: CaseNote = { at: clock.now().toISOString(), by: staff.staffId, text: options.text };
  const [row] = await tx
    .update(riskReviewCases)
    .set({ notes: [...notes, note] })
    .where(eq(riskReviewCases.id, options.id))
    .returning();
  return row as ReviewCaseRow;
}
