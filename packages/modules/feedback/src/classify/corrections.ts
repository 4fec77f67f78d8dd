// Handler corrections of the automatic category. Each correction is kept (phase 2 stores these
// records) with what the rules said and why, so that the rules can be improved from them:
// `suggestRuleChanges` proposes terms to add and rules to review; a person decides.
import { assert } from '@zulin/kernel';
import { FeedbackErrors } from '../errors';
import { FeedbackLimits } from '../limits';
import { meaningfulWords } from '../word-frequency';
import type { Classification } from './classify';
import type { ClassificationRules, FeedbackCategory } from './rules';

export interface ClassificationCorrection {
  feedbackId: string;
  rulesVersion: string;
  /** What the rules said (null: unclassified) and how sure they were. */
  suggested: FeedbackCategory | null;
  suggestedConfidencePct: number;
  matchedRuleIds: string[];
  corrected: FeedbackCategory;
  correctedBy: string;
  /** ISO 8601 instant. */
  correctedAt: string;
  note: string | null;
  /** The feedback's meaningful words when corrected, so suggestions need not re-read the feedback. */
  words: string[];
}

/**
 * The record of a handler's correction. `current` is the category the entry counts under now (a
 * second correction starts from the first one's); by default, what the rules said.
 */
export function correctionRecord(options: {
  feedbackId: string;
  text: string;
  classification: Pick<Classification, 'category' | 'confidencePct' | 'rulesVersion'> & {
    matched: readonly { ruleId: string }[];
  };
  current?: FeedbackCategory | null;
  corrected: FeedbackCategory;
  staffId: string;
  now: Date;
  note?: string | undefined;
}): ClassificationCorrection {
  const { classification, corrected } = options;
  const current = options.current === undefined ? classification.category : options.current;
  if (current === corrected) {
    throw FeedbackErrors.FEEDBACK_CORRECTION_UNCHANGED({ detail: `The feedback is already ${corrected}.` });
  }
  return {
    feedbackId: options.feedbackId,
    rulesVersion: classification.rulesVersion,
    suggested: classification.category,
    suggestedConfidencePct: classification.confidencePct,
    matchedRuleIds: classification.matched.map((m) => m.ruleId),
    corrected,
    correctedBy: options.staffId,
    correctedAt: options.now.toISOString(),
    note: options.note?.trim() || null,
    words: [...new Set(meaningfulWords(options.text))],
  };
}

export type RuleSuggestion =
  | { kind: 'add_term'; category: FeedbackCategory; term: string; corrections: number }
  | { kind: 'review_rule'; ruleId: string; category: FeedbackCategory; misledCorrections: number };

/**
 * From corrections: a word found in at least `minCorrections` feedbacks moved to a category, and in
 * none of that category's term rules, is proposed as a term of it; a rule that matched in at least
 * `minCorrections` feedbacks moved away from its category is proposed for review (lower its weight,
 * or remove a term). Sorted by how many corrections back each proposal.
 */
export function suggestRuleChanges(options: {
  corrections: readonly ClassificationCorrection[];
  rules: ClassificationRules;
  minCorrections?: number;
}): RuleSuggestion[] {
  const { corrections, rules } = options;
  const minCorrections = options.minCorrections ?? 3;
  assert(corrections.length <= FeedbackLimits.correctionsMax, 'at most correctionsMax corrections per run');
  const wordsTo = new Map<string, number>();
  const misled = new Map<string, number>();
  for (const c of corrections) {
    for (const word of new Set(c.words))
      wordsTo.set(`${c.corrected}\u0000${word}`, (wordsTo.get(`${c.corrected}\u0000${word}`) ?? 0) + 1);
    for (const ruleId of new Set(c.matchedRuleIds)) {
      const rule = rules.rules.find((r) => r.id === ruleId);
      if (rule !== undefined && rule.category !== c.corrected) misled.set(ruleId, (misled.get(ruleId) ?? 0) + 1);
    }
  }
  const suggestions: RuleSuggestion[] = [];
  for (const [key, count] of wordsTo) {
    const [category, term] = key.split('\u0000') as [FeedbackCategory, string];
    if (count < minCorrections) continue;
    const known = rules.rules.some((r) => r.kind === 'terms' && r.category === category && r.terms.includes(term));
    if (!known) suggestions.push({ kind: 'add_term', category, term, corrections: count });
  }
  for (const [ruleId, count] of misled) {
    const rule = rules.rules.find((r) => r.id === ruleId);
    if (rule !== undefined && count >= minCorrections) {
      suggestions.push({ kind: 'review_rule', ruleId, category: rule.category, misledCorrections: count });
    }
  }
  const weight = (s: RuleSuggestion) => (s.kind === 'add_term' ? s.corrections : s.misledCorrections);
  const label = (s: RuleSuggestion) => (s.kind === 'add_term' ? `${s.category}:${s.term}` : `~${s.ruleId}`);
  return suggestions.sort((a, b) => weight(b) - weight(a) || (label(a) < label(b) ? -1 : 1));
}
