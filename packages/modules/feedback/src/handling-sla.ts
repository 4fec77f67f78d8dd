// When a feedback is due to be handled (docs/feedback.md, "Handling"): a bad rating within 24 hours,
// a feedback classified device or billing (a phone that does not work, money) within 48, every
// other within 72; the shortest that applies. Counted in elapsed hours, like support's tickets (the
// desk is staffed every day). The clock starts when the feedback arrives — for an anonymous one at
// the end of the business day it was sent, so that its due time does not tell the handler the
// instant it was sent (handler-view.ts shows them only the date). The due time is fixed at
// submission: a handler correcting the category does not move it.
import { addDays, assert, type BusinessDate, startOfDayInstant } from '@zulin/kernel';
import type { Rating } from './analysis/nps';
import type { FeedbackCategory } from './classify/rules';

export interface FeedbackSlaPolicy {
  badRatingHours: number;
  byCategoryHours: Readonly<Partial<Record<FeedbackCategory, number>>>;
  otherHours: number;
}

export const defaultFeedbackSlaPolicy: FeedbackSlaPolicy = Object.freeze({
  badRatingHours: 24,
  byCategoryHours: Object.freeze({ device: 48, billing: 48 }),
  otherHours: 72,
});

const MS_PER_HOUR = 3_600_000;

/** The hours a feedback of this rating and category has, the shortest rule that applies. */
export function feedbackSlaHours(
  options: { rating: Rating | null; category: FeedbackCategory | null },
  policy: FeedbackSlaPolicy = defaultFeedbackSlaPolicy,
): number {
  const candidates = [policy.otherHours];
  if (options.rating === 'bad') candidates.push(policy.badRatingHours);
  const byCategory = options.category === null ? undefined : policy.byCategoryHours[options.category];
  if (byCategory !== undefined) candidates.push(byCategory);
  const hours = Math.min(...candidates);
  assert(Number.isSafeInteger(hours) && hours > 0, 'an SLA is a positive number of hours');
  return hours;
}

/** When a feedback sent at `submittedAt` (business date `submittedOn`) is due. */
export function feedbackDueAt(
  options: {
    submittedAt: Date;
    submittedOn: BusinessDate;
    anonymous: boolean;
    rating: Rating | null;
    category: FeedbackCategory | null;
    timeZone: string;
  },
  policy: FeedbackSlaPolicy = defaultFeedbackSlaPolicy,
): Date {
  const startsAt = options.anonymous
    ? startOfDayInstant(addDays(options.submittedOn, 1), options.timeZone)
    : options.submittedAt;
  assert(Number.isFinite(startsAt.getTime()), 'the SLA starts at a valid instant');
  return new Date(startsAt.getTime() + feedbackSlaHours(options, policy) * MS_PER_HOUR);
}

/** Overdue: not resolved, and its due instant has passed (at the due instant itself it is not yet). */
export function isOverdue(row: { resolvedAt: Date | null; dueAt: Date }, now: Date): boolean {
  return row.resolvedAt === null && now.getTime() > row.dueAt.getTime();
}
