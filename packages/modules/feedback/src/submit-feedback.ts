// A customer's feedback: general (the home or profile button, with or without an order) or the
// rating of a finished rental (the order page, within the rating window). The core's draftFeedback
// checks the window, the text, the answers and the attachments, classifies it and seals the author
// of an anonymous one; this use case reads the order, claims the uploads and stores the entry.
import { type Executor, emitEvent } from '@zulin/db';
import { encryptPii } from '@zulin/identity';
import { assert, businessDateOf, newId } from '@zulin/kernel';
import { getOrder, type OrderState } from '@zulin/rental';
import { attachUploads } from '@zulin/support';
import { eq } from 'drizzle-orm';
import type { Rating } from './analysis/nps';
import { npsScoreOf } from './answers';
import type { FeedbackDeps } from './deps';
import { draftFeedback, type FeedbackOrder } from './draft-feedback';
import { FeedbackErrors } from './errors';
import { authorIndexOf, type FeedbackRow, ratedOrderIndexOf } from './feedback-entries';
import { entryPointOf, type FeedbackEntryInput } from './feedback-source';
import { feedbackDueAt } from './handling-sla';
import { FeedbackLimits } from './limits';
import { readOrderContext } from './order-facts';
import type { RentalPhase } from './problem-report';
import { answerableQuestions } from './question-form';
import { readPlacedQuestions } from './question-store';
import type { Answer } from './questions';
import { ratingWindowSettings } from './rating-window-settings';
import { rentalEndedOn, rentalEndStates } from './rental-end';
import { readCurrentRuleSet, rulesOf } from './rule-sets';
import { feedbackEntries, type StoredMedia } from './schema';
import { readSubmissionFacts } from './submission-facts';

/** A question as the API names it: key and version, `recommend@v1`. */
export function questionIdOf(question: { key: string; version: number }): string {
  return `${question.key}@v${question.version}`;
}

export function answerOf(input: { questionId: string; value: Answer['value'] }): Answer {
  const match = /^([a-z][a-z0-9_]*)@v([1-9][0-9]{0,5})$/.exec(input.questionId);
  if (match === null) {
    throw FeedbackErrors.FEEDBACK_ANSWERS_INVALID({
      errors: [{ path: '/answers', message: `Unknown question ${input.questionId.slice(0, 80)}` }],
    });
  }
  return { questionKey: match[1] ?? '', version: Number(match[2]), value: input.value };
}

function phaseOf(status: OrderState): RentalPhase {
  if (status === 'shipped') return 'in_transit';
  if (status === 'delivered' || status === 'active' || status === 'renewed' || status === 'return_requested') {
    return 'on_rent';
  }
  if (status === 'returning' || status === 'inspecting') return 'returning';
  if (rentalEndStates.includes(status) || status === 'defaulted') return 'ended';
  return 'not_shipped';
}

async function feedbackOrder(
  tx: Executor,
  deps: FeedbackDeps,
  customerId: string,
  orderId: string,
): Promise<FeedbackOrder> {
  const view = await getOrder(tx, orderId, { customerId }).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'RENTAL_ORDER_NOT_FOUND') throw FeedbackErrors.FEEDBACK_ORDER_NOT_FOUND();
    throw error;
  });
  // A rental ends when its return inspection is settled or it is bought out: the first such step.
  const endedOn = rentalEndedOn(view.timeline, deps.timeZone);
  const rated = await tx
    .select({ id: feedbackEntries.id })
    .from(feedbackEntries)
    .where(eq(feedbackEntries.ratedOrderIndex, ratedOrderIndexOf(deps.masterKey, orderId)));
  return {
    orderId,
    phase: phaseOf(view.order.status),
    endedOn,
    alreadyRated: rated.length > 0,
    // The phone, its warehouse and carrier for the analysis, and the facts classification weighs.
    ...(await readOrderContext(tx, deps, { orderId, customerId })),
  };
}

export interface SubmitFeedbackOptions {
  customerId: string;
  entry: 'general' | 'rating';
  orderId: string | null;
  rating: Rating | null;
  text: string;
  anonymous: boolean;
  answers: readonly { questionId: string; value: Answer['value'] }[];
  mediaIds: readonly string[];
  thanksOptIn: boolean;
  /** The screen it was sent from (general feedback: the form unless the error screen says so). */
  sentFrom?: FeedbackEntryInput | undefined;
}

