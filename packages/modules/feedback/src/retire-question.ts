// Retiring a preset question: it is no longer asked (customers' forms leave it out from now on; a
// form loaded before may still answer it within the grace window). Its versions and answers stay.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import { type CurrentQuestion, currentQuestion, expectCurrentVersion, lockQuestions } from './question-store';
import { feedbackQuestions } from './schema';

export async function retireQuestion(
  tx: Executor,
  deps: FeedbackDeps,
  options: { staff: StaffPrincipal; key: string; version: number },
): Promise<CurrentQuestion> {
  await lockQuestions(tx);
  const current = await currentQuestion(tx, options.key);
  expectCurrentVersion(current, options.version);
  if (current.row.retiredAt !== null) throw FeedbackErrors.FEEDBACK_QUESTION_ALREADY_RETIRED();
  const now = deps.clock.now();
  const [row] = await tx
    .update(feedbackQuestions)
    .set({ retiredAt: now })
    .where(and(eq(feedbackQuestions.key, current.row.key), eq(feedbackQuestions.version, current.row.version)))
    .returning();
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.question_retired',
    targetType: 'feedback_question',
    targetId: current.row.key,
    detail: { version: current.row.version },
    at: now,
  });
  assert(row !== undefined, 'the locked current version is updated');
  return { row, versions: current.versions };
}
