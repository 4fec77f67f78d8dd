// Preset questions (seed 001: 提供一些预设的问题或选项; 根据反馈数据实时更新反馈问题和选项). A question is
// edited by publishing a new version; versions are never changed, and every answer names the
// version it answered, so an answer always reads against the exact words the customer saw.
import type { FieldError } from '@zulin/kernel';
import type { LocalText } from '@zulin/support';
import { FeedbackErrors } from './errors';
import { FeedbackLimits } from './limits';

export type QuestionKind = 'scale' | 'choice' | 'text';

interface QuestionCommon {
  /** Stable across versions, e.g. `recommend`. */
  key: string;
  /** 1, 2, 3 …; a new version is a new row, the old one stays for its answers. */
  version: number;
  text: LocalText;
  required: boolean;
}

/** An integer answer from 0 to 10. */
export interface ScaleQuestion extends QuestionCommon {
  kind: 'scale';
  /** Answers feed the Net Promoter Score. At most one question of a set is the NPS question. */
  nps: boolean;
  labels: { low: LocalText; high: LocalText };
}

export interface ChoiceQuestion extends QuestionCommon {
  kind: 'choice';
  multiple: boolean;
  choices: readonly { id: string; label: LocalText }[];
}

export interface TextQuestion extends QuestionCommon {
  kind: 'text';
  maxLength: number;
}

export type QuestionVersion = ScaleQuestion | ChoiceQuestion | TextQuestion;

export const scaleMin = 0;
export const scaleMax = 10;

export interface Answer {
  questionKey: string;
  version: number;
  /** scale: an integer 0–10; choice: the chosen ids; text: the text. */
  value: number | readonly string[] | string;
}

/**
 * The three questions of seed 001, as version 1. Migration 0062 wrote exactly these into
 * `feedback_questions` (questions-api.test.ts checks it); the form is read from the table, edited in
 * the console, so this constant is their origin, not what customers are asked today.
 */
export const defaultQuestions: readonly QuestionVersion[] = Object.freeze([
  {
    key: 'phone_quality',
    version: 1,
    kind: 'scale',
    nps: false,
    required: false,
    text: { 'zh-CN': '手机质量如何?', en: 'How was the phone?' },
    labels: { low: { 'zh-CN': '非常差', en: 'Very poor' }, high: { 'zh-CN': '非常好', en: 'Excellent' } },
  },
  {
    key: 'service_quality',
    version: 1,
    kind: 'scale',
    nps: false,
    required: false,
    text: { 'zh-CN': '服务质量如何?', en: 'How was our service?' },
    labels: { low: { 'zh-CN': '非常差', en: 'Very poor' }, high: { 'zh-CN': '非常好', en: 'Excellent' } },
  },
  {
    key: 'recommend',
    version: 1,
    kind: 'scale',
    nps: true,
    required: false,
    text: { 'zh-CN': '是否推荐给他人?', en: 'Would you recommend us to others?' },
    labels: {
      low: { 'zh-CN': '完全不会', en: 'Not at all likely' },
      high: { 'zh-CN': '非常愿意', en: 'Extremely likely' },
    },
  },
]);

function textErrors(text: LocalText, path: string): FieldError[] {
  return (['zh-CN', 'en'] as const).flatMap((locale) => {
    const value = text[locale].trim();
    return value.length === 0 || value.length > FeedbackLimits.questionTextLengthMax
      ? [{ path: `${path}/${locale}`, message: `1–${FeedbackLimits.questionTextLengthMax} characters` }]
      : [];
  });
}

function kindErrors(q: QuestionVersion): FieldError[] {
  if (q.kind === 'scale')
    return [...textErrors(q.labels.low, '/labels/low'), ...textErrors(q.labels.high, '/labels/high')];
  if (q.kind === 'text') {
    const ok =
      Number.isSafeInteger(q.maxLength) && q.maxLength >= 1 && q.maxLength <= FeedbackLimits.answerTextLengthMax;
    return ok ? [] : [{ path: '/maxLength', message: `1–${FeedbackLimits.answerTextLengthMax}` }];
  }
  const errors: FieldError[] = [];
  if (q.choices.length < 2 || q.choices.length > FeedbackLimits.choicesMax) {
    errors.push({ path: '/choices', message: `2–${FeedbackLimits.choicesMax} choices` });
  }
  const ids = new Set<string>();
  q.choices.forEach((choice, i) => {
    if (!/^[a-z0-9_]{1,32}$/.test(choice.id) || ids.has(choice.id)) {
      errors.push({ path: `/choices/${i}/id`, message: 'a unique lower_snake_case id' });
    }
    ids.add(choice.id);
    errors.push(...textErrors(choice.label, `/choices/${i}/label`));
  });
  return errors;
}

/** Checks a question version written in the console. */
export function validateQuestion(q: QuestionVersion): QuestionVersion {
  const errors: FieldError[] = [];
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(q.key)) errors.push({ path: '/key', message: 'lower_snake_case, at most 40' });
  if (!Number.isSafeInteger(q.version) || q.version < 1)
    errors.push({ path: '/version', message: 'a positive integer' });
  errors.push(...textErrors(q.text, '/text'), ...kindErrors(q));
  if (errors.length > 0) throw FeedbackErrors.FEEDBACK_QUESTION_INVALID({ errors });
  return q;
}

/**
 * The next version of a question with the edited wording, choices or flags. The kind cannot change:
 * answers of all versions of one key are analysed together, so a different kind is a new question.
 */
export function reviseQuestion(current: QuestionVersion, edited: QuestionVersion): QuestionVersion {
  if (edited.key !== current.key || edited.kind !== current.kind) {
    throw FeedbackErrors.FEEDBACK_QUESTION_INVALID({
      detail: 'A revision keeps the key and the kind; create a new question for another kind.',
    });
  }
  return validateQuestion({ ...edited, version: current.version + 1 });
}

/** Checks the set of questions a form shows: each valid, keys unique, at most one NPS question. */
export function validateQuestionSet(questions: readonly QuestionVersion[]): readonly QuestionVersion[] {
  const errors: FieldError[] = [];
  if (questions.length > FeedbackLimits.questionsPerSetMax) {
    errors.push({ path: '/questions', message: `at most ${FeedbackLimits.questionsPerSetMax} questions` });
  }
  const keys = new Set<string>();
  questions.slice(0, FeedbackLimits.questionsPerSetMax).forEach((q, i) => {
    if (keys.has(q.key)) errors.push({ path: `/questions/${i}/key`, message: `${q.key} appears twice` });
    keys.add(q.key);
  });
  if (errors.length > 0) throw FeedbackErrors.FEEDBACK_QUESTION_INVALID({ errors });
  const nps = questions.filter((q) => q.kind === 'scale' && q.nps).map((q) => q.key);
  if (nps.length > 1) {
    throw FeedbackErrors.FEEDBACK_QUESTION_NPS_TAKEN({
      detail: `${nps.join(' and ')} would both feed the NPS.`,
      errors: [{ path: '/questions', message: 'at most one NPS question' }],
    });
  }
  for (const q of questions) validateQuestion(q);
  return questions;
}
