// The shapes feedback's HTTP API answers with, and the functions that turn rows into them.

import { Instant, Literals, Nullable } from '@zulin/platform';
import { type SlaTimerState, slaTimerState, type UploadView } from '@zulin/support';
import { Type } from 'typebox';
import { ratings } from './analysis/nps';
import { feedbackCategories } from './classify/rules';
import { DateString } from './date-range';
import type { CorrectionRow, FeedbackRow, ReplyRow } from './feedback-entries';
import { feedbackSources } from './feedback-source';
import type { HandlerView } from './handler-view';
import { handlingStates, type NoteRow } from './handling';
import { feedbackSlaHours, isOverdue } from './handling-sla';
import { FeedbackLimits } from './limits';
import type { QuestionVersion } from './questions';
import { ratingWindowSettingsSchema } from './rating-window-settings';
import { questionIdOf } from './submit-feedback';

export const feedbackTimings = ['during_rental', 'after_rental', 'general'] as const;
export const HandlingStateSchema = Literals(
  handlingStates,
  'new → in_progress (assigned) → resolved (a reply or resolved)',
);
const slaTimerStates = keysOfSla({ running: true, at_risk: true, breached: true, met: true, missed: true });
function keysOfSla(states: Record<SlaTimerState, true>): SlaTimerState[] {
  return Object.keys(states) as SlaTimerState[];
}
export const RatingSchema = Literals(ratings);
export const CategorySchema = Literals(feedbackCategories);
/** The queue's and the export's filter by where an entry was sent from (feedback-source.ts). */
export const SourceSchema = Literals(feedbackSources, 'form: the feedback form; error_screen: 反馈问题 under an error');
const AnswerValue = Type.Union([Type.Integer({ minimum: 0, maximum: 10 }), Type.String(), Type.Array(Type.String())]);

export const AnswerSchema = Type.Object({ questionId: Type.String(), value: AnswerValue });

/**
 * The analysis' drill-downs into the queue and the CSV export: a word of the word list, a breakdown
 * line's key (product id, model as stored, warehouse id, carrier code) and a period's days.
 */
export const DrillDownQuery = {
  word: Type.Optional(Type.String({ minLength: 1, maxLength: FeedbackLimits.searchQueryLengthMax })),
  productId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  model: Type.Optional(Type.String({ minLength: 1, maxLength: FeedbackLimits.searchQueryLengthMax })),
  warehouseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  carrier: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
};

export const UploadSchema = Type.Object(
  {
    id: Type.String(),
    kind: Literals(['image', 'video'] as const),
    contentType: Type.String(),
    sizeBytes: Type.Integer(),
    hasThumbnail: Type.Boolean(),
    createdAt: Instant,
  },
  { $id: 'FeedbackUpload', title: 'FeedbackUpload' },
);

const ReplySchema = Type.Object({ id: Type.String(), text: Type.String(), createdAt: Instant });
const MediaSchema = Type.Object({
  id: Type.String({ description: 'the upload id' }),
  kind: Literals(['image', 'video'] as const),
  key: Type.String({ description: 'content key, for GET /v1/feedback/media/{key}' }),
  thumbnailKey: Type.Union([Type.String(), Type.Null()]),
});

export const MyFeedbackSchema = Type.Object(
  {
    id: Type.String(),
    anonymous: Type.Boolean(),
    orderId: Type.Union([Type.String(), Type.Null()], { description: 'named feedback only' }),
    timing: Literals(feedbackTimings),
    rating: Type.Union([RatingSchema, Type.Null()]),
    text: Type.String(),
    answers: Type.Array(AnswerSchema),
    media: Type.Array(MediaSchema),
    category: Type.Union([CategorySchema, Type.Null()]),
    valuable: Type.Boolean(),
    submittedAt: Instant,
    replies: Type.Array(ReplySchema),
  },
  { $id: 'MyFeedback', title: 'MyFeedback' },
);

