// A new preset question from the console: version 1 of a new key, asked at the end of the form. The
// key is the question's name in every answer and analysis, so it is chosen once and never reused.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import { FeedbackLimits } from './limits';
import { type QuestionInput, questionFromInput } from './question-input';
import {
  type CurrentQuestion,
  checkActiveSetWith,
  lockQuestions,
  nextPosition,
  versionColumns,
} from './question-store';
import type { QuestionKind } from './questions';
import { feedbackQuestions } from './schema';
import { questionIdOf } from './submit-feedback';

export async function createQuestion(
  tx: Executor,
  deps: FeedbackDeps,
  options: { staff: StaffPrincipal; key: string; kind: QuestionKind; input: QuestionInput },
): Promise<CurrentQuestion> {
  const question = questionFromInput(options.key, 1, options.kind, options.input);
  await lockQuestions(tx);
  const [counts] = await tx
    .select({
      keys: sql<number>`count(distinct ${feedbackQuestions.key})::int`,
      taken: sql<boolean>`coalesce(bool_or(${feedbackQuestions.key} = ${question.key}), false)`,
    })
    .from(feedbackQuestions);
  if (counts?.taken === true) {
    throw FeedbackErrors.FEEDBACK_QUESTION_KEY_TAKEN({
      detail: `${question.key} exists; edit it or choose another key.`,
    });
  }
  if (Number(counts?.keys ?? 0) >= FeedbackLimits.questionKeysMax) {
    throw FeedbackErrors.FEEDBACK_QUESTION_LIMIT_REACHED({
      detail: `At most ${FeedbackLimits.questionKeysMax} questions, retired ones included.`,
    });
  }
  await checkActiveSetWith(tx, question);
  const now = deps.clock.now();
  const [row] = await tx
    .insert(feedbackQuestions)
    .values({
      ...versionColumns(question),
      position: await nextPosition(tx),
      createdBy: options.staff.staffId,
      createdAt: now,
    })
    .returning();
  assert(row !== undefined, 'the insert returns the question');
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.question_created',
    targetType: 'feedback_question',
    targetId: question.key,
    detail: { questionId: questionIdOf(question), kind: question.kind, required: question.required },
    at: now,
  });
  return { row, versions: 1 };
}
