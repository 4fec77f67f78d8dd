// The one rating reminder (seed 001: 租赁结束后，提供一段时间内的延迟反馈窗口): the daily tick
// `feedback.rating_reminders` finds the rentals whose rating window has reached its reminder day and
// is still open, and sends `feedback.rating_reminder` (in-app; SMS per the customer's preferences) to
// those not rated yet, named or anonymous, once per rental: the notification's dedupe key
// `feedback.rating_reminder:<orderId>` is the record that it was sent, so no table of its own. A day
// the tick did not run is caught up the next day (the core's `ratingReminderDue`); the window and the
// reminder day are the operator's setting in force on the day of the run (rating-window-settings.ts);
// installment orders are not rentals and are not rated, so they are never reminded.
import { type Executor, transaction } from '@zulin/db';
import { addDays, assert, type BusinessDate, businessDateOf, startOfDayInstant } from '@zulin/kernel';
import { notifiedAt, notify } from '@zulin/notification';
import { listOrdersFirstEntering } from '@zulin/rental';
import { inArray } from 'drizzle-orm';
import type { FeedbackDeps } from './deps';
import { ratedOrderIndexOf } from './feedback-entries';
import { FeedbackLimits } from './limits';
import { ratingReminderDue, ratingWindow } from './rating-window';
import { ratingWindowSettings } from './rating-window-settings';
import { rentalEndedOn, rentalEndStates } from './rental-end';
import { feedbackEntries } from './schema';

export const ratingReminderTemplate = 'feedback.rating_reminder';

/** The reminder's dedupe key: one per rental, whoever the customer. */
export function ratingReminderKey(orderId: string): string {
  return `${ratingReminderTemplate}:${orderId}`;
}

interface Cursor {
  at: string;
  orderId: string;
}

function cursorOf(progress: unknown): { at: Date; orderId: string } | undefined {
  const cursor = progress as Partial<Cursor> | null;
  if (typeof cursor?.at !== 'string' || typeof cursor.orderId !== 'string') return undefined;
  const at = new Date(cursor.at);
  return Number.isNaN(at.getTime()) ? undefined : { at, orderId: cursor.orderId };
}

export type RatingReminderRun = {
  /** Ended rentals looked at, and reminders sent. */
  read: number;
  reminded: number;
  /** True when the run stopped at a bound; the rest are reminded on a later day, while their window is open. */
  truncated: boolean;
};

export async function sendRatingReminders(
  db: Executor,
  deps: FeedbackDeps,
  options: {
    today: BusinessDate;
    /** Where an interrupted run of the same day stopped (the tick's saved progress). */
    progress?: unknown;
    saveProgress?: (tx: Executor, progress: Cursor) => Promise<void>;
    remindersMax?: number;
  },
): Promise<RatingReminderRun> {
  const { today } = options;
  // The window an operator set (rating-window-settings.ts), read on every run.
  const policy = (await ratingWindowSettings.read(db)).value;
  const remindersMax = options.remindersMax ?? FeedbackLimits.ratingRemindersPerRunMax;
  assert(Number.isSafeInteger(remindersMax) && remindersMax >= 1, 'remindersMax ≥ 1');
  // Rentals that ended from the first day whose window is still open today through the last day
  // whose reminder day has come; the core decides each one.
  const from = startOfDayInstant(addDays(today, -policy.windowDays), deps.timeZone);
  const before = startOfDayInstant(addDays(today, -policy.reminderAfterDays + 1), deps.timeZone);
  let after = cursorOf(options.progress ?? null);
  const run: RatingReminderRun = { read: 0, reminded: 0, truncated: false };
  for (let page = 0; ; page++) {
    if (page >= FeedbackLimits.ratingReminderPagesPerRunMax) {
      run.truncated = true;
      return run;
    }
    const ended = await listOrdersFirstEntering(db, {
      states: rentalEndStates,
      from,
      before,
      after,
      limit: FeedbackLimits.ratingReminderBatch,
    });
    if (ended.length === 0) return run;
    // Counted once committed: a transaction retried after a serialisation failure starts again.
    const batch = await transaction(db, async (tx) => {
      const indexes = new Map(ended.map((e) => [e.orderId, ratedOrderIndexOf(deps.masterKey, e.orderId)]));
      const rated = new Set(
        (
          await tx
            .select({ index: feedbackEntries.ratedOrderIndex })
            .from(feedbackEntries)
            .where(inArray(feedbackEntries.ratedOrderIndex, [...indexes.values()]))
        ).map((r) => r.index),
      );
      const reminded = await notifiedAt(
        tx,
        ended.map((e) => ({ customerId: e.customerId, dedupeKey: ratingReminderKey(e.orderId) })),
      );
      let read = 0;
      let sentCount = 0;
      let last: (typeof ended)[number] | undefined;
      for (const entry of ended) {
        if (run.reminded + sentCount >= remindersMax) break;
        last = entry;
        read += 1;
        // The same rule as the rating route: a one-step timeline, the first step into an end state.
        const endedOn = rentalEndedOn([entry], deps.timeZone);
        assert(endedOn !== null, 'the rental read is one that ended');
        const remindedAt = reminded.get(ratingReminderKey(entry.orderId));
        const due = ratingReminderDue({
          endedOn,
          today,
          rated: rated.has(indexes.get(entry.orderId) ?? ''),
          remindedOn: remindedAt === undefined ? null : businessDateOf(remindedAt, deps.timeZone),
          policy,
        });
        if (!due) continue;
        const sent = await notify(tx, deps, {
          customerId: entry.customerId,
          category: 'orders',
          template: ratingReminderTemplate,
          params: { orderId: entry.orderId, closesOn: ratingWindow(endedOn, policy).closesOn },
          dedupeKey: ratingReminderKey(entry.orderId),
        });
        if (sent.created) sentCount += 1;
      }
      if (last !== undefined) {
        await options.saveProgress?.(tx, { at: last.at.toISOString(), orderId: last.orderId });
      }
      return { read, sent: sentCount, last, stopped: last !== ended.at(-1) };
    });
    run.read += batch.read;
    run.reminded += batch.sent;
    if (batch.last !== undefined) after = { at: batch.last.at, orderId: batch.last.orderId };
    if (batch.stopped) {
      run.truncated = true;
      return run;
    }
    if (ended.length < FeedbackLimits.ratingReminderBatch) return run;
  }
}
