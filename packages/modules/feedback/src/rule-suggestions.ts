// Rule suggestions for the console's rule editor: the core's `suggestRuleChanges` over the handlers'
// most recent corrections, against the current rule set, each with the feedback behind it for
// drill-down. Only the newest correction of a feedback counts (a feedback corrected twice counts
// once, where it ended up). A person decides; nothing is changed here.
import type { Executor } from '@zulin/db';
import { desc, eq, sql } from 'drizzle-orm';
import type { ClassificationCorrection, RuleSuggestion } from './classify/corrections';
import { suggestRuleChanges } from './classify/corrections';
import type { FeedbackCategory } from './classify/rules';
import { maskContactDetails } from './handler-view';
import { FeedbackLimits } from './limits';
import { readCurrentRuleSet, rulesOf } from './rule-sets';
import { feedbackCorrections, feedbackEntries } from './schema';
import { meaningfulWords } from './word-frequency';

export interface RuleSuggestionView {
  kind: RuleSuggestion['kind'];
  category: FeedbackCategory;
  /** add_term: the word to add to the category's terms. */
  term?: string;
  /** review_rule: the rule that pointed elsewhere. */
  ruleId?: string;
  /** The corrections behind it. */
  corrections: number;
  /** The newest of those feedbacks, at most `suggestionFeedbackIdsMax`. */
  feedbackIds: string[];
}

/** At least this many corrections back a suggestion (the core's default). */
export const suggestionMinCorrections = 3;

async function recentCorrections(db: Executor): Promise<ClassificationCorrection[]> {
  const rows = await db
    .select({
      c: feedbackCorrections,
      // Corrections kept before migration 0063 have no words: read them from the text then.
      legacyText: sql<string | null>`case when ${feedbackCorrections.words} is null then ${feedbackEntries.text} end`,
    })
    .from(feedbackCorrections)
    .innerJoin(feedbackEntries, eq(feedbackEntries.id, feedbackCorrections.feedbackId))
    .orderBy(desc(feedbackCorrections.createdAt), desc(feedbackCorrections.id))
    .limit(FeedbackLimits.correctionsMax);
  const seen = new Set<string>();
  const corrections: ClassificationCorrection[] = [];
  for (const { c, legacyText } of rows) {
    if (seen.has(c.feedbackId)) continue;
    seen.add(c.feedbackId);
    corrections.push({
      feedbackId: c.feedbackId,
      rulesVersion: c.rulesVersion ?? 'default-1',
      suggested: c.suggestedCategory ?? c.fromCategory,
      suggestedConfidencePct: c.suggestedConfidencePct ?? 0,
      matchedRuleIds: c.matchedRuleIds ?? [],
      corrected: c.toCategory,
      correctedBy: c.staffId,
      correctedAt: c.createdAt.toISOString(),
      note: c.note,
      words: c.words ?? [...new Set(meaningfulWords(maskContactDetails(legacyText ?? '')))],
    });
  }
  return corrections;
}

export async function readRuleSuggestions(db: Executor) {
  const current = rulesOf(await readCurrentRuleSet(db));
  const corrections = await recentCorrections(db);
  const suggestions = suggestRuleChanges({ corrections, rules: current, minCorrections: suggestionMinCorrections });
  const backing = (s: RuleSuggestion) =>
    corrections.filter((c) =>
      s.kind === 'add_term'
        ? c.corrected === s.category && c.words.includes(s.term)
        : c.corrected !== s.category && c.matchedRuleIds.includes(s.ruleId),
    );
  const data: RuleSuggestionView[] = suggestions.slice(0, FeedbackLimits.suggestionsMax).map((s) => ({
    kind: s.kind,
    category: s.category,
    ...(s.kind === 'add_term' ? { term: s.term } : { ruleId: s.ruleId }),
    corrections: s.kind === 'add_term' ? s.corrections : s.misledCorrections,
    feedbackIds: backing(s)
      .slice(0, FeedbackLimits.suggestionFeedbackIdsMax)
      .map((c) => c.feedbackId),
  }));
  return {
    rulesVersion: current.version,
    correctionsRead: corrections.length,
    minCorrections: suggestionMinCorrections,
    data,
  };
}