export async function submitFeedback(
  tx: Executor,
  deps: FeedbackDeps,
  options: SubmitFeedbackOptions,
): Promise<FeedbackRow> {
  const now = deps.clock.now();
  const today = businessDateOf(now, deps.timeZone);
  const id = newId('fdb', deps.clock);
  const order = options.orderId === null ? null : await feedbackOrder(tx, deps, options.customerId, options.orderId);
  const ownerIndex = authorIndexOf(deps.masterKey, options.customerId);
  const ordered = await attachUploads(tx, { ownerIndex, uploadIds: options.mediaIds, attachedTo: `feedback:${id}` });
  if (ordered === null) {
    throw FeedbackErrors.FEEDBACK_MEDIA_NOT_FOUND({ errors: [{ path: '/mediaIds', message: 'Not your upload' }] });
  }
  // The stored questions: the current ones, and those a form loaded before an edit still shows.
  const questions = answerableQuestions(await readPlacedQuestions(tx, now), now, FeedbackLimits.questionGraceMs);
  const entryPoint = entryPointOf(options.sentFrom, options.anonymous);
  const facts = await readSubmissionFacts(tx, {
    customerId: options.customerId,
    orderId: order?.orderId ?? null,
    entryPoint,
    now,
  });
  const record = await draftFeedback({
    id,
    now,
    today,
    customerId: options.customerId,
    entry: options.entry,
    order,
    facts,
    rating: options.rating,
    text: options.text,
    questions,
    answers: options.answers.map(answerOf),
    attachments: ordered.map((u) => ({ kind: u.kind, key: u.key })),
    anonymous: options.anonymous,
    encrypt: (plaintext) => encryptPii(tx, deps.masterKey, plaintext),
    // The rule set published last, read in this transaction: a set published meanwhile classifies
    // the next feedback, and the entry names the version that classified it.
    rules: rulesOf(await readCurrentRuleSet(tx)),
    // The window an operator set, in force today (a rating only: general feedback has none).
    ...(options.entry === 'rating' ? { windowPolicy: (await ratingWindowSettings.read(tx)).value } : {}),
  });
  const media: StoredMedia[] = ordered;
  const named = record.author.kind === 'named';
  const [row] = await tx
    .insert(feedbackEntries)
    .values({
      id,
      anonymous: !named,
      customerId: named ? options.customerId : null,
      orderId: named ? (order?.orderId ?? null) : null,
      sealedAuthor: record.author.kind === 'anonymous' ? record.author.sealed : null,
      authorIndex: ownerIndex,
      ratedOrderIndex: options.entry === 'rating' && order ? ratedOrderIndexOf(deps.masterKey, order.orderId) : null,
      timing: record.timing,
      rating: record.rating,
      text: record.text,
      answers: [...record.answers],
      npsScore: npsScoreOf(questions, record.answers),
      media,
      locale: /[\u4e00-\u9fff]/.test(record.text) ? 'zh-CN' : 'en',
      productId: record.productId,
      model: record.model,
      warehouseId: record.warehouseId,
      carrier: record.carrier,
      source: entryPoint.source,
      errorCode: entryPoint.errorCode,
      errorRequestId: named ? entryPoint.requestId : null,
      autoCategory: record.category,
      categoryConfidencePct: record.categoryConfidencePct,
      rulesVersion: record.rulesVersion,
      matchedRuleIds: record.matchedRuleIds,
      category: record.category,
      thanksOptIn: options.thanksOptIn && named,
      submittedOn: today,
      submittedAt: now,
      dueAt: feedbackDueAt({
        submittedAt: now,
        submittedOn: today,
        anonymous: !named,
        rating: record.rating,
        category: record.category,
        timeZone: deps.timeZone,
      }),
    })
    .returning();
  assert(row !== undefined, 'the insert returns the entry');
  await emitEvent(tx, now, {
    type: 'feedback.submitted',
    aggregateType: 'feedback',
    aggregateId: id,
    payload: { feedbackId: id, anonymous: !named, category: record.category },
  });
  return row;
}
