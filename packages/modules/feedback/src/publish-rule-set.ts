// Publishing a classification rule set from the console: the edited set, checked, becomes the next
// version (`r<seq>`), and new feedback is classified by it from the commit on. Entries keep the
// version that classified them; nothing already stored is reclassified. The editor names the version
// it loaded (409 when another was published meanwhile); a set equal to the current one is refused.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { validateClassificationRules } from './classify/rules';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import {
  cleanRules,
  lockRuleSets,
  type RuleSetContent,
  type RuleSetRow,
  readCurrentRuleSet,
  rulesOf,
  sameRuleSet,
  versionOfSeq,
} from './rule-sets';
import { feedbackRuleSets } from './schema';

/** Which rules the new version adds, removes and changes, by id (the audit entry's detail). */
function ruleChanges(before: RuleSetContent, after: RuleSetContent) {
  const old = new Map(before.rules.map((r) => [r.id, r]));
  const next = new Map(after.rules.map((r) => [r.id, r]));
  const single = (r: RuleSetContent['rules'][number]): RuleSetContent => ({
    rules: [r],
    confidentScore: 0,
    tieOrder: [],
  });
  return {
    added: [...next.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !next.has(id)),
    changed: [...next.entries()].flatMap(([id, rule]) => {
      const was = old.get(id);
      return was !== undefined && !sameRuleSet(single(was), single(rule)) ? [id] : [];
    }),
  };
}

export async function publishRuleSet(
  tx: Executor,
  deps: FeedbackDeps,
  options: { staff: StaffPrincipal; expectedVersion: string; content: RuleSetContent; note: string | null },
): Promise<RuleSetRow> {
  await lockRuleSets(tx);
  const current = await readCurrentRuleSet(tx);
  if (current.version !== options.expectedVersion) {
    throw FeedbackErrors.FEEDBACK_RULES_VERSION_STALE({
      detail: `The current rule set is ${current.version}; this edit was made on ${options.expectedVersion.slice(0, 40)}.`,
    });
  }
  const content: RuleSetContent = { ...options.content, rules: cleanRules(options.content.rules) };
  validateClassificationRules({ version: 'draft', ...content });
  const before = rulesOf(current);
  if (sameRuleSet(before, content)) {
    throw FeedbackErrors.FEEDBACK_RULES_UNCHANGED({ detail: `The rule set is ${current.version} as it stands.` });
  }
  const now = deps.clock.now();
  const version = versionOfSeq(current.seq + 1);
  const [row] = await tx
    .insert(feedbackRuleSets)
    .values({
      version,
      seq: current.seq + 1,
      rules: [...content.rules],
      confidentScore: content.confidentScore,
      tieOrder: [...content.tieOrder],
      publishedBy: options.staff.staffId,
      publishedAt: now,
      note: options.note?.trim() || null,
    })
    .returning();
  assert(row !== undefined, 'the insert returns the rule set');
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.rules_published',
    targetType: 'feedback_rule_set',
    targetId: version,
    detail: {
      from: current.version,
      to: version,
      note: row.note,
      ...ruleChanges(before, content),
      ...(before.confidentScore === content.confidentScore
        ? {}
        : { confidentScore: { before: before.confidentScore, after: content.confidentScore } }),
      ...(before.tieOrder.join() === content.tieOrder.join()
        ? {}
        : { tieOrder: { before: before.tieOrder, after: content.tieOrder } }),
    },
    at: now,
  });
  return row;
}
