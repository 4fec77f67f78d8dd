// A new feedback, checked and classified, ready to store (phase 2's submit use case calls this
// inside its transaction). Two entry points (seed 001, 反馈入口):
//  * `general` — the feedback button on the home and profile pages, with or without an order; while
//    an order is being rented it counts as instant feedback (during_rental);
//  * `rating` — "rate" on the order page once the rental has ended, within the rating window; a
//    rating (good / neutral / bad) is required.
// Either way there must be something to read: a rating, a text or at least one answer.
import { assert, type BusinessDate } from '@zulin/kernel';
import type { Rating } from './analysis/nps';
import { type QuestionForm, validateAnswers } from './answers';
import { type Encrypt, feedbackAuthor } from './author';
import { classify } from './classify/classify';
import type { ClassificationRules, OrderFacts } from './classify/rules';
import { FeedbackErrors } from './errors';
import type { FeedbackRecord, FeedbackTiming } from './handler-view';
import { FeedbackLimits } from './limits';
import type { RentalPhase } from './problem-report';
import type { Answer } from './questions';
import { assertCanRate, type RatingWindowPolicy } from './rating-window';
import { type AttachmentRef, checkAttachments } from './uploads/attachments';

export interface FeedbackOrder {
  orderId: string;
  phase: RentalPhase;
  /** The business date the rental ended (inspection done or bought out); null while it runs. */
  endedOn: BusinessDate | null;
  alreadyRated: boolean;
  facts: OrderFacts;
  productId: string | null;
  model: string | null;
  warehouseId: string | null;
  carrier: string | null;
}

export interface DraftFeedbackOptions {
  id: string;
  now: Date;
  today: BusinessDate;
  customerId: string;
  entry: 'general' | 'rating';
  order: FeedbackOrder | null;
  /** Facts of the submission beyond its order's (the screen it was sent from, the customer's tickets). */
  facts?: OrderFacts;
  rating: Rating | null;
  text: string;
  /** The form's questions, or the versions a submission may answer (question-form.ts). */
  questions: QuestionForm;
  answers: readonly Answer[];
  attachments: readonly AttachmentRef[];
  anonymous: boolean;
  encrypt: Encrypt;
  rules: ClassificationRules;
  windowPolicy?: RatingWindowPolicy;
}

function timingOf(options: DraftFeedbackOptions): FeedbackTiming {
  if (options.entry === 'rating') return 'after_rental';
  const phase = options.order?.phase;
  return phase === 'in_transit' || phase === 'on_rent' || phase === 'returning' ? 'during_rental' : 'general';
}

function checkContent(options: DraftFeedbackOptions, text: string): void {
  if (text.length > FeedbackLimits.textLengthMax) {
    throw FeedbackErrors.FEEDBACK_TEXT_INVALID({
      errors: [{ path: '/text', message: `At most ${FeedbackLimits.textLengthMax} characters` }],
    });
  }
  if (options.entry === 'rating' && options.rating === null) {
    throw FeedbackErrors.FEEDBACK_TEXT_INVALID({
      errors: [{ path: '/rating', message: 'Choose good, neutral or bad' }],
    });
  }
  if (options.rating === null && text.length === 0 && options.answers.length === 0) {
    throw FeedbackErrors.FEEDBACK_TEXT_INVALID({ errors: [{ path: '/text', message: 'Write something or rate' }] });
  }
}

/** A drafted feedback with the rule set that classified it and the rules that matched (stored with it). */
export interface DraftedFeedback extends FeedbackRecord {
  rulesVersion: string;
  matchedRuleIds: string[];
}

export async function draftFeedback(options: DraftFeedbackOptions): Promise<DraftedFeedback> {
  const { order } = options;
  if (options.entry === 'rating') {
    assert(order !== null, 'a rating is given on an order');
    assertCanRate({
      endedOn: order.endedOn,
      today: options.today,
      alreadyRated: order.alreadyRated,
      policy: options.windowPolicy,
    });
  }
  const text = options.text.trim();
  checkContent(options, text);
  const answers = validateAnswers(options.questions, options.answers);
  checkAttachments(options.attachments);
  const classification = classify(text, { ...order?.facts, ...options.facts }, options.rules);
  const author = await feedbackAuthor({
    feedbackId: options.id,
    anonymous: options.anonymous,
    link: { customerId: options.customerId, orderId: order?.orderId ?? null },
    encrypt: options.encrypt,
  });
  return {
    id: options.id,
    submittedAt: options.now,
    submittedOn: options.today,
    timing: timingOf(options),
    author,
    productId: order?.productId ?? null,
    model: order?.model ?? null,
    warehouseId: order?.warehouseId ?? null,
    carrier: order?.carrier ?? null,
    rating: options.rating,
    text,
    answers,
    mediaKeys: options.attachments.map((a) => a.key),
    category: classification.category,
    categoryConfidencePct: classification.confidencePct,
    valuable: false,
    rulesVersion: classification.rulesVersion,
    matchedRuleIds: classification.matched.map((m) => m.ruleId),
  };
}
