// Edits a draft in place (validated against the rule-set schema); the editor is recorded.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { parseRuleSet } from './rule-set';
import { lockedDraft, type RuleSetRow } from './rule-set-versions';
import { riskRuleSets } from './schema';

export async function updateRuleSetDraft(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options: { version: number; ruleSet: unknown; note?: string | undefined },
): Promise<RuleSetRow> {
  const draft = await lockedDraft(tx, options.version);
  const ruleSet = parseRuleSet(options.ruleSet);
  const now = clock.now();
  const [row] = await tx
    .update(riskRuleSets)
    .set({ ruleSet, note: options.note ?? draft.note, editedBy: staff.staffId, updatedAt: now })
    .where(eq(riskRuleSets.version, draft.version))
    .returning();
  await recordAudit(tx, {
    actor: staff,
    action: 'risk.rule_set_edited',
    targetType: 'risk_rule_set',
    targetId: String(draft.version),
    at: now,
  });
  return row as RuleSetRow;
}
