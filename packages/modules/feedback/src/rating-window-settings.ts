// The rating window as an operator setting (issue #16: "a rating window of 30 days (configurable)"):
// stored in feedback_settings under `rating_window`, the defaults (30 days, the reminder on day 7)
// while nothing is stored, changed only through `ratingWindowSettings.save` (checked, audited with
// before/after and who, with an event: identity's auditedSettings), and read by the rating route
// (submit-feedback.ts) and the reminder tick (send-rating-reminders.ts) each time they run. A change
// applies to every rental not rated yet, from the day it is saved: the window is counted from the
// rental's end with the days in force on the day the customer rates.
import { auditedSettings, type StoredSettings } from '@zulin/identity';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { FeedbackErrors } from './errors';
import { FeedbackLimits } from './limits';
import { defaultRatingWindowPolicy, type RatingWindowPolicy } from './rating-window';

/** The JSON Schema of the setting, for the console's form and the settings API. */
export const ratingWindowSettingsSchema = Type.Object(
  {
    windowDays: Type.Integer({
      minimum: FeedbackLimits.ratingWindowDaysMin,
      maximum: FeedbackLimits.ratingWindowDaysMax,
      description: 'days after a rental ended that it may still be rated (the last day included)',
    }),
    reminderAfterDays: Type.Integer({
      minimum: FeedbackLimits.ratingReminderAfterDaysMin,
      maximum: FeedbackLimits.ratingWindowDaysMax - 1,
      description:
        'days after the end that the one reminder is sent to a customer who has not rated; before the window closes',
    }),
  },
  { additionalProperties: false },
);

export type StoredRatingWindow = StoredSettings<RatingWindowPolicy>;

/** Checks the setting from outside and names every bad field; missing fields take their default. */
export function parseRatingWindowSettings(input: unknown): RatingWindowPolicy {
  const merged = typeof input === 'object' && input !== null ? { ...defaultRatingWindowPolicy, ...input } : input;
  const errors = Value.Errors(ratingWindowSettingsSchema, merged).map((e) => ({
    path: `/body${e.instancePath}`,
    message: e.message,
  }));
  if (errors.length === 0) {
    const policy = merged as RatingWindowPolicy;
    if (policy.reminderAfterDays >= policy.windowDays) {
      errors.push({
        path: '/body/reminderAfterDays',
        message: `The reminder is sent before the window closes: fewer than ${policy.windowDays} days`,
      });
    }
  }
  if (errors.length > 0) {
    throw FeedbackErrors.FEEDBACK_SETTINGS_INVALID({ detail: `${errors.length} setting(s) are not valid.`, errors });
  }
  return merged as RatingWindowPolicy;
}

/** Stored in feedback_settings under `rating_window` (identity's auditedSettings: checked, audited, with an event). */
export const ratingWindowSettings = auditedSettings<RatingWindowPolicy>({
  table: 'feedback_settings',
  key: 'rating_window',
  defaults: defaultRatingWindowPolicy,
  parse: parseRatingWindowSettings,
  auditAction: 'feedback.settings_changed',
  eventType: 'feedback.settings_changed',
});
