// Bringing a retired preset question back: its current version is asked again, at the end of the
// form, if the form can take it (at most one NPS question, at most questionsPerSetMax questions).
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import {
  type CurrentQuestion,
  checkActiveSetWith,
  currentQuestion,
  expectCurrentVersion,
  lockQuestions,
  nextPosition,
  questionOf,
} from './question-store';
import { feedbackQuestions } from './schema';

export async function restoreQuestion(
  tx: Executor,
  deps: FeedbackDeps,
  options: { staff: StaffPrincipal; key: string; version: number },
): Promise<CurrentQuestion> {
  await lockQuestions(tx);
  const current = await currentQuestion(tx, options.key);
  expectCurrentVersion(current, options.version);
  if (current.row.retiredAt === null) throw FeedbackErrors.FEEDBACK_QUESTION_NOT_RETIRED();
  await checkActiveSetWith(tx, questionOf(current.row));
  const now = deps.clock.now();
  const [row] = await tx
    .update(feedbackQuestions)
    .set({ retiredAt: null, restoredAt: now, position: await nextPosition(tx) })
    .where(and(eq(feedbackQuestions.key, current.row.key), eq(feedbackQuestions.version, current.row.version)))
    .returning();
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.question_restored',
    targetType: 'feedback_question',
    targetId: current.row.key,
    detail: { version: current.row.version },
    at: now,
  });
  assert(row !== undefined, 'the locked current version is updated');
  return { row, versions: current.versions };
}
