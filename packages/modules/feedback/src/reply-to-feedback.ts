// A handler answers a feedback, which resolves it; the customer is notified through the notification module (in-app,
// and SMS when their preferences allow). For an anonymous feedback the system reveals the author to
// address the notice — never to the handler — and audits that reveal.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, newId } from '@zulin/kernel';
import { notify } from '@zulin/notification';
import { eq } from 'drizzle-orm';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import { authorOf, loadFeedback, type ReplyRow } from './feedback-entries';
import { changeHandling } from './handling';
import { FeedbackLimits } from './limits';
import { feedbackEntries, feedbackReplies } from './schema';

export async function replyToFeedback(
  tx: Executor,
  deps: FeedbackDeps,
  options: { feedbackId: string; staff: StaffPrincipal; text: string },
): Promise<ReplyRow> {
  const text = options.text.trim();
  if (text.length === 0 || text.length > FeedbackLimits.replyLengthMax) {
    throw FeedbackErrors.FEEDBACK_REPLY_INVALID({
      errors: [{ path: '/text', message: `1–${FeedbackLimits.replyLengthMax} characters` }],
    });
  }
  const row = await loadFeedback(tx, options.feedbackId, { forUpdate: true });
  const now = deps.clock.now();
  const id = newId('fbr', deps.clock);
  const [reply] = await tx
    .insert(feedbackReplies)
    .values({ id, feedbackId: row.id, staffId: options.staff.staffId, text, createdAt: now })
    .returning();
  await tx.update(feedbackEntries).set({ repliedAt: now }).where(eq(feedbackEntries.id, row.id));
  // A reply resolves the feedback (handling.ts); a reply to a resolved one leaves it resolved.
  if (row.handlingState !== 'resolved') {
    await changeHandling(tx, deps, row, { action: 'resolve', by: 'reply' }, options.staff);
  }
  const customerId = await authorOf(tx, deps.masterKey, row);
  if (row.anonymous) {
    await recordAudit(tx, {
      actor: { kind: 'system' },
      action: 'feedback.author_revealed',
      targetType: 'feedback',
      targetId: row.id,
      detail: { reason: 'reply_notice', to: 'system' },
      at: now,
    });
  }
  await notify(tx, deps, {
    customerId,
    category: 'account',
    template: 'feedback.replied',
    params: { submittedOn: row.submittedOn },
    dedupeKey: `${id}:feedback.replied`,
  });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.replied',
    targetType: 'feedback',
    targetId: row.id,
    detail: { replyId: id },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'feedback.replied',
    aggregateType: 'feedback',
    aggregateId: row.id,
    payload: { feedbackId: row.id, replyId: id },
  });
  assert(reply !== undefined, 'the insert returns the reply');
  return reply;
}
