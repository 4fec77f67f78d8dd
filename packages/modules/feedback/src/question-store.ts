// What the preset-question use cases share: a stored row as the core's QuestionVersion, the reads of
// the form (current versions, and the versions a submission may still answer), the console's lists,
// and the lock every change takes.
import type { Executor } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { FeedbackErrors } from './errors';
import { FeedbackLimits } from './limits';
import type { PlacedQuestion } from './question-form';
import { type QuestionVersion, validateQuestionSet } from './questions';
import { feedbackQuestions } from './schema';

export type QuestionRow = typeof feedbackQuestions.$inferSelect;

/** A current version with what the console shows of its question. */
export interface CurrentQuestion {
  row: QuestionRow;
  /** How many versions the question has (the current one is the last). */
  versions: number;
}

export function questionOf(row: QuestionRow): QuestionVersion {
  const common = { key: row.key, version: row.version, text: row.text, required: row.required };
  switch (row.kind) {
    case 'scale':
      assert(row.labels !== null, `scale question ${row.key}@v${row.version} has labels`);
      return { ...common, kind: 'scale', nps: row.nps, labels: row.labels };
    case 'choice':
      assert(row.choices !== null, `choice question ${row.key}@v${row.version} has choices`);
      return { ...common, kind: 'choice', multiple: row.multiple ?? false, choices: row.choices };
    case 'text':
      assert(row.maxLength !== null, `text question ${row.key}@v${row.version} has a maximum length`);
      return { ...common, kind: 'text', maxLength: row.maxLength };
  }
}

/** The columns of a version: the kind's own fields set, the others null. */
export function versionColumns(q: QuestionVersion) {
  return {
    key: q.key,
    version: q.version,
    kind: q.kind,
    text: q.text,
    required: q.required,
    nps: q.kind === 'scale' && q.nps,
    labels: q.kind === 'scale' ? q.labels : null,
    multiple: q.kind === 'choice' ? q.multiple : null,
    choices: q.kind === 'choice' ? [...q.choices] : null,
    maxLength: q.kind === 'text' ? q.maxLength : null,
  };
}

/** Each change of the questions waits for the one before it, so its checks (current version, one NPS question, the order) hold when it commits. */
export async function lockQuestions(tx: Executor): Promise<void> {
  await tx.execute(sql`lock table feedback_questions in share row exclusive mode`);
}

/** The version that is not superseded: the highest of its key. */
// Written with the table's name: drizzle leaves a column of a one-table query unqualified, which
// inside these subqueries would name the subquery's own row.
const isCurrent = sql`not exists (select 1 from feedback_questions n where n.key = feedback_questions.key and n.version > feedback_questions.version)`;

/** The current version of every question, active and retired, in the form's order (retired ones last). */
export async function listCurrentQuestions(db: Executor): Promise<CurrentQuestion[]> {
  const rows = await db
    .select({
      row: feedbackQuestions,
      versions: sql<number>`(select count(*)::int from feedback_questions c where c.key = feedback_questions.key)`,
    })
    .from(feedbackQuestions)
    .where(isCurrent)
    .orderBy(
      sql`${feedbackQuestions.retiredAt} is not null`,
      asc(feedbackQuestions.position),
      asc(feedbackQuestions.key),
    )
    .limit(FeedbackLimits.questionKeysMax + 1);
  assert(rows.length <= FeedbackLimits.questionKeysMax, 'question keys are bounded when they are created');
  return rows.map((r) => ({ row: r.row, versions: Number(r.versions) }));
}

/** The current version of one question, locked by the caller's `lockQuestions`; 404 when there is none. */
export async function currentQuestion(db: Executor, key: string): Promise<CurrentQuestion> {
  const rows = await db
    .select()
    .from(feedbackQuestions)
    .where(eq(feedbackQuestions.key, key))
    .orderBy(desc(feedbackQuestions.version))
    .limit(1);
  const row = rows[0];
  if (row === undefined)
    throw FeedbackErrors.FEEDBACK_QUESTION_NOT_FOUND({ detail: `No question ${key.slice(0, 40)}.` });
  return { row, versions: row.version };
}

