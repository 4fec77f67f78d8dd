// The rule set in force: the published version, read on every decision, so that publishing takes
// effect on the next decision without a restart. Before anything is published the built-in
// defaults apply as version 0. Parsed sets are cached by their content (CEL compiles once).
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { defaultRuleSet } from './default-rule-set';
import { RiskLimits } from './limits';
import { parseRuleSet, type RuleSet } from './rule-set';
import { riskRuleSets } from './schema';

export interface VersionedRuleSet {
  version: number;
  ruleSet: RuleSet;
}

const parsed = new Map<string, RuleSet>();

/** The rule set stored as `json`, parsed once per distinct content. */
export function cachedRuleSet(json: unknown): RuleSet {
  const key = JSON.stringify(json);
  const hit = parsed.get(key);
  if (hit !== undefined) return hit;
  const ruleSet = parseRuleSet(json);
  if (parsed.size >= RiskLimits.ruleSetCacheMax) parsed.delete(parsed.keys().next().value as string);
  parsed.set(key, ruleSet);
  return ruleSet;
}

export async function activeRuleSet(db: Executor): Promise<VersionedRuleSet> {
  const [row] = await db
    .select({ version: riskRuleSets.version, ruleSet: riskRuleSets.ruleSet })
    .from(riskRuleSets)
    .where(eq(riskRuleSets.status, 'published'));
  if (row === undefined) return { version: 0, ruleSet: defaultRuleSet };
  return { version: row.version, ruleSet: cachedRuleSet(row.ruleSet) };
}

/** The draft in shadow mode, if any. */
export async function shadowRuleSet(db: Executor): Promise<VersionedRuleSet | null> {
  const [row] = await db
    .select({ version: riskRuleSets.version, ruleSet: riskRuleSets.ruleSet })
    .from(riskRuleSets)
    .where(eq(riskRuleSets.shadow, true));
  return row === undefined ? null : { version: row.version, ruleSet: cachedRuleSet(row.ruleSet) };
}
