// Tables owned by feedback: the files a customer uploaded, the feedback entries, the replies staff
// wrote, and the category corrections handlers made (kept, so the rules can learn from them).
//
// Anonymous entries keep no customer or order in clear: `customerId` and `orderId` are null, the
// author lives only in `sealedAuthor` (identity's PII encryption) and the customer finds their own
// entries through `authorIndex` (a keyed hash of the customer id that a handler cannot reverse).

import type { AttachedFile, LocalText } from '@zulin/support';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Rating } from './analysis/nps';
import type { ClassificationRule, FeedbackCategory } from './classify/rules';
import type { FeedbackSource } from './feedback-source';
import type { FeedbackTiming } from './handler-view';
import type { HandlingState } from './handling';
import type { Answer, ChoiceQuestion, QuestionKind, ScaleQuestion } from './questions';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A file of a feedback (support's `AttachedFile`: uploads live in support, which both modules reach). */
export type StoredMedia = AttachedFile;

export const feedbackEntries = pgTable(
  'feedback_entries',
  {
    id: text('id').primaryKey(),
    anonymous: boolean('anonymous').notNull(),
    /** Named only. */
    customerId: text('customer_id'),
    /** Named only. */
    orderId: text('order_id'),
    /** Anonymous only: the author link, encrypted (revealed to the system for rewards and replies, audited). */
    sealedAuthor: text('sealed_author'),
    authorIndex: text('author_index').notNull(),
    /** A rating of a finished rental: keyed hash of the order, unique, so a rental is rated once. */
    ratedOrderIndex: text('rated_order_index'),
    timing: text('timing').$type<FeedbackTiming>().notNull(),
    rating: text('rating').$type<Rating>(),
    text: text('text').notNull(),
    answers: jsonb('answers').$type<Answer[]>().notNull(),
    npsScore: integer('nps_score'),
    media: jsonb('media').$type<StoredMedia[]>().notNull(),
    locale: text('locale').notNull(),
    productId: text('product_id'),
    model: text('model'),
    warehouseId: text('warehouse_id'),
    carrier: text('carrier'),
    /** Where it was sent from: the form, or 反馈问题 under an error the app showed (feedback-source.ts). */
    source: text('source').$type<FeedbackSource>().notNull().default('form'),
    /** error_screen only: the problem code the screen showed. */
    errorCode: text('error_code'),
    /** error_screen on named entries only: the request id the screen showed (the request log names the customer). */
    errorRequestId: text('error_request_id'),
    /** What classification found, and what a handler corrected it to (the corrected one counts). */
    autoCategory: text('auto_category').$type<FeedbackCategory>(),
    categoryConfidencePct: integer('category_confidence_pct').notNull(),
    /**
     * The rule set that classified it (`feedback_rule_sets.version`) and the rules that matched, so a
     * correction names what misled (the facts are not stored; the rules they matched are).
     * Entries stored before migration 0063 carry `default-1` and no matched rules.
     */
    rulesVersion: text('rules_version'),
    matchedRuleIds: jsonb('matched_rule_ids').$type<string[]>(),
    category: text('category').$type<FeedbackCategory>(),
    valuable: boolean('valuable').notNull().default(false),
    valuableAt: instant('valuable_at'),
    repliedAt: instant('replied_at'),
    /**
     * Handling (handling.ts): new → in_progress (assigned) → resolved (a reply or an explicit
     * resolve); the handler it is assigned to; when it is due by the SLA rule (handling-sla.ts,
     * docs/feedback.md: anonymous entries count from the end of their day, so the due time does not
     * tell the exact instant they were sent); when it was resolved. Migration 0074.
     */
    handlingState: text('handling_state').$type<HandlingState>().notNull().default('new'),
    assigneeId: text('assignee_id'),
    dueAt: instant('due_at').notNull(),
    resolvedAt: instant('resolved_at'),
    /** Opted in to the public thanks list. */
    thanksOptIn: boolean('thanks_opt_in').notNull().default(false),
    demo: boolean('demo').notNull().default(false),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    submittedAt: instant('submitted_at').notNull(),
  },
  (t) => [
    index('feedback_entries_author_idx').on(t.authorIndex, t.submittedAt),
    index('feedback_entries_queue_idx').on(t.submittedAt, t.id),
    // The queue filtered by where an entry was sent from, newest first (feedback-entries.ts' listFeedbackQueue).
    index('feedback_entries_source_idx').on(t.source, t.submittedAt, t.id),
    // The handlers' queue by due time, and its state and overdue filters (listFeedbackQueue, sort=due).
    index('feedback_entries_due_idx').on(t.handlingState, t.dueAt, t.id),
    // The public thanks wall: named, valuable, opted in, newest first (read-thanks-list.ts).
    index('feedback_entries_thanks_idx')
      .on(t.valuableAt, t.id)
      .where(sql`${t.valuable} and ${t.thanksOptIn} and not ${t.anonymous}`),
    uniqueIndex('feedback_entries_rated_order_uq').on(t.ratedOrderIndex).where(sql`${t.ratedOrderIndex} is not null`),
  ],
);

export const feedbackReplies = pgTable(
  'feedback_replies',
  {
    id: text('id').primaryKey(),
    feedbackId: text('feedback_id').notNull(),
    staffId: text('staff_id').notNull(),
    text: text('text').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('feedback_replies_feedback_idx').on(t.feedbackId, t.createdAt)],
);

/** Handlers' internal notes on a feedback: staff only, never in the customer's view; each is audited. */
export const feedbackNotes = pgTable(
  'feedback_notes',
  {
    id: text('id').primaryKey(),
    feedbackId: text('feedback_id').notNull(),
    staffId: text('staff_id').notNull(),
    text: text('text').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('feedback_notes_feedback_idx').on(t.feedbackId, t.createdAt)],
);

export const feedbackCorrections = pgTable(
  'feedback_corrections',
  {
    id: text('id').primaryKey(),
    feedbackId: text('feedback_id').notNull(),
    fromCategory: text('from_category').$type<FeedbackCategory>(),
    toCategory: text('to_category').$type<FeedbackCategory>().notNull(),
    staffId: text('staff_id').notNull(),
    createdAt: instant('created_at').notNull(),
    /**
     * The core's `ClassificationCorrection`: what the rules said (the automatic category, its
     * confidence, the rule set and the rules that matched), the feedback's meaningful words when
     * corrected, and the handler's note. Null on corrections kept before migration 0063.
     */
    rulesVersion: text('rules_version'),
    suggestedCategory: text('suggested_category').$type<FeedbackCategory>(),
    suggestedConfidencePct: integer('suggested_confidence_pct'),
    matchedRuleIds: jsonb('matched_rule_ids').$type<string[]>(),
    words: jsonb('words').$type<string[]>(),
    note: text('note'),
  },
  (t) => [
    index('feedback_corrections_feedback_idx').on(t.feedbackId, t.createdAt),
    index('feedback_corrections_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * The classification rule sets, one row per published version, append-only: the highest `seq` is
 * the one that classifies new feedback. `version` is `r<seq>`; migration 0063 writes the core's
 * `defaultClassificationRules` as `default-1` (seq 1). Entries and corrections name the version.
 */
export const feedbackRuleSets = pgTable(
  'feedback_rule_sets',
  {
    version: text('version').primaryKey(),
    seq: integer('seq').notNull(),
    rules: jsonb('rules').$type<ClassificationRule[]>().notNull(),
    confidentScore: integer('confident_score').notNull(),
    tieOrder: jsonb('tie_order').$type<FeedbackCategory[]>().notNull(),
    /** null for the defaults the migration wrote. */
    publishedBy: text('published_by'),
    publishedAt: instant('published_at').notNull(),
    note: text('note'),
  },
  (t) => [uniqueIndex('feedback_rule_sets_seq_uq').on(t.seq)],
);

/**
 * The preset questions, one row per version (questions.ts). A version's wording, kind, flags and
 * choices are never changed: an edit is a new row with the next version, so every answer
 * (`questionKey@vN`) reads against what the customer saw. `position`, `retired_at` and `restored_at`
 * place the question on the form: only the current (highest) version's row is updated, and a new
 * version takes them over. Migration 0062 writes the three default questions as version 1.
 */
export const feedbackQuestions = pgTable(
  'feedback_questions',
  {
    key: text('key').notNull(),
    version: integer('version').notNull(),
    kind: text('kind').$type<QuestionKind>().notNull(),
    text: jsonb('text').$type<LocalText>().notNull(),
    required: boolean('required').notNull(),
    /** Scale questions only: its answers feed the NPS (at most one active question). */
    nps: boolean('nps').notNull().default(false),
    /** Scale only. */
    labels: jsonb('labels').$type<ScaleQuestion['labels']>(),
    /** Choice only. */
    multiple: boolean('multiple'),
    choices: jsonb('choices').$type<ChoiceQuestion['choices']>(),
    /** Text only. */
    maxLength: integer('max_length'),
    position: integer('position').notNull(),
    retiredAt: instant('retired_at'),
    restoredAt: instant('restored_at'),
    /** The staff member who published the version; null for the defaults the migration wrote. */
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ name: 'feedback_questions_pk', columns: [t.key, t.version] })],
);

/**
 * Feedback's operator settings (docs/modules.md, "Settings": identity's auditedSettings), one JSON
 * document per key: `rating_window`, the days a finished rental may be rated and its reminder day.
 */
export const feedbackSettings = pgTable('feedback_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
