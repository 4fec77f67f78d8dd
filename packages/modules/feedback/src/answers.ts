// Answers checked against the exact question versions the customer was shown.
import type { FieldError } from '@zulin/kernel';
import { FeedbackErrors } from './errors';
import type { AnswerableQuestions } from './question-form';
import { type Answer, type QuestionVersion, scaleMax, scaleMin } from './questions';

/**
 * What answers are checked against: the set of questions a form shows (each required one required),
 * or the versions a submission may answer with the keys it must answer (question-form.ts), where a
 * key may have several versions — a form loaded before an edit answers the earlier one.
 */
export type QuestionForm = readonly QuestionVersion[] | AnswerableQuestions;

function formOf(form: QuestionForm): AnswerableQuestions {
  if (!Array.isArray(form)) return form as AnswerableQuestions;
  const questions = form as readonly QuestionVersion[];
  return { versions: questions, requiredKeys: questions.filter((q) => q.required).map((q) => q.key) };
}

function valueError(q: QuestionVersion, value: Answer['value']): string | null {
  switch (q.kind) {
    case 'scale':
      return typeof value === 'number' && Number.isInteger(value) && value >= scaleMin && value <= scaleMax
        ? null
        : `a whole number from ${scaleMin} to ${scaleMax}`;
    case 'choice': {
      if (!Array.isArray(value) || value.length === 0) return 'at least one choice';
      if (!q.multiple && value.length > 1) return 'exactly one choice';
      if (new Set(value).size !== value.length) return 'each choice once';
      const known = new Set(q.choices.map((c) => c.id));
      return value.every((v) => typeof v === 'string' && known.has(v)) ? null : 'choices of this question';
    }
    case 'text':
      return typeof value === 'string' && value.trim().length > 0 && value.length <= q.maxLength
        ? null
        : `a text of 1–${q.maxLength} characters`;
  }
}

/**
 * Checks every answer against the form: each names a question and one of its versions on the form,
 * each question at most once, with a value of that version's kind; every required question is
 * answered. All problems are listed together. Text answers come back trimmed.
 */
export function validateAnswers(form: QuestionForm, answers: readonly Answer[]): Answer[] {
  const { versions, requiredKeys } = formOf(form);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  answers.forEach((answer, i) => {
    const ofKey = versions.filter((x) => x.key === answer.questionKey);
    if (ofKey.length === 0) {
      errors.push({ path: `/answers/${i}/questionKey`, message: 'not a question of this form' });
      return;
    }
    const q = ofKey.find((x) => x.version === answer.version);
    if (q === undefined) {
      const shown = Math.max(...ofKey.map((x) => x.version));
      errors.push({ path: `/answers/${i}/version`, message: `this form shows version ${shown}` });
    }
    if (seen.has(answer.questionKey)) {
      errors.push({ path: `/answers/${i}/questionKey`, message: 'answered twice' });
    }
    seen.add(answer.questionKey);
    const problem = q === undefined ? null : valueError(q, answer.value);
    if (problem !== null) errors.push({ path: `/answers/${i}/value`, message: problem });
  });
  for (const key of requiredKeys) {
    if (!seen.has(key)) errors.push({ path: '/answers', message: `${key} is required` });
  }
  if (errors.length > 0) throw FeedbackErrors.FEEDBACK_ANSWERS_INVALID({ errors });
  return answers.map((a) => (typeof a.value === 'string' ? { ...a, value: a.value.trim() } : a));
}

/**
 * The answer to the NPS question, if the customer gave one: the answer whose version was the NPS
 * question (of whichever key and version it answered, so a form loaded before an edit still counts).
 */
export function npsScoreOf(form: QuestionForm, answers: readonly Answer[]): number | null {
  const { versions } = formOf(form);
  for (const answer of answers) {
    const q = versions.find((x) => x.key === answer.questionKey && x.version === answer.version);
    if (q?.kind === 'scale' && q.nps && typeof answer.value === 'number') return answer.value;
  }
  return null;
}
