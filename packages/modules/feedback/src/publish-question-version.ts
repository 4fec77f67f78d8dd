// An edit of a preset question from the console publishes its next version: the version edited must
// be the current one (409 otherwise), the kind stays (the core's reviseQuestion), the old row is
// never changed, and the new one takes over the question's place and state. Answers keep naming the
// version they answered.
import { isDeepStrictEqual } from 'node:util';
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import { FeedbackLimits } from './limits';
import { type QuestionInput, questionFromInput } from './question-input';
import {
  type CurrentQuestion,
  checkActiveSetWith,
  currentQuestion,
  expectCurrentVersion,
  lockQuestions,
  questionOf,
  versionColumns,
} from './question-store';
import { reviseQuestion } from './questions';
import { feedbackQuestions } from './schema';
import { questionIdOf } from './submit-feedback';

/** Whether two versions read the same (jsonb keeps no key order, so compared as values). */
function sameContent(a: ReturnType<typeof versionColumns>, b: ReturnType<typeof versionColumns>): boolean {
  return isDeepStrictEqual({ ...a, version: 0 }, { ...b, version: 0 });
}

export async function publishQuestionVersion(
  tx: Executor,
  deps: FeedbackDeps,
  options: { staff: StaffPrincipal; key: string; version: number; input: QuestionInput },
): Promise<CurrentQuestion> {
  await lockQuestions(tx);
  const current = await currentQuestion(tx, options.key);
  expectCurrentVersion(current, options.version);
  const previous = questionOf(current.row);
  const next = reviseQuestion(
    previous,
    questionFromInput(previous.key, previous.version + 1, previous.kind, options.input),
  );
  if (sameContent(versionColumns(previous), versionColumns(next))) {
    throw FeedbackErrors.FEEDBACK_QUESTION_UNCHANGED({ detail: `${questionIdOf(previous)} already reads so.` });
  }
  if (current.versions >= FeedbackLimits.questionVersionsMax) {
    throw FeedbackErrors.FEEDBACK_QUESTION_LIMIT_REACHED({
      detail: `At most ${FeedbackLimits.questionVersionsMax} versions of a question; create a new question.`,
    });
  }
  if (current.row.retiredAt === null) await checkActiveSetWith(tx, next);
  const now = deps.clock.now();
  const [row] = await tx
    .insert(feedbackQuestions)
    .values({
      ...versionColumns(next),
      position: current.row.position,
      retiredAt: current.row.retiredAt,
      restoredAt: current.row.restoredAt,
      createdBy: options.staff.staffId,
      createdAt: now,
    })
    .returning();
  assert(row !== undefined, 'the insert returns the new version');
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.question_version_published',
    targetType: 'feedback_question',
    targetId: next.key,
    detail: { questionId: questionIdOf(next), previous: questionIdOf(previous) },
    at: now,
  });
  return { row, versions: current.versions + 1 };
}
