// What the rule-set use cases share: a stored version as the core's ClassificationRules, the current
// set (the highest `seq`: the one that classifies new feedback), one version, the history, and the
// lock a publication takes. Versions are `r<seq>`; the defaults migration 0063 wrote are
// `default-1` (seq 1).
import type { Executor } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { ClassificationRule, ClassificationRules } from './classify/rules';
import { FeedbackErrors } from './errors';
import { FeedbackLimits } from './limits';
import { feedbackRuleSets } from './schema';

export type RuleSetRow = typeof feedbackRuleSets.$inferSelect;

/** The editable part of a set: what a publication changes, and what "unchanged" compares. */
export type RuleSetContent = Omit<ClassificationRules, 'version'>;

export function rulesOf(row: RuleSetRow): ClassificationRules {
  return { version: row.version, rules: row.rules, confidentScore: row.confidentScore, tieOrder: row.tieOrder };
}

export function versionOfSeq(seq: number): string {
  assert(Number.isSafeInteger(seq) && seq >= 2, 'published versions follow the defaults (seq 1)');
  return `r${seq}`;
}

/** The rule set that classifies new feedback. Migration 0063 writes the first, so there always is one. */
export async function readCurrentRuleSet(db: Executor): Promise<RuleSetRow> {
  const [row] = await db.select().from(feedbackRuleSets).orderBy(desc(feedbackRuleSets.seq)).limit(1);
  assert(row !== undefined, 'migration 0063 writes the default rule set');
  return row;
}

export async function readRuleSet(db: Executor, version: string): Promise<RuleSetRow> {
  const [row] = await db.select().from(feedbackRuleSets).where(eq(feedbackRuleSets.version, version));
  if (row === undefined) throw FeedbackErrors.FEEDBACK_RULE_SET_NOT_FOUND();
  return row;
}

/** The rule sets a batch of entries or corrections names, by version (one read). */
export async function readRuleSets(db: Executor, versions: readonly string[]): Promise<Map<string, RuleSetRow>> {
  const wanted = [...new Set(versions)];
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(feedbackRuleSets).where(inArray(feedbackRuleSets.version, wanted));
  return new Map(rows.map((r) => [r.version, r]));
}

/** The newest versions first, without their rules, and how many there are in all. */
export async function listRuleSetVersions(db: Executor) {
  const rows = await db
    .select({
      version: feedbackRuleSets.version,
      seq: feedbackRuleSets.seq,
      rules: sql<number>`jsonb_array_length(${feedbackRuleSets.rules})::int`,
      publishedBy: feedbackRuleSets.publishedBy,
      publishedAt: feedbackRuleSets.publishedAt,
      note: feedbackRuleSets.note,
    })
    .from(feedbackRuleSets)
    .orderBy(desc(feedbackRuleSets.seq))
    .limit(FeedbackLimits.ruleSetHistoryMax);
  const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(feedbackRuleSets);
  return { data: rows.map((r) => ({ ...r, rules: Number(r.rules) })), total: Number(count?.total ?? 0) };
}

/** Publications wait for each other, so the version each one checks is still the current one when it commits. */
export async function lockRuleSets(tx: Executor): Promise<void> {
  await tx.execute(sql`lock table feedback_rule_sets in share row exclusive mode`);
}

/**
 * The rules rebuilt field by field, in one key order: what a request sent beyond a rule's fields is
 * dropped, and two sets compare equal whatever order jsonb gave their keys back in.
 */
export function cleanRules(rules: readonly ClassificationRule[]): ClassificationRule[] {
  return rules.map(
    (r): ClassificationRule =>
      r.kind === 'terms'
        ? { id: r.id, kind: r.kind, category: r.category, weight: r.weight, terms: [...r.terms] }
        : {
            id: r.id,
            kind: r.kind,
            category: r.category,
            weight: r.weight,
            when:
              r.when.op === 'at_least'
                ? { fact: r.when.fact, op: r.when.op, value: r.when.value }
                : { fact: r.when.fact, op: r.when.op },
          },
  );
}

/** Two sets say the same when their rules (in order), confident score and tie order are the same. */
export function sameRuleSet(a: RuleSetContent, b: RuleSetContent): boolean {
  const canonical = (s: RuleSetContent) =>
    JSON.stringify({ rules: cleanRules(s.rules), confidentScore: s.confidentScore, tieOrder: [...s.tieOrder] });
  return canonical(a) === canonical(b);
}
