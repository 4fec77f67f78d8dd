// Reading decisions: a cursor page for the console (newest first, optionally by outcome or
// customer), and one decision whole, with its explanation computed from the record alone.
import type { Executor } from '@zulin/db';
import { decodeCursor, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { DecisionRecord } from './decide';
import { RiskErrors } from './errors';
import { type Explanation, explainDecision } from './explain-decision';
import { withFactDefaults } from './facts';
import { RiskLimits } from './limits';
import type { Outcome } from './rule-set';
import { riskDecisions, riskReviewCases } from './schema';

export interface DecisionSummary {
  id: string;
  applicationId: string;
  customerId: string;
  ruleSetVersion: number;
  outcome: Outcome;
  score: number;
  reasonCodes: string[];
  waiverBps: number;
  depositWaivedMinor: number;
  creditLimitMinor: number;
  shadowVersion: number | null;
  /** The shadow draft's outcome, when one ran beside the published set. */
  shadowOutcome: Outcome | null;
  createdAt: Date;
}

export interface DecisionDetail extends DecisionSummary {
  record: DecisionRecord;
  explanation: Explanation;
  shadowRecord: DecisionRecord | null;
  sources: { system: string; adapter: string; reference: string }[];
}

type Row = typeof riskDecisions.$inferSelect;

function summaryOf(row: Row): DecisionSummary {
  return {
    id: row.id,
    applicationId: row.applicationId,
    customerId: row.customerId,
    ruleSetVersion: row.ruleSetVersion,
    outcome: row.outcome as Outcome,
    score: row.score,
    reasonCodes: row.reasonCodes as string[],
    waiverBps: row.waiverBps,
    depositWaivedMinor: row.depositWaivedMinor,
    creditLimitMinor: row.creditLimitMinor,
    shadowVersion: row.shadowVersion,
    shadowOutcome: row.shadowRecord === null ? null : (row.shadowRecord as DecisionRecord).outcome,
    createdAt: row.createdAt,
  };
}

export async function listDecisions(
  db: Executor,
  options: {
    outcome?: Outcome | undefined;
    customerId?: string | undefined;
    /** Only decisions a shadow draft of this version was decided beside. */
    shadowVersion?: number | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
): Promise<Page<DecisionSummary>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.outcome !== undefined) conditions.push(eq(riskDecisions.outcome, options.outcome));
  if (options.customerId !== undefined) conditions.push(eq(riskDecisions.customerId, options.customerId));
  if (options.shadowVersion !== undefined) conditions.push(eq(riskDecisions.shadowVersion, options.shadowVersion));
  if (options.cursor !== undefined) {
    const [at, id] = decodeCursor(options.cursor);
    const after = new Date(String(at));
    conditions.push(
      or(lt(riskDecisions.createdAt, after), and(eq(riskDecisions.createdAt, after), lt(riskDecisions.id, String(id)))),
    );
  }
  const rows = await db
    .select()
    .from(riskDecisions)
    .where(and(...conditions))
    .orderBy(desc(riskDecisions.createdAt), desc(riskDecisions.id))
    .limit(limit + 1);
  return toPage(rows.map(summaryOf), limit, (row) => [row.createdAt.toISOString(), row.id]);
}

/**
 * A decision record as stored, read as today's record: facts added since it was made take their
 * neutral value (`withFactDefaults`), so old records explain, present and replay like new ones.
 */
export function storedRecord(stored: unknown): DecisionRecord {
  const record = stored as DecisionRecord;
  return { ...record, facts: withFactDefaults(record.facts) };
}

export async function getDecision(db: Executor, id: string): Promise<DecisionDetail> {
  const [row] = await db.select().from(riskDecisions).where(eq(riskDecisions.id, id));
  if (row === undefined) throw RiskErrors.RISK_DECISION_NOT_FOUND();
  const record = storedRecord(row.record);
  return {
    ...summaryOf(row),
    record,
    explanation: explainDecision(record),
    shadowRecord: row.shadowRecord === null ? null : storedRecord(row.shadowRecord),
    sources: row.sources as DecisionDetail['sources'],
  };
}

/** What a customer sees of a decision of theirs: the result, the reasons, and their appeal. */
export interface MyDecision {
  id: string;
  outcome: Outcome;
  reasonCodes: string[];
  depositMinor: number;
  depositWaivedMinor: number;
  depositToHoldMinor: number;
  creditLimitMinor: number;
  /** The customer's appeal (a rejection may be appealed once), or null. */
  appeal: { status: 'pending' | 'investigating' | 'closed'; resolution: 'approve' | 'reject' | null } | null;
  createdAt: Date;
}

/** The customer's own decisions, newest first (at most `RiskLimits.customerDecisionsMax`). */
export async function listMyDecisions(db: Executor, customerId: string): Promise<MyDecision[]> {
  const rows = await db
    .select({ decision: riskDecisions, appeal: riskReviewCases })
    .from(riskDecisions)
    .leftJoin(
      riskReviewCases,
      and(eq(riskReviewCases.decisionId, riskDecisions.id), eq(riskReviewCases.origin, 'appeal')),
    )
    .where(eq(riskDecisions.customerId, customerId))
    .orderBy(desc(riskDecisions.createdAt), desc(riskDecisions.id))
    .limit(RiskLimits.customerDecisionsMax);
  return rows.map(({ decision, appeal }) => {
    const record = decision.record as DecisionRecord;
    return {
      id: decision.id,
      outcome: decision.outcome as Outcome,
      reasonCodes: decision.reasonCodes as string[],
      depositMinor: record.facts.depositMinor,
      depositWaivedMinor: decision.depositWaivedMinor,
      depositToHoldMinor: record.depositToHoldMinor,
      creditLimitMinor: decision.creditLimitMinor,
      appeal: appeal === null ? null : { status: appeal.status, resolution: appeal.resolution },
      createdAt: decision.createdAt,
    };
  });
}
