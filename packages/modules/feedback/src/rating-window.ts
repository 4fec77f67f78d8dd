// When a finished rental can be rated (seed 001: 租赁结束后，提供一段时间内的延迟反馈窗口). A rental
// ends when its return inspection is done or it is bought out; from that business date the customer
// may rate it through the end of day `endedOn + windowDays` (30 by default), and is reminded once,
// `reminderAfterDays` after the end, if they have not rated by then. Later ratings are refused
// with a typed error whose detail names the closing date.
import { addDays, assert, type BusinessDate, compareDates, isBusinessDate } from '@zulin/kernel';
import { FeedbackErrors } from './errors';

export interface RatingWindowPolicy {
  windowDays: number;
  reminderAfterDays: number;
}

export const defaultRatingWindowPolicy: RatingWindowPolicy = Object.freeze({ windowDays: 30, reminderAfterDays: 7 });

export interface RatingWindow {
  opensOn: BusinessDate;
  /** The last day a rating is accepted. */
  closesOn: BusinessDate;
  reminderOn: BusinessDate;
}

export function ratingWindow(
  endedOn: BusinessDate,
  policy: RatingWindowPolicy = defaultRatingWindowPolicy,
): RatingWindow {
  assert(isBusinessDate(endedOn), `endedOn is a business date: ${endedOn}`);
  assert(Number.isSafeInteger(policy.windowDays) && policy.windowDays >= 1, 'windowDays ≥ 1');
  assert(Number.isSafeInteger(policy.reminderAfterDays) && policy.reminderAfterDays >= 1, 'reminderAfterDays ≥ 1');
  assert(policy.reminderAfterDays < policy.windowDays, 'the reminder falls inside the window');
  return {
    opensOn: endedOn,
    closesOn: addDays(endedOn, policy.windowDays),
    reminderOn: addDays(endedOn, policy.reminderAfterDays),
  };
}

/**
 * Throws the reason a rental cannot be rated today, if there is one: not ended yet (the customer
 * reports a problem instead), already rated, or the window has closed.
 */
export function assertCanRate(options: {
  /** null while the rental is still running. */
  endedOn: BusinessDate | null;
  today: BusinessDate;
  alreadyRated: boolean;
  policy?: RatingWindowPolicy;
}): RatingWindow {
  const { endedOn, today } = options;
  if (endedOn === null || compareDates(today, endedOn) < 0) {
    throw FeedbackErrors.FEEDBACK_RENTAL_NOT_ENDED({ detail: 'Use "report a problem" while the rental runs.' });
  }
  const window = ratingWindow(endedOn, options.policy);
  if (options.alreadyRated) throw FeedbackErrors.FEEDBACK_ALREADY_RATED();
  if (compareDates(today, window.closesOn) > 0) {
    const days = (options.policy ?? defaultRatingWindowPolicy).windowDays;
    throw FeedbackErrors.FEEDBACK_RATING_WINDOW_CLOSED({
      detail: `Ratings for this rental were accepted until ${window.closesOn}, ${days} days after it ended on ${endedOn}.`,
    });
  }
  return window;
}

/**
 * Whether the one reminder is due today: not rated, not reminded before, on or after the reminder
 * day and while the window is open. A daily tick that missed a day still reminds the next day.
 */
export function ratingReminderDue(options: {
  endedOn: BusinessDate;
  today: BusinessDate;
  rated: boolean;
  remindedOn: BusinessDate | null;
  policy?: RatingWindowPolicy;
}): boolean {
  if (options.rated || options.remindedOn !== null) return false;
  const window = ratingWindow(options.endedOn, options.policy);
  return compareDates(options.today, window.reminderOn) >= 0 && compareDates(options.today, window.closesOn) <= 0;
}
