// Creates a rule-set draft from the published set, or from a whole set given.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { activeRuleSet } from './active-rule-set';
import { parseRuleSet, type RuleSet } from './rule-set';
import type { RuleSetRow } from './rule-set-versions';
import { riskRuleSets } from './schema';

/** A new draft: the given rule set, or a copy of the one in force. */
export async function createRuleSetDraft(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options: { ruleSet?: unknown; note: string },
): Promise<RuleSetRow> {
  const live = await activeRuleSet(tx);
  const ruleSet: RuleSet = options.ruleSet === undefined ? live.ruleSet : parseRuleSet(options.ruleSet);
  // Versions are numbered in order; the table lock keeps two drafts from taking the same number.
  await tx.execute(sql`lock table risk_rule_sets in share row exclusive mode`);
  const [last] = await tx.select({ max: sql<number | null>`max(${riskRuleSets.version})` }).from(riskRuleSets);
  const version = Math.max(last?.max ?? 0, live.version) + 1;
  const now = clock.now();
  const [row] = await tx
    .insert(riskRuleSets)
    .values({
      version,
      status: 'draft',
      ruleSet,
      basedOn: live.version,
      note: options.note,
      editedBy: staff.staffId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(tx, {
    actor: staff,
    action: 'risk.rule_set_drafted',
    targetType: 'risk_rule_set',
    targetId: String(version),
    detail: { basedOn: live.version },
    at: now,
  });
  return row as RuleSetRow;
}
