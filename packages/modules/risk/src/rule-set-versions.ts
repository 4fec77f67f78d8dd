// Rule-set versions: a draft is created from the published set (or given whole), edited in place,
// optionally run in shadow beside the published set, and published by a second staff member
// (maker–checker: the one who last edited it may not publish it). Publishing retires the previous
// version; rolling back republishes the newest retired version that was published before. Every
// change is audited. Decisions read the published version on each call (active-rule-set.ts), so
// a change applies to the next decision without a restart.
import type { Executor } from '@zulin/db';
import { desc, eq } from 'drizzle-orm';
import { RiskErrors } from './errors';
import { riskRuleSets } from './schema';

export type RuleSetRow = typeof riskRuleSets.$inferSelect;

export async function lockedVersion(tx: Executor, version: number): Promise<RuleSetRow> {
  const [row] = await tx.select().from(riskRuleSets).where(eq(riskRuleSets.version, version)).for('update');
  if (row === undefined) throw RiskErrors.RISK_RULE_SET_NOT_FOUND();
  return row;
}

export async function lockedDraft(tx: Executor, version: number): Promise<RuleSetRow> {
  const row = await lockedVersion(tx, version);
  if (row.status !== 'draft') throw RiskErrors.RISK_RULE_SET_NOT_DRAFT();
  return row;
}

export async function listRuleSets(db: Executor): Promise<RuleSetRow[]> {
  return db.select().from(riskRuleSets).orderBy(desc(riskRuleSets.version));
}

export async function getRuleSet(db: Executor, version: number): Promise<RuleSetRow> {
  const [row] = await db.select().from(riskRuleSets).where(eq(riskRuleSets.version, version));
  if (row === undefined) throw RiskErrors.RISK_RULE_SET_NOT_FOUND();
  return row;
}
