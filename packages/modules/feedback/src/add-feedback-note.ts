// A handler writes an internal note on a feedback: staff only (never in the customer's view, never
// notified), audited. A note does not change the handling state; a resolved feedback takes notes.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, newId } from '@zulin/kernel';
import { count, eq } from 'drizzle-orm';
import type { FeedbackDeps } from './deps';
import { FeedbackErrors } from './errors';
import { loadFeedback } from './feedback-entries';
import type { NoteRow } from './handling';
import { FeedbackLimits } from './limits';
import { feedbackNotes } from './schema';

export async function addFeedbackNote(
  tx: Executor,
  deps: FeedbackDeps,
  options: { feedbackId: string; staff: StaffPrincipal; text: string },
): Promise<NoteRow> {
  const text = options.text.trim();
  if (text.length === 0 || text.length > FeedbackLimits.noteLengthMax) {
    throw FeedbackErrors.FEEDBACK_NOTE_INVALID({
      errors: [{ path: '/text', message: `1–${FeedbackLimits.noteLengthMax} characters` }],
    });
  }
  const row = await loadFeedback(tx, options.feedbackId, { forUpdate: true });
  const [counted] = await tx.select({ notes: count() }).from(feedbackNotes).where(eq(feedbackNotes.feedbackId, row.id));
  if ((counted?.notes ?? 0) >= FeedbackLimits.notesPerFeedbackMax) throw FeedbackErrors.FEEDBACK_NOTES_TOO_MANY();
  const now = deps.clock.now();
  const id = newId('fbn', deps.clock);
  const [note] = await tx
    .insert(feedbackNotes)
    .values({ id, feedbackId: row.id, staffId: options.staff.staffId, text, createdAt: now })
    .returning();
  await recordAudit(tx, {
    actor: options.staff,
    action: 'feedback.note_added',
    targetType: 'feedback',
    targetId: row.id,
    detail: { noteId: id },
    at: now,
  });
  assert(note !== undefined, 'the insert returns the note');
  return note;
}
