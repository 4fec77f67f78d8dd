// Publishes a draft; a second staff member only (not its last editor). The previous version retires.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { RiskErrors } from './errors';
import { parseRuleSet } from './rule-set';
import { lockedDraft, type RuleSetRow } from './rule-set-versions';
import { riskRuleSets } from './schema';

/** Publishes a draft; the publisher must not be the one who last edited it. */
export async function publishRuleSet(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options: { version: number },
): Promise<RuleSetRow> {
  const draft = await lockedDraft(tx, options.version);
  if (draft.editedBy === staff.staffId) throw RiskErrors.RISK_PUBLISH_SELF_APPROVAL();
  parseRuleSet(draft.ruleSet);
  const now = clock.now();
  const [previous] = await tx
    .update(riskRuleSets)
    .set({ status: 'retired', retiredAt: now, updatedAt: now })
    .where(eq(riskRuleSets.status, 'published'))
    .returning({ version: riskRuleSets.version });
  const [row] = await tx
    .update(riskRuleSets)
    .set({ status: 'published', shadow: false, publishedBy: staff.staffId, publishedAt: now, updatedAt: now })
    .where(eq(riskRuleSets.version, draft.version))
    .returning();
  await recordAudit(tx, {
    actor: staff,
    action: 'risk.rule_set_published',
    targetType: 'risk_rule_set',
    targetId: String(draft.version),
    detail: { editedBy: draft.editedBy, previous: previous?.version ?? 0 },
    at: now,
  });
  return row as RuleSetRow;
}
