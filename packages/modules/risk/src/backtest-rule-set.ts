// A back-test replays recorded applications against a draft: the facts stored with each decision
// are decided again with the draft, and every decision whose outcome, waiver or limit would change
// is listed (up to a bound; all are counted). Nothing is written.
import type { Executor } from '@zulin/db';
import { desc } from 'drizzle-orm';
import { cachedRuleSet } from './active-rule-set';
import { type DecisionRecord, decide } from './decide';
import { RiskLimits } from './limits';
import { storedRecord } from './read-decisions';
import type { Outcome } from './rule-set';
import { getRuleSet } from './rule-set-versions';
import { riskDecisions } from './schema';

export interface BacktestChange {
  decisionId: string;
  ruleSetVersion: number;
  before: {
    outcome: Outcome;
    score: number;
    waiverBps: number;
    depositWaivedMinor: number;
    creditLimitMinor: number;
    reasonCodes: string[];
  };
  after: {
    outcome: Outcome;
    score: number;
    waiverBps: number;
    depositWaivedMinor: number;
    creditLimitMinor: number;
    reasonCodes: string[];
  };
}

export interface BacktestReport {
  version: number;
  replayed: number;
  changed: number;
  outcomeChanged: number;
  waiverChanged: number;
  limitChanged: number;
  changes: BacktestChange[];
}

const view = (r: DecisionRecord) => ({
  outcome: r.outcome,
  score: r.score.total,
  waiverBps: r.waiverBps,
  depositWaivedMinor: r.depositWaivedMinor,
  creditLimitMinor: r.creditLimitMinor,
  reasonCodes: r.reasonCodes,
});

export async function backtestRuleSet(
  db: Executor,
  options: { version: number; applications?: number | undefined },
): Promise<BacktestReport> {
  const row = await getRuleSet(db, options.version);
  const ruleSet = cachedRuleSet(row.ruleSet);
  const limit = Math.min(
    options.applications ?? RiskLimits.backtestApplicationsMax,
    RiskLimits.backtestApplicationsMax,
  );
  const decisions = await db
    .select({ id: riskDecisions.id, record: riskDecisions.record })
    .from(riskDecisions)
    .orderBy(desc(riskDecisions.createdAt), desc(riskDecisions.id))
    .limit(limit);
  const report: BacktestReport = {
    version: row.version,
    replayed: 0,
    changed: 0,
    outcomeChanged: 0,
    waiverChanged: 0,
    limitChanged: 0,
    changes: [],
  };
  for (const decision of decisions) {
    // Decisions recorded before a fact existed replay with its neutral value (`storedRecord`).
    const before = storedRecord(decision.record);
    const after = decide(before.facts, ruleSet, row.version);
    report.replayed += 1;
    const outcome = after.outcome !== before.outcome;
    const waiver = after.depositWaivedMinor !== before.depositWaivedMinor || after.waiverBps !== before.waiverBps;
    const limitChange = after.creditLimitMinor !== before.creditLimitMinor;
    if (!outcome && !waiver && !limitChange) continue;
    report.changed += 1;
    if (outcome) report.outcomeChanged += 1;
    if (waiver) report.waiverChanged += 1;
    if (limitChange) report.limitChanged += 1;
    if (report.changes.length < RiskLimits.backtestChangesListedMax) {
      report.changes.push({
        decisionId: decision.id,
        ruleSetVersion: before.ruleSetVersion,
        before: view(before),
        after: view(after),
      });
    }
  }
  return report;
}
