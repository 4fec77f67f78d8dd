// A handler corrects the automatic category. The correction is kept as the core's
// `ClassificationCorrection` describes it (what the rules said: the automatic category, its
// confidence, the rule set and the rules that matched; what the handler chose, who, when, their note;
// and the feedback's meaningful words), so that rule changes can be suggested from them
// (rule-suggestions.ts); the entry counts under the corrected category from then on.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { newId } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { classify } from './classify/classify';
import { correctionRecord } from './classify/corrections';
import type { FeedbackCategory } from './classify/rules';
import type { FeedbackDeps } from './deps';
import { type FeedbackRow, loadFeedback } from './feedback-entries';
import { maskContactDetails } from './handler-view';
import { readRuleSet, rulesOf } from './rule-sets';
import { feedbackCorrections, feedbackEntries } from './schema';

/**
 * The rules that matched when the entry was classified. Entries stored before migration 0063 did not
 * keep them: their text is classified again with the set that classified them (`default-1`), without
 * the order's facts, which were never stored (a fact rule that matched then is missing here).
 */
async function matchedRuleIdsOf(tx: Executor, row: FeedbackRow): Promise<{ version: string; ids: string[] }> {
  const version = row.rulesVersion ?? 'default-1';
  if (row.matchedRuleIds !== null) return { version, ids: row.matchedRuleIds };
  const rules = rulesOf(await readRuleSet(tx, version));
  return { version, ids: classify(row.text, {}, rules).matched.map((m) => m.ruleId) };
}

export async function correctFeedbackCategory(
  tx: Executor,
  deps: FeedbackDeps,
  options: { feedbackId: string; staff: StaffPrincipal; category: FeedbackCategory; note?: string },
): Promise<FeedbackRow> {
  const row = await loadFeedback(tx, options.feedbackId, { forUpdate: true });
  const now = deps.clock.now();
  const matched = await matchedRuleIdsOf(tx, row);
  const record = correctionRecord({
    feedbackId: row.id,
    // The words as a handler reads them: contact details typed into the text are not kept.
    text: maskContactDetails(row.text),
    classification: {
      category: row.autoCategory,
      confidencePct: row.categoryConfidencePct,
      rulesVersion: matched.version,
      matched: matched.ids.map((ruleId) => ({ ruleId })),
    },
    current: row.category,
    corrected: options.category,
    staffId: options.staff.staffId,
    now,
    note: options.note,
  });
  await tx.insert(feedbackCorrections).values({
    id: newId('fbc', deps.clock),
    feedbackId: row.id,
    fromCategory: row.category,
    toCategory: record.corrected,
    staffId: record.correctedBy,
    createdAt: now,
    rulesVersion: record.rulesVersion,
    suggestedCategory: record.suggested,
    suggestedConfidencePct: record.suggestedConfidencePct,
    matchedRuleIds: record.matchedRuleIds,
    words: record.words,
    note: record.note,
  });
  const [updated] = await tx
    .update(feedbackEntries)
    .set({ category: options.category })
    .where(eq(feedbackEntries.id, row.id))
    .returning();
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.category_corrected',
    targetType: 'feedback',
    targetId: row.id,
    detail: { from: row.category, to: options.category, rulesVersion: record.rulesVersion, note: record.note },
    at: now,
  });
  return updated ?? row;
}