/** Every version of a question, newest first, each with when it was superseded. */
export async function questionVersions(
  db: Executor,
  key: string,
): Promise<{ row: QuestionRow; supersededAt: Date | null }[]> {
  const rows = await db
    .select()
    .from(feedbackQuestions)
    .where(eq(feedbackQuestions.key, key))
    .orderBy(desc(feedbackQuestions.version))
    .limit(FeedbackLimits.questionVersionsMax);
  if (rows.length === 0)
    throw FeedbackErrors.FEEDBACK_QUESTION_NOT_FOUND({ detail: `No question ${key.slice(0, 40)}.` });
  return rows.map((row, i) => ({ row, supersededAt: i === 0 ? null : (rows[i - 1]?.createdAt ?? null) }));
}

function placed(row: QuestionRow, supersededAt: Date | null): PlacedQuestion {
  return {
    question: questionOf(row),
    position: row.position,
    createdAt: row.createdAt,
    supersededAt,
    retiredAt: row.retiredAt,
    restoredAt: row.restoredAt,
  };
}

/** The form customers are shown: the current versions of the active questions, in order. */
export async function readActiveQuestions(db: Executor): Promise<QuestionVersion[]> {
  const rows = await db
    .select()
    .from(feedbackQuestions)
    .where(and(isCurrent, sql`${feedbackQuestions.retiredAt} is null`))
    .orderBy(asc(feedbackQuestions.position), asc(feedbackQuestions.key))
    .limit(FeedbackLimits.questionsPerSetMax);
  return rows.map(questionOf);
}

const placedRowsMax = FeedbackLimits.questionKeysMax * FeedbackLimits.questionVersionsMax;

/**
 * The versions a submission at `now` may have been shown: the current ones, and those superseded
 * within the grace window (question-form.ts decides which of them were asked, and what is required).
 */
export async function readPlacedQuestions(db: Executor, now: Date): Promise<PlacedQuestion[]> {
  const windowStart = new Date(now.getTime() - FeedbackLimits.questionGraceMs);
  const rows = await db
    .select({
      row: feedbackQuestions,
      supersededAt: sql<
        Date | string | null
      >`(select n.created_at from feedback_questions n where n.key = feedback_questions.key and n.version = feedback_questions.version + 1)`,
    })
    .from(feedbackQuestions)
    .where(
      sql`not exists (select 1 from feedback_questions n where n.key = feedback_questions.key and n.version = feedback_questions.version + 1 and n.created_at <= ${windowStart})`,
    )
    .limit(placedRowsMax + 1);
  assert(rows.length <= placedRowsMax, 'keys and versions are bounded when they are written');
  return rows.map((r) => placed(r.row, r.supersededAt === null ? null : new Date(r.supersededAt)));
}

/** The optimistic check of every change: the version the staff member looked at is still the current one. */
export function expectCurrentVersion(current: CurrentQuestion, version: number): void {
  if (current.row.version !== version) {
    throw FeedbackErrors.FEEDBACK_QUESTION_VERSION_STALE({
      detail: `${current.row.key} is at version ${current.row.version}, not ${version}.`,
    });
  }
}

/** The form with `changed` in place of its key's version (added at the end when the key is not on it), checked as a set: one NPS question, the number of questions. */
export async function checkActiveSetWith(tx: Executor, changed: QuestionVersion): Promise<void> {
  const active = await readActiveQuestions(tx);
  const others = active.filter((q) => q.key !== changed.key);
  validateQuestionSet([...others, changed]);
}

/** The next place at the end of the form. */
export async function nextPosition(tx: Executor): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number | null>`max(${feedbackQuestions.position})` })
    .from(feedbackQuestions)
    .where(isCurrent);
  return Number(row?.max ?? 0) + 1;
}
