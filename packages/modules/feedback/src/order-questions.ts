// The order of the form: the console sends every active question's key in the new order. A list
// that is not exactly the active questions (one was added, retired or restored meanwhile) is
// refused with 409, so an order is never applied to a form the staff member did not see.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { and, eq } from 'drizzle-orm';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import { lockQuestions, readActiveQuestions } from './question-store';
import { feedbackQuestions } from './schema';

export async function orderQuestions(
  tx: Executor,
  deps: FeedbackDeps,
  options: { staff: StaffPrincipal; keys: readonly string[] },
): Promise<void> {
  const duplicates = options.keys.flatMap((key, i) =>
    options.keys.indexOf(key) === i ? [] : [{ path: `/keys/${i}`, message: `${key} appears twice` }],
  );
  if (duplicates.length > 0) throw FeedbackErrors.FEEDBACK_QUESTION_INVALID({ errors: duplicates });
  await lockQuestions(tx);
  const active = await readActiveQuestions(tx);
  const before = active.map((q) => q.key);
  const wanted = new Set(options.keys);
  if (before.length !== options.keys.length || before.some((key) => !wanted.has(key))) {
    throw FeedbackErrors.FEEDBACK_QUESTION_ORDER_STALE({ detail: `The active questions are ${before.join(', ')}.` });
  }
  for (const [i, key] of options.keys.entries()) {
    const question = active.find((q) => q.key === key);
    if (question === undefined) continue;
    await tx
      .update(feedbackQuestions)
      .set({ position: i + 1 })
      .where(and(eq(feedbackQuestions.key, key), eq(feedbackQuestions.version, question.version)));
  }
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.questions_ordered',
    targetType: 'feedback_questions',
    targetId: 'form',
    detail: { from: before, to: [...options.keys] },
    at: deps.clock.now(),
  });
}
