// Republishes the newest retired version that was published before.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { RiskErrors } from './errors';
import { riskRuleSets } from './schema';

/**
 * Goes back to the version published before the current one: the current one is retired and the
 * previous one published again (it was approved by a second person when first published). With
 * only one version ever published, going back means the built-in defaults (version 0).
 */
export async function rollBackRuleSet(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
): Promise<{ retired: number; published: number }> {
  const [current] = await tx.select().from(riskRuleSets).where(eq(riskRuleSets.status, 'published')).for('update');
  if (current === undefined) throw RiskErrors.RISK_NOTHING_TO_ROLL_BACK_TO();
  const [previous] = await tx
    .select()
    .from(riskRuleSets)
    .where(and(eq(riskRuleSets.status, 'retired'), isNotNull(riskRuleSets.publishedAt)))
    .orderBy(desc(riskRuleSets.retiredAt), desc(riskRuleSets.version))
    .limit(1)
    .for('update');
  const now = clock.now();
  await tx
    .update(riskRuleSets)
    .set({ status: 'retired', retiredAt: now, updatedAt: now })
    .where(eq(riskRuleSets.version, current.version));
  if (previous !== undefined) {
    await tx
      .update(riskRuleSets)
      .set({ status: 'published', retiredAt: null, updatedAt: now })
      .where(eq(riskRuleSets.version, previous.version));
  }
  const published = previous?.version ?? 0;
  await recordAudit(tx, {
    actor: staff,
    action: 'risk.rule_set_rolled_back',
    targetType: 'risk_rule_set',
    targetId: String(current.version),
    detail: { published },
    at: now,
  });
  return { retired: current.version, published };
}
