// Automatic classification of a feedback: every rule that matches adds its weight to its category;
// the category with the highest score wins (ties by the rule set's tieOrder). The result names the
// rules that matched and the terms they found, so that a handler sees why, and a correction can be
// traced to the rules that misled.
import { assert } from '@zulin/kernel';
import { normaliseText } from '@zulin/support';
import { FeedbackLimits } from '../limits';
import {
  type ClassificationRules,
  type FactCondition,
  type FeedbackCategory,
  feedbackCategories,
  type OrderFacts,
} from './rules';

export interface MatchedRule {
  ruleId: string;
  category: FeedbackCategory;
  /** The rule's weight times the distinct terms found (1 for a fact rule). */
  score: number;
  /** The terms found, for term rules; empty for fact rules. */
  terms: string[];
}

export interface Classification {
  /** null when no rule matched: the feedback goes to the handlers unclassified. */
  category: FeedbackCategory | null;
  /** 0–100: the winner's share of all scores, reduced when the winner's score is below confidentScore. */
  confidencePct: number;
  scores: Record<FeedbackCategory, number>;
  matched: MatchedRule[];
  rulesVersion: string;
}

const hanOnly = /^[\p{Script=Han}]+$/u;
const termPatterns = new Map<string, RegExp>();

/**
 * Chinese has no word boundaries, so a Chinese term is found as a substring. A Latin term is found
 * as a whole word or phrase, with the common endings (crash → crashes, crashed, crashing).
 */
function termFound(text: string, term: string): boolean {
  const needle = normaliseText(term);
  if (hanOnly.test(needle)) return text.includes(needle);
  let pattern = termPatterns.get(needle);
  if (pattern === undefined) {
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?:s|es|ed|d|ing)?(?![\\p{L}\\p{N}])`, 'u');
    termPatterns.set(needle, pattern);
  }
  return pattern.test(text);
}

function factHolds(facts: OrderFacts, when: FactCondition): boolean {
  const value = facts[when.fact];
  if (value === undefined) return false;
  if (when.op === 'is_true') return value === true;
  return typeof value === 'number' && value >= when.value;
}

function confidencePctOf(scores: Record<FeedbackCategory, number>, top: number, confidentScore: number): number {
  const total = feedbackCategories.reduce((sum, c) => sum + scores[c], 0);
  if (total === 0) return 0;
  // share × strength = (top / total) × (min(top, confident) / confident), in one division.
  return Math.round((100 * top * Math.min(top, confidentScore)) / (total * confidentScore));
}

/** Classifies one feedback's text with the facts of its order (empty for general feedback). */
export function classify(text: string, facts: OrderFacts, rules: ClassificationRules): Classification {
  assert(rules.rules.length <= FeedbackLimits.classificationRulesMax, 'rule set within classificationRulesMax');
  const normalised = normaliseText(text.slice(0, FeedbackLimits.textLengthMax));
  const scores = Object.fromEntries(feedbackCategories.map((c) => [c, 0])) as Record<FeedbackCategory, number>;
  const matched: MatchedRule[] = [];
  for (const rule of rules.rules) {
    if (rule.kind === 'terms') {
      const terms = rule.terms.slice(0, FeedbackLimits.ruleTermsMax).filter((term) => termFound(normalised, term));
      if (terms.length === 0) continue;
      matched.push({ ruleId: rule.id, category: rule.category, score: rule.weight * terms.length, terms });
    } else {
      if (!factHolds(facts, rule.when)) continue;
      matched.push({ ruleId: rule.id, category: rule.category, score: rule.weight, terms: [] });
    }
  }
  for (const m of matched) scores[m.category] += m.score;
  const top = Math.max(...feedbackCategories.map((c) => scores[c]));
  const category = top === 0 ? null : (rules.tieOrder.find((c) => scores[c] === top) ?? null);
  assert(top === 0 || category !== null, 'the tie order names every category');
  return {
    category,
    confidencePct: confidencePctOf(scores, top, rules.confidentScore),
    scores,
    matched,
    rulesVersion: rules.version,
  };
}
