// A handler takes a feedback, or gives it to another handler (active staff who may handle
// feedback): it goes in progress. A resolved feedback is not assigned again.
import type { Executor } from '@zulin/db';
import { isActiveStaffWith, type StaffPrincipal } from '@zulin/identity';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import { type FeedbackRow, loadFeedback } from './feedback-entries';
import { changeHandling } from './handling';

export async function assignFeedback(
  tx: Executor,
  deps: FeedbackDeps,
  options: { feedbackId: string; staff: StaffPrincipal; assigneeId: string },
): Promise<FeedbackRow> {
  const row = await loadFeedback(tx, options.feedbackId, { forUpdate: true });
  if (!(await isActiveStaffWith(tx, options.assigneeId, 'feedback.handle'))) {
    throw FeedbackErrors.FEEDBACK_ASSIGNEE_NOT_FOUND({
      errors: [{ path: '/assigneeId', message: 'Not an active staff member who may handle feedback' }],
    });
  }
  return changeHandling(tx, deps, row, { action: 'assign', assigneeId: options.assigneeId }, options.staff);
}