/** The handler's view. Anonymous entries leave out every field below marked "named only". */
export const HandlerFeedbackSchema = Type.Object(
  {
    id: Type.String(),
    author: Literals(['anonymous', 'named'] as const),
    customerId: Type.Optional(Type.String({ description: 'named only' })),
    customerName: Type.Optional(Type.String({ description: 'named only, masked' })),
    customerPhone: Type.Optional(Type.String({ description: 'named only, masked' })),
    orderId: Type.Optional(Nullable(Type.String({ description: 'named only' }))),
    orderName: Type.Optional(
      Nullable(Type.String({ description: "named only: the rented phone's SKU name, as the console names the order" })),
    ),
    submittedAt: Type.Optional(Type.String({ format: 'date-time', description: 'named only' })),
    submittedOn: Type.String({ format: 'date' }),
    timing: Literals(feedbackTimings),
    rating: Type.Union([RatingSchema, Type.Null()]),
    text: Type.String({ description: 'anonymous: phone numbers, ID numbers and e-mail addresses masked' }),
    answers: Type.Array(AnswerSchema),
    media: Type.Array(MediaSchema),
    category: Type.Union([CategorySchema, Type.Null()]),
    autoCategory: Type.Union([CategorySchema, Type.Null()]),
    categoryConfidencePct: Type.Integer(),
    rulesVersion: Nullable(Type.String({ description: 'the classification rule set that classified it' })),
    source: Literals(feedbackSources, 'error_screen: sent with 反馈问题 under an error the app showed'),
    errorCode: Nullable(Type.String({ description: 'error_screen: the problem code the screen showed' })),
    errorRequestId: Type.Optional(
      Nullable(Type.String({ description: 'named only; error_screen: the request id the screen showed' })),
    ),
    valuable: Type.Boolean(),
    replies: Type.Array(
      Type.Object({ id: Type.String(), text: Type.String(), staffId: Type.String(), createdAt: Instant }),
    ),
    corrections: Type.Array(
      Type.Object({
        from: Type.Union([CategorySchema, Type.Null()]),
        to: CategorySchema,
        staffId: Type.String(),
        createdAt: Instant,
        note: Nullable(Type.String()),
      }),
    ),
    handling: Type.Object(
      {
        state: HandlingStateSchema,
        assigneeId: Nullable(Type.String()),
        assigneeName: Nullable(Type.String()),
        dueAt: Type.String({
          format: 'date-time',
          description: 'by the SLA rule of docs/feedback.md; anonymous: counted from the end of the day it was sent',
        }),
        overdue: Type.Boolean({ description: 'not resolved and the due instant has passed' }),
        sla: Literals(slaTimerStates, "support's timer state: running, at_risk, breached, met or missed"),
        resolvedAt: Nullable(Instant),
      },
      { description: 'the handlers’ queue: state, assignee, due time (staff only)' },
    ),
    notes: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          text: Type.String(),
          staffId: Type.String(),
          staffName: Nullable(Type.String()),
          createdAt: Instant,
        }),
        { description: 'internal notes, staff only; in the answers about one feedback, not in the queue list' },
      ),
    ),
  },
  { $id: 'HandlerFeedback', title: 'HandlerFeedback' },
);

export const LocalTextSchema = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

/** The fields of a question version, as the form shows it (each kind its own). */
export const questionFields = {
  kind: Literals(['scale', 'choice', 'text'] as const),
  nps: Type.Boolean(),
  required: Type.Boolean(),
  text: LocalTextSchema,
  labels: Type.Optional(
    Type.Object({ low: LocalTextSchema, high: LocalTextSchema }, { description: 'scale: the words at 0 and 10' }),
  ),
  multiple: Type.Optional(Type.Boolean({ description: 'choice: more than one may be picked' })),
  choices: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), label: LocalTextSchema }), {
      description: 'choice: answered with the chosen ids',
    }),
  ),
  maxLength: Type.Optional(Type.Integer({ description: 'text: the longest answer' })),
};

export const QuestionSchema = Type.Object(
  {
    questionId: Type.String({ description: 'key@vN: answers name the exact version they answer' }),
    ...questionFields,
  },
  { $id: 'FeedbackQuestion', title: 'FeedbackQuestion' },
);

export function presentUpload(view: UploadView) {
  return { ...view, createdAt: view.createdAt.toISOString() };
}

function presentAnswers(row: FeedbackRow) {
  return row.answers.map((a) => ({
    questionId: questionIdOf({ key: a.questionKey, version: a.version }),
    value: typeof a.value === 'number' || typeof a.value === 'string' ? a.value : [...a.value],
  }));
}

function presentMedia(row: FeedbackRow) {
  return row.media.map((m) => ({ id: m.uploadId, kind: m.kind, key: m.key, thumbnailKey: m.thumbnailKey }));
}

