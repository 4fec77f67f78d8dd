// Which question versions a submission may answer, and which questions it must answer, given the
// versions stored with their placement (docs/feedback.md, "Preset questions"). The customer's form
// may have been loaded before an edit or a retirement: an answer may name any version that was asked
// at some moment within the grace window (FeedbackLimits.questionGraceMs), and a question is
// required only when it has been asked, and required, throughout that window — a form loaded before
// it was added, made required or brought back did not show it as required.
import type { QuestionVersion } from './questions';

/** A stored version with where and when it was asked. */
export interface PlacedQuestion {
  question: QuestionVersion;
  /** The question's place on the form (the current version's counts). */
  position: number;
  /** When this version was published. */
  createdAt: Date;
  /** When the next version was published; null for the current version. */
  supersededAt: Date | null;
  /** Set while the question is retired (as it was when this version was superseded). */
  retiredAt: Date | null;
  /** When the question was last brought back, if ever. */
  restoredAt: Date | null;
}

/** What a submission is checked against (answers.ts). */
export interface AnswerableQuestions {
  /** Every version an answer may name: one or more per key. */
  versions: readonly QuestionVersion[];
  /** Keys a submission must answer. */
  requiredKeys: readonly string[];
}

/** The current versions of the active questions, in their order: the form a customer is shown. */
export function activeForm(placed: readonly PlacedQuestion[]): QuestionVersion[] {
  return placed
    .filter((p) => p.supersededAt === null && p.retiredAt === null)
    .sort((a, b) => a.position - b.position || a.question.key.localeCompare(b.question.key))
    .map((p) => p.question);
}

/**
 * Whether a version was asked at some moment after `windowStart`: it was asked until its question was
 * retired or the next version was published, whichever came first. A version published while its
 * question was retired carries that earlier retirement and was never asked (bringing the question
 * back clears it).
 */
function askedWithin(p: PlacedQuestion, windowStart: number): boolean {
  if (p.retiredAt !== null && p.retiredAt.getTime() <= p.createdAt.getTime()) return false;
  const until = Math.min(
    p.retiredAt?.getTime() ?? Number.POSITIVE_INFINITY,
    p.supersededAt?.getTime() ?? Number.POSITIVE_INFINITY,
  );
  return until > windowStart;
}

/**
 * The versions a submission at `now` may answer and the keys it must answer. `placed` holds at least
 * every version asked within the window (the current ones and those superseded or retired since
 * `now − graceMs`); older versions may be given too and are left out.
 */
export function answerableQuestions(
  placed: readonly PlacedQuestion[],
  now: Date,
  graceMs: number,
): AnswerableQuestions {
  const windowStart = now.getTime() - graceMs;
  const asked = placed.filter((p) => askedWithin(p, windowStart));
  const byKey = new Map<string, PlacedQuestion[]>();
  for (const p of asked) byKey.set(p.question.key, [...(byKey.get(p.question.key) ?? []), p]);
  const requiredKeys: string[] = [];
  for (const [key, versions] of byKey) {
    const current = versions.find((p) => p.supersededAt === null);
    const throughout =
      current !== undefined &&
      current.retiredAt === null &&
      (current.restoredAt === null || current.restoredAt.getTime() <= windowStart) &&
      Math.min(...versions.map((p) => p.createdAt.getTime())) <= windowStart;
    if (throughout && versions.every((p) => p.question.required)) requiredKeys.push(key);
  }
  return { versions: asked.map((p) => p.question), requiredKeys };
}
