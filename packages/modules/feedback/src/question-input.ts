// A question version as the console writes it: the wording and the fields of its kind. Texts are
// trimmed; a field of another kind, or a missing one, is refused by name; the rest of the rules are
// the core's (validateQuestion).
import type { FieldError } from '@zulin/kernel';
import type { LocalText } from '@zulin/support';
import { FeedbackErrors } from './errors';
import { type QuestionKind, type QuestionVersion, validateQuestion } from './questions';

export interface QuestionInput {
  text: LocalText;
  required: boolean;
  /** Scale only: the answers feed the NPS. */
  nps?: boolean | undefined;
  /** Scale only, and required there: the words at 0 and at 10. */
  labels?: { low: LocalText; high: LocalText } | undefined;
  /** Choice only: more than one choice may be picked. */
  multiple?: boolean | undefined;
  /** Choice only, and required there: ids stay the same across versions for the same choice. */
  choices?: readonly { id: string; label: LocalText }[] | undefined;
  /** Text only, and required there. */
  maxLength?: number | undefined;
}

const fieldsOf: Record<QuestionKind, readonly (keyof QuestionInput)[]> = {
  scale: ['nps', 'labels'],
  choice: ['multiple', 'choices'],
  text: ['maxLength'],
};
const requiredOf: Record<QuestionKind, readonly (keyof QuestionInput)[]> = {
  scale: ['labels'],
  choice: ['choices'],
  text: ['maxLength'],
};

const trimmed = (text: LocalText): LocalText => ({ 'zh-CN': text['zh-CN'].trim(), en: text.en.trim() });

/** The version `version` of question `key` of kind `kind`, checked. */
export function questionFromInput(
  key: string,
  version: number,
  kind: QuestionKind,
  input: QuestionInput,
): QuestionVersion {
  const errors: FieldError[] = [];
  for (const other of Object.keys(fieldsOf) as QuestionKind[]) {
    if (other === kind) continue;
    for (const field of fieldsOf[other]) {
      if (input[field] !== undefined) errors.push({ path: `/${field}`, message: `only for ${other} questions` });
    }
  }
  for (const field of requiredOf[kind]) {
    if (input[field] === undefined) errors.push({ path: `/${field}`, message: `required for a ${kind} question` });
  }
  if (errors.length > 0) throw FeedbackErrors.FEEDBACK_QUESTION_INVALID({ errors });
  const common = { key, version, text: trimmed(input.text), required: input.required };
  switch (kind) {
    case 'scale': {
      const labels = input.labels as NonNullable<QuestionInput['labels']>;
      return validateQuestion({
        ...common,
        kind,
        nps: input.nps ?? false,
        labels: { low: trimmed(labels.low), high: trimmed(labels.high) },
      });
    }
    case 'choice':
      return validateQuestion({
        ...common,
        kind,
        multiple: input.multiple ?? false,
        choices: (input.choices ?? []).map((c) => ({ id: c.id, label: trimmed(c.label) })),
      });
    case 'text':
      return validateQuestion({ ...common, kind, maxLength: input.maxLength ?? 0 });
  }
}
