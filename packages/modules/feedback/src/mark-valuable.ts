// A handler marks a feedback valuable: the author earns points through the wallet (DOMAIN.md §8),
// once per feedback — the wallet's lots are unique by `sourceRef` (`feedback:<id>:valuable`), so a
// second mark, a retried request or two handlers at once award once. Anonymous authors are revealed
// to the system only, and the reveal is audited.
import { type Executor, emitEvent } from '@zulin/db';
import { decryptPii, recordAudit, type StaffPrincipal } from '@zulin/identity';
import { notify } from '@zulin/notification';
import { awardPoints } from '@zulin/wallet';
import { eq } from 'drizzle-orm';
import type { FeedbackDeps } from './deps';
import { type FeedbackRow, loadFeedback, recordOf } from './feedback-entries';
import { feedbackEntries } from './schema';
import { valuableAward } from './valuable-award';

export async function markFeedbackValuable(
  tx: Executor,
  deps: FeedbackDeps,
  options: { feedbackId: string; staff: StaffPrincipal },
): Promise<{ feedback: FeedbackRow; pointsAwarded: number }> {
  const row = await loadFeedback(tx, options.feedbackId, { forUpdate: true });
  const now = deps.clock.now();
  const award = await valuableAward({
    feedbackId: row.id,
    author: recordOf(row).author,
    decrypt: (ciphertext) => decryptPii(tx, deps.masterKey, ciphertext),
  });
  const { awarded } = await awardPoints(tx, deps, award);
  if (!awarded) return { feedback: row, pointsAwarded: 0 };
  const [updated] = await tx
    .update(feedbackEntries)
    .set({ valuable: true, valuableAt: now })
    .where(eq(feedbackEntries.id, row.id))
    .returning();
  if (row.anonymous) {
    await recordAudit(tx, {
      actor: { kind: 'system' },
      action: 'feedback.author_revealed',
      targetType: 'feedback',
      targetId: row.id,
      detail: { reason: 'valuable_reward', to: 'system' },
      at: now,
    });
  }
  await notify(tx, deps, {
    customerId: award.customerId,
    category: 'account',
    template: 'feedback.valuable',
    params: { points: award.points },
    dedupeKey: `${award.sourceRef}:notice`,
  });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.marked_valuable',
    targetType: 'feedback',
    targetId: row.id,
    detail: { points: award.points },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'feedback.marked_valuable',
    aggregateType: 'feedback',
    aggregateId: row.id,
    payload: { feedbackId: row.id, points: award.points },
  });
  return { feedback: updated ?? row, pointsAwarded: award.points };
}