export function presentMyFeedback(row: FeedbackRow, replies: readonly ReplyRow[]) {
  return {
    id: row.id,
    anonymous: row.anonymous,
    orderId: row.anonymous ? null : row.orderId,
    timing: row.timing,
    rating: row.rating,
    text: row.text,
    answers: presentAnswers(row),
    media: presentMedia(row),
    category: row.category,
    valuable: row.valuable,
    submittedAt: row.submittedAt.toISOString(),
    replies: replies.map((r) => ({ id: r.id, text: r.text, createdAt: r.createdAt.toISOString() })),
  };
}

/**
 * Built from the core's handler view (which has no place for an anonymous author), field by field:
 * nothing of the row is spread into it.
 */
export function presentHandlerFeedback(
  row: FeedbackRow,
  view: HandlerView,
  replies: readonly ReplyRow[],
  corrections: readonly CorrectionRow[],
  handling: {
    now: Date;
    staffNames: ReadonlyMap<string, string>;
    /** Rental's display names of the orders (rentalOrderNames), by order id. */
    orderNames: ReadonlyMap<string, string>;
    notes?: readonly NoteRow[];
  },
) {
  const nameOf = (id: string | null) => (id === null ? null : (handling.staffNames.get(id) ?? null));
  const common = {
    id: view.feedbackId,
    author: view.author,
    submittedOn: view.submittedOn,
    timing: view.timing,
    rating: view.rating,
    text: view.text,
    answers: presentAnswers(row),
    media: presentMedia(row),
    category: view.category,
    autoCategory: row.autoCategory,
    categoryConfidencePct: view.categoryConfidencePct,
    rulesVersion: row.rulesVersion,
    source: row.source,
    errorCode: row.errorCode,
    valuable: view.valuable,
    replies: replies.map((r) => ({ id: r.id, text: r.text, staffId: r.staffId, createdAt: r.createdAt.toISOString() })),
    corrections: corrections.map((c) => ({
      from: c.fromCategory,
      to: c.toCategory,
      staffId: c.staffId,
      createdAt: c.createdAt.toISOString(),
      note: c.note,
    })),
    handling: {
      state: row.handlingState,
      assigneeId: row.assigneeId,
      assigneeName: nameOf(row.assigneeId),
      dueAt: row.dueAt.toISOString(),
      overdue: isOverdue(row, handling.now),
      // The SLA window starts at the due time less its hours (for anonymous entries, the end of their day).
      sla: slaTimerState({
        openedAt: new Date(row.dueAt.getTime() - feedbackSlaHours(row) * 3_600_000),
        dueAt: row.dueAt,
        now: handling.now,
        doneAt: row.resolvedAt,
      }),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
    },
    ...(handling.notes === undefined
      ? {}
      : {
          notes: handling.notes.map((n) => ({
            id: n.id,
            text: n.text,
            staffId: n.staffId,
            staffName: nameOf(n.staffId),
            createdAt: n.createdAt.toISOString(),
          })),
        }),
  };
  if (view.author === 'anonymous') return common;
  return {
    ...common,
    customerId: view.customerId,
    customerName: view.customerName,
    customerPhone: view.customerPhone,
    orderId: view.orderId,
    orderName: view.orderId === null ? null : (handling.orderNames.get(view.orderId) ?? null),
    submittedAt: view.submittedAt,
    errorRequestId: row.errorRequestId,
  };
}

export function presentQuestion(q: QuestionVersion) {
  return {
    questionId: questionIdOf(q),
    kind: q.kind,
    nps: q.kind === 'scale' && q.nps,
    required: q.required,
    text: q.text,
    ...(q.kind === 'scale' ? { labels: q.labels } : {}),
    ...(q.kind === 'choice' ? { multiple: q.multiple, choices: q.choices.map((c) => ({ ...c })) } : {}),
    ...(q.kind === 'text' ? { maxLength: q.maxLength } : {}),
  };
}

/** The rating window in force, its defaults, and who last changed it (rating-window-settings.ts). */
export const RatingWindowSettingsViewSchema = Type.Object(
  {
    ratingWindow: ratingWindowSettingsSchema,
    defaults: { ...ratingWindowSettingsSchema, description: 'the window when nothing is stored' },
    updatedBy: Nullable(Type.String()),
    updatedByName: Nullable(Type.String({ description: 'the staff member who last changed it' })),
    updatedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'RatingWindowSettings', title: 'RatingWindowSettings' },
);
