// Answers checked against the exact question versions the customer was shown.
import type { FieldError } from '@zulin/kernel';
import { FeedbackErrors } from './errors';
import { type Answer, type QuestionVersion, scaleMax, scaleMin } from './questions';

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
 * Checks every answer against the shown question set: each names a question and version of the set,
 * at most once, with a value of the question's kind; every required question is answered. All
 * problems are listed together. Text answers come back trimmed.
 */
export function validateAnswers(questions: readonly QuestionVersion[], answers: readonly Answer[]): Answer[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  answers.forEach((answer, i) => {
    const q = questions.find((x) => x.key === answer.questionKey);
    if (q === undefined) {
      errors.push({ path: `/answers/${i}/questionKey`, message: 'not a question of this form' });
      return;
    }
    if (q.version !== answer.version) {
      errors.push({ path: `/answers/${i}/version`, message: `this form shows version ${q.version}` });
    }
    if (seen.has(q.key)) errors.push({ path: `/answers/${i}/questionKey`, message: 'answered twice' });
    seen.add(q.key);
    const problem = valueError(q, answer.value);
    if (problem !== null) errors.push({ path: `/answers/${i}/value`, message: problem });
  });
  questions.forEach((q) => {
    if (q.required && !seen.has(q.key)) errors.push({ path: '/answers', message: `${q.key} is required` });
  });
  if (errors.length > 0) throw FeedbackErrors.FEEDBACK_ANSWERS_INVALID({ errors });
  return answers.map((a) => (typeof a.value === 'string' ? { ...a, value: a.value.trim() } : a));
}

/** The answer to the NPS question of the set, if the customer gave one. */
export function npsScoreOf(questions: readonly QuestionVersion[], answers: readonly Answer[]): number | null {
  const npsQuestion = questions.find((q) => q.kind === 'scale' && q.nps);
  if (npsQuestion === undefined) return null;
  const answer = answers.find((a) => a.questionKey === npsQuestion.key && a.version === npsQuestion.version);
  return typeof answer?.value === 'number' ? answer.value : null;
}
