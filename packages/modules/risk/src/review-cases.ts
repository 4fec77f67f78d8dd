// Manual review cases (DOMAIN.md §4): a review or block_and_review decision opens one; a customer
// may appeal a rejection once, which opens one too. A reviewer claims it (pending → investigating),
// adds notes, and closes it approving (with the waiver and limit) or rejecting, naming the outcome
// (confirmed risk or false positive). The SLA (2 h by default) is watched by a sweep that marks
// breaches. Every step is audited.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { type Clock, newId } from '@zulin/kernel';
import { and, eq, isNull, lte, ne } from 'drizzle-orm';
import { type DecisionRecord, waiverOf } from './decide';
import { RiskErrors } from './errors';
import type { CaseOrigin, CaseOutcome } from './kinds';
import { RiskLimits } from './limits';
import { riskApplications, riskDecisions, riskReviewCases } from './schema';

export type ReviewCaseRow = typeof riskReviewCases.$inferSelect;
export interface CaseNote {
  at: string;
  by: string;
  text: string;
}

/** Opens the case of a decision (idempotent per decision and origin). */
export async function openReviewCase(
  tx: Executor,
  clock: Clock,
  options: { decisionId: string; customerId: string; origin: CaseOrigin },
): Promise<ReviewCaseRow | null> {
  const now = clock.now();
  const [row] = await tx
    .insert(riskReviewCases)
    .values({
      id: newId('rcase', clock),
      decisionId: options.decisionId,
      customerId: options.customerId,
      origin: options.origin,
      status: 'pending',
      slaDueAt: new Date(now.getTime() + RiskLimits.reviewSlaMs),
      notes: [],
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

/** The customer's one appeal of a rejected decision of theirs. */
export async function appealDecision(
  tx: Executor,
  clock: Clock,
  options: { decisionId: string; customerId: string; text: string },
): Promise<ReviewCaseRow> {
  const [decision] = await tx
    .select({ outcome: riskDecisions.outcome })
    .from(riskDecisions)
    .where(and(eq(riskDecisions.id, options.decisionId), eq(riskDecisions.customerId, options.customerId)));
  if (decision === undefined) throw RiskErrors.RISK_DECISION_NOT_FOUND();
  if (decision.outcome !== 'reject') throw RiskErrors.RISK_APPEAL_NOT_REJECTED();
  const opened = await openReviewCase(tx, clock, { ...options, origin: 'appeal' });
  if (opened === null) throw RiskErrors.RISK_APPEAL_ALREADY_MADE();
  const note: CaseNote = { at: clock.now().toISOString(), by: 'customer', text: options.text };
  const [row] = await tx
    .update(riskReviewCases)
    .set({ notes: [note] })
    .where(eq(riskReviewCases.id, opened.id))
    .returning();
  await recordAudit(tx, {
    actor: { kind: 'customer', customerId: options.customerId },
    action: 'risk.decision_appealed',
    targetType: 'risk_decision',
    targetId: options.decisionId,
    at: clock.now(),
  });
  return row as ReviewCaseRow;
}

async function lockedOpenCase(tx: Executor, id: string): Promise<ReviewCaseRow> {
  const [row] = await tx.select().from(riskReviewCases).where(eq(riskReviewCases.id, id)).for('update');
  if (row === undefined) throw RiskErrors.RISK_CASE_NOT_FOUND();
  if (row.status === 'closed') throw RiskErrors.RISK_CASE_CLOSED();
  return row;
}

export async function claimReviewCase(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  id: string,
): Promise<ReviewCaseRow> {
  const found = await lockedOpenCase(tx, id);
  if (found.assignedTo !== null && found.assignedTo !== staff.staffId) throw RiskErrors.RISK_CASE_CLAIMED();
  const [row] = await tx
    .update(riskReviewCases)
    .set({ status: 'investigating', assignedTo: staff.staffId })
    .where(eq(riskReviewCases.id, id))
    .returning();
  await recordAudit(tx, {
    actor: staff,
    action: 'risk.case_claimed',
    targetType: 'risk_review_case',
    targetId: id,
    at: clock.now(),
  });
  return row as ReviewCaseRow;
}

export async function addReviewNote(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options: { id: string; text: string },
): Promise<ReviewCaseRow> {
  const found = await lockedOpenCase(tx, options.id);
  const notes = found.notes as CaseNote[];
  if (notes.length >= RiskLimits.caseNotesMax) throw RiskErrors.RISK_CASE_NOTES_FULL();
  const note: CaseNote = { at: clock.now().toISOString(), by: staff.staffId, text: options.text };
  const [row] = await tx
    .update(riskReviewCases)
    .set({ notes: [...notes, note] })
    .where(eq(riskReviewCases.id, options.id))
    .returning();
  return row as ReviewCaseRow;
}

/** Closes a case: only the reviewer who claimed it; approval carries the waiver and the limit. */
export async function closeReviewCase(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options:
    | { id: string; resolution: 'approve'; outcome: CaseOutcome; waiverBps: number; creditLimitMinor: number }
    | { id: string; resolution: 'reject'; outcome: CaseOutcome },
): Promise<ReviewCaseRow> {
  const found = await lockedOpenCase(tx, options.id);
  if (found.status !== 'investigating' || found.assignedTo !== staff.staffId) throw RiskErrors.RISK_CASE_NOT_CLAIMED();
  const [decision] = await tx
    .select({ record: riskDecisions.record, purpose: riskApplications.purpose, reference: riskApplications.reference })
    .from(riskDecisions)
    .innerJoin(riskApplications, eq(riskApplications.id, riskDecisions.applicationId))
    .where(eq(riskDecisions.id, found.decisionId));
  const depositMinor = (decision?.record as DecisionRecord | undefined)?.facts.depositMinor ?? 0;
  const approved = options.resolution === 'approve';
  const now = clock.now();
  const [row] = await tx
    .update(riskReviewCases)
    .set({
      status: 'closed',
      resolution: options.resolution,
      outcome: options.outcome,
      waiverBps: approved ? options.waiverBps : 0,
      depositWaivedMinor: approved ? waiverOf(depositMinor, options.waiverBps) : 0,
      creditLimitMinor: approved ? options.creditLimitMinor : 0,
      closedBy: staff.staffId,
      closedAt: now,
    })
    .where(eq(riskReviewCases.id, options.id))
    .returning();
  const closed = row as ReviewCaseRow;
  await emitEvent(tx, now, {
    type: 'risk.review_case_closed',
    aggregateType: 'risk_review_case',
    aggregateId: closed.id,
    payload: {
      caseId: closed.id,
      decisionId: closed.decisionId,
      customerId: closed.customerId,
      purpose: decision?.purpose ?? 'rental',
      reference: decision?.reference ?? null,
      origin: closed.origin,
      resolution: options.resolution,
      outcome: options.outcome,
      waiverBps: closed.waiverBps ?? 0,
      depositWaivedMinor: closed.depositWaivedMinor ?? 0,
      creditLimitMinor: closed.creditLimitMinor ?? 0,
    },
  });
  await recordAudit(tx, {
    actor: staff,
    action: `risk.case_${options.resolution === 'approve' ? 'approved' : 'rejected'}`,
    targetType: 'risk_review_case',
    targetId: options.id,
    detail: { outcome: options.outcome },
    at: now,
  });
  return closed;
}

/** The sweep: marks open cases past their SLA as breached (once each). */
export async function markBreachedCases(tx: Executor, clock: Clock): Promise<number> {
  const now = clock.now();
  const rows = await tx
    .update(riskReviewCases)
    .set({ breachedAt: now })
    .where(
      and(ne(riskReviewCases.status, 'closed'), isNull(riskReviewCases.breachedAt), lte(riskReviewCases.slaDueAt, now)),
    )
    .returning({ id: riskReviewCases.id });
  return rows.length;
}

/** Open cases, soonest SLA first (the review queue). */
export async function listOpenCases(db: Executor): Promise<ReviewCaseRow[]> {
  return db
    .select()
    .from(riskReviewCases)
    .where(ne(riskReviewCases.status, 'closed'))
    .orderBy(riskReviewCases.slaDueAt)
    .limit(RiskLimits.caseQueueMax);
}

export async function getReviewCase(db: Executor, id: string): Promise<ReviewCaseRow> {
  const [row] = await db.select().from(riskReviewCases).where(eq(riskReviewCases.id, id));
  if (row === undefined) throw RiskErrors.RISK_CASE_NOT_FOUND();
  return row;
}
