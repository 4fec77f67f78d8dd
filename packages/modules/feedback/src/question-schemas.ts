// The console's preset-question editor: the shapes it reads (a question with its state, a version of
// its history) and writes (a new question, a new version), and the functions that present rows.
import { Instant, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import { presentQuestion, questionFields } from './api-schemas';
import { FeedbackLimits } from './limits';
import { type CurrentQuestion, type QuestionRow, questionOf } from './question-store';

// Request bounds are generous: the rules (1–200 characters, 2–10 choices, …) are the use case's,
// refused with FEEDBACK_QUESTION_INVALID naming every field.
const text = Type.String({ maxLength: FeedbackLimits.questionTextLengthMax * 2 });
const LocalTextInput = Type.Object({ 'zh-CN': text, en: text }, { additionalProperties: false });

/** What an editor writes of a version: the wording and the fields of its kind. */
export const questionInputFields = {
  text: LocalTextInput,
  required: Type.Boolean(),
  nps: Type.Optional(Type.Boolean({ description: 'scale only: the answers feed the NPS' })),
  labels: Type.Optional(
    Type.Object(
      { low: LocalTextInput, high: LocalTextInput },
      { additionalProperties: false, description: 'scale only (required): the words at 0 and 10' },
    ),
  ),
  multiple: Type.Optional(Type.Boolean({ description: 'choice only' })),
  choices: Type.Optional(
    Type.Array(
      Type.Object({ id: Type.String({ maxLength: 64 }), label: LocalTextInput }, { additionalProperties: false }),
      {
        maxItems: FeedbackLimits.choicesMax * 2,
        description: 'choice only (required): a choice keeps its id in every version',
      },
    ),
  ),
  maxLength: Type.Optional(
    Type.Integer({ minimum: 0, maximum: FeedbackLimits.answerTextLengthMax * 10, description: 'text only (required)' }),
  ),
};

export const QuestionKeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 64 }) });
export const ExpectedVersion = Type.Integer({
  minimum: 1,
  description: 'the current version as the editor loaded it (409 FEEDBACK_QUESTION_VERSION_STALE otherwise)',
});

const versionFields = {
  key: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  questionId: Type.String({ description: 'key@vN' }),
  ...questionFields,
  createdAt: Instant,
  createdBy: Nullable(Type.String({ description: 'staff id; null for the defaults' })),
  createdByName: Nullable(Type.String()),
};

export const AdminQuestionSchema = Type.Object(
  {
    ...versionFields,
    state: Type.Unsafe<'active' | 'retired'>(Type.Union([Type.Literal('active'), Type.Literal('retired')])),
    position: Type.Integer({ description: 'the place on the form (active questions, ascending)' }),
    retiredAt: Nullable(Instant),
    versions: Type.Integer({ minimum: 1, description: 'how many versions the question has' }),
  },
  { $id: 'FeedbackQuestionAdmin', title: 'FeedbackQuestionAdmin' },
);

export const QuestionVersionSchema = Type.Object(
  { ...versionFields, supersededAt: Nullable(Instant) },
  { $id: 'FeedbackQuestionVersion', title: 'FeedbackQuestionVersion' },
);

function presentVersionFields(row: QuestionRow, names: ReadonlyMap<string, string>) {
  const { questionId, ...fields } = presentQuestion(questionOf(row));
  return {
    key: row.key,
    version: row.version,
    questionId,
    ...fields,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    createdByName: row.createdBy === null ? null : (names.get(row.createdBy) ?? null),
  };
}

export function presentAdminQuestion(current: CurrentQuestion, names: ReadonlyMap<string, string>) {
  return {
    ...presentVersionFields(current.row, names),
    state: current.row.retiredAt === null ? ('active' as const) : ('retired' as const),
    position: current.row.position,
    retiredAt: current.row.retiredAt?.toISOString() ?? null,
    versions: current.versions,
  };
}

export function presentQuestionVersion(
  version: { row: QuestionRow; supersededAt: Date | null },
  names: ReadonlyMap<string, string>,
) {
  return { ...presentVersionFields(version.row, names), supersededAt: version.supersededAt?.toISOString() ?? null };
}
