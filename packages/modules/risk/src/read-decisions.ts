// Reading decisions: a cursor page for the console (newest first, optionally by outcome or
// customer), and one decision whole, with its explanation computed from the record alone.
import type { Executor } from '@zulin/db';
import { decodeCursor, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { DecisionRecord } from './decide';
import { RiskErrors } from './errors';
import { type Explanation, explainDecision } from './explain-decision';
import type { Outcome } from './rule-set';
import { riskDecisions } from './schema';

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

export async function getDecision(db: Executor, id: string): Promise<DecisionDetail> {
  const [row] = await db.select().from(riskDecisions).where(eq(riskDecisions.id, id));
  if (row === undefined) throw RiskErrors.RISK_DECISION_NOT_FOUND();
  const record = row.record as DecisionRecord;
  return {
    ...summaryOf(row),
    record,
    explanation: explainDecision(record),
    shadowRecord: row.shadowRecord as DecisionRecord | null,
    sources: row.sources as DecisionDetail['sources'],
  };
}
