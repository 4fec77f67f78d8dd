// Rule-set versions: a draft is created from the published set (or given whole), edited in place,
// optionally run in shadow beside the published set, and published by a second staff member
// (maker–checker: the one who last edited it may not publish it). Publishing retires the previous
// version; rolling back republishes the newest retired version that was published before. Every
// change is audited. Decisions read the published version on each call (active-rule-set.ts), so
// a change applies to the next decision without a restart.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { activeRuleSet } from './active-rule-set';
import { RiskErrors } from './errors';
import { parseRuleSet, type RuleSet } from './rule-set';
import { riskRuleSets } from './schema';

export type RuleSetRow = typeof riskRuleSets.$inferSelect;

async function lockedVersion(tx: Executor, version: number): Promise<RuleSetRow> {
  const [row] = await tx.select().from(riskRuleSets).where(eq(riskRuleSets.version, version)).for('update');
  if (row === undefined) throw RiskErrors.RISK_RULE_SET_NOT_FOUND();
  return row;
}

async function lockedDraft(tx: Executor, version: number): Promise<RuleSetRow> {
  const row = await lockedVersion(tx, version);
  if (row.status !== 'draft') throw RiskErrors.RISK_RULE_SET_NOT_DRAFT();
  return row;
}

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

export async function listRuleSets(db: Executor): Promise<RuleSetRow[]> {
  return db.select().from(riskRuleSets).orderBy(desc(riskRuleSets.version));
}

export async function getRuleSet(db: Executor, version: number): Promise<RuleSetRow> {
  const [row] = await db.select().from(riskRuleSets).where(eq(riskRuleSets.version, version));
  if (row === undefined) throw RiskErrors.RISK_RULE_SET_NOT_FOUND();
  return row;
}
