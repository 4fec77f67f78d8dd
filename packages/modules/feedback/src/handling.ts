// The handling of a feedback in the handlers' queue: new → in_progress (a handler took it or was
// given it) → resolved (a reply, or resolved without one). A resolved feedback stays resolved: a
// further reply or note does not reopen it, and it is not assigned again. What the use cases of
// handling share lives here: the transitions, the notes' read, the names of the staff shown.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal, staffNames } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { asc, eq } from 'drizzle-orm';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import type { FeedbackRow } from './feedback-entries';
import { FeedbackLimits } from './limits';
import { feedbackEntries, feedbackNotes } from './schema';

export const handlingStates = ['new', 'in_progress', 'resolved'] as const;
export type HandlingState = (typeof handlingStates)[number];
export type HandlingAction = 'assign' | 'resolve';

export type NoteRow = typeof feedbackNotes.$inferSelect;

/** The state after `action`, or null when the action is not allowed in `state`. */
export function nextHandlingState(state: HandlingState, action: HandlingAction): HandlingState | null {
  if (state === 'resolved') return null;
  return action === 'assign' ? 'in_progress' : 'resolved';
}

/**
 * Moves a feedback (locked by the caller) by `action`, writing the audit entry and the event in the
 * caller's transaction. Assigning sets the assignee; resolving sets when, and names the resolver as
 * the assignee when nobody was.
 */
export async function changeHandling(
  tx: Executor,
  deps: FeedbackDeps,
  row: FeedbackRow,
  change: { action: 'assign'; assigneeId: string } | { action: 'resolve'; by: 'reply' | 'resolve' },
  staff: StaffPrincipal,
): Promise<FeedbackRow> {
  const next = nextHandlingState(row.handlingState, change.action);
  if (next === null) throw FeedbackErrors.FEEDBACK_ALREADY_RESOLVED();
  const now = deps.clock.now();
  const [updated] = await tx
    .update(feedbackEntries)
    .set(
      change.action === 'assign'
        ? { handlingState: next, assigneeId: change.assigneeId }
        : { handlingState: next, resolvedAt: now, assigneeId: row.assigneeId ?? staff.staffId },
    )
    .where(eq(feedbackEntries.id, row.id))
    .returning();
  assert(updated !== undefined, 'the feedback is updated');
  if (change.action === 'assign') {
    await recordAudit(tx, {
      actor: staff,
      action: 'feedback.assigned',
      targetType: 'feedback',
      targetId: row.id,
      detail: { from: row.assigneeId, to: change.assigneeId, state: next },
      at: now,
    });
    await emitEvent(tx, now, {
      type: 'feedback.assigned',
      aggregateType: 'feedback',
      aggregateId: row.id,
      payload: { feedbackId: row.id, assigneeId: change.assigneeId },
    });
  } else {
    const overdue = now.getTime() > row.dueAt.getTime();
    await recordAudit(tx, {
      actor: staff,
      action: 'feedback.resolved',
      targetType: 'feedback',
      targetId: row.id,
      detail: { by: change.by, from: row.handlingState, dueAt: row.dueAt.toISOString(), overdue },
      at: now,
    });
    await emitEvent(tx, now, {
      type: 'feedback.resolved',
      aggregateType: 'feedback',
      aggregateId: row.id,
      payload: { feedbackId: row.id, by: change.by, overdue },
    });
  }
  return updated;
}

/** A feedback's internal notes, oldest first (staff only). */
export async function notesOf(db: Executor, feedbackId: string): Promise<NoteRow[]> {
  return db
    .select()
    .from(feedbackNotes)
    .where(eq(feedbackNotes.feedbackId, feedbackId))
    .orderBy(asc(feedbackNotes.createdAt), asc(feedbackNotes.id))
    .limit(FeedbackLimits.notesPerFeedbackMax);
}

/** The display names of the staff on feedback entries (assignees) and notes (authors). */
export async function handlingNames(
  db: Executor,
  rows: readonly FeedbackRow[],
  notes: readonly NoteRow[] = [],
): Promise<Map<string, string>> {
  return staffNames(db, [
    ...rows.flatMap((r) => (r.assigneeId === null ? [] : [r.assigneeId])),
    ...notes.map((n) => n.staffId),
  ]);
}
