// Turns shadow mode on or off for a draft: it then runs beside the published set on each decision.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { lockedDraft, type RuleSetRow } from './rule-set-versions';
import { riskRuleSets } from './schema';

/** Turns shadow mode on for this draft (and off for any other), or off. */
export async function setRuleSetShadow(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options: { version: number; shadow: boolean },
): Promise<RuleSetRow> {
  const draft = await lockedDraft(tx, options.version);
  const now = clock.now();
  if (options.shadow)
    await tx.update(riskRuleSets).set({ shadow: false, updatedAt: now }).where(eq(riskRuleSets.shadow, true));
  const [row] = await tx
    .update(riskRuleSets)
    .set({ shadow: options.shadow, updatedAt: now })
    .where(eq(riskRuleSets.version, draft.version))
    .returning();
  await recordAudit(tx, {
    actor: staff,
    action: options.shadow ? 'risk.rule_set_shadow_on' : 'risk.rule_set_shadow_off',
    targetType: 'risk_rule_set',
    targetId: String(draft.version),
    at: now,
  });
  return row as RuleSetRow;
}
