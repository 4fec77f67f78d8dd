// A handler corrects the automatic category. The correction is kept (what the rules said, what the
// handler chose, who, when) so that rule changes can be suggested from them; the entry counts
// under the corrected category from then on.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { newId } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import type { FeedbackCategory } from './classify/rules';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import { type FeedbackRow, loadFeedback } from './feedback-entries';
import { feedbackCorrections, feedbackEntries } from './schema';

export async function correctFeedbackCategory(
  tx: Executor,
  deps: FeedbackDeps,
  options: { feedbackId: string; staff: StaffPrincipal; category: FeedbackCategory },
): Promise<FeedbackRow> {
  const row = await loadFeedback(tx, options.feedbackId, { forUpdate: true });
  if (row.category === options.category) {
    throw FeedbackErrors.FEEDBACK_CORRECTION_UNCHANGED({ detail: `The feedback is already ${options.category}.` });
  }
  const now = deps.clock.now();
  await tx.insert(feedbackCorrections).values({
    id: newId('fbc', deps.clock),
    feedbackId: row.id,
    fromCategory: row.category,
    toCategory: options.category,
    staffId: options.staff.staffId,
    createdAt: now,
  });
  const [updated] = await tx
    .update(feedbackEntries)
    .set({ category: options.category })
    .where(eq(feedbackEntries.id, row.id))
    .returning();
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.category_corrected',
    targetType: 'feedback',
    targetId: row.id,
    detail: { from: row.category, to: options.category },
    at: now,
  });
  return updated ?? row;
}
