// A handler resolves a feedback without replying (nothing to answer, or answered elsewhere); a
// reply resolves it too (reply-to-feedback.ts).
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import type { FeedbackDeps } from './deps';
import { type FeedbackRow, loadFeedback } from './feedback-entries';
import { changeHandling } from './handling';

export async function resolveFeedback(
  tx: Executor,
  deps: FeedbackDeps,
  options: { feedbackId: string; staff: StaffPrincipal },
): Promise<FeedbackRow> {
  const row = await loadFeedback(tx, options.feedbackId, { forUpdate: true });
  return changeHandling(tx, deps, row, { action: 'resolve', by: 'resolve' }, options.staff);
}
