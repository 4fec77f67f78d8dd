// The rental's timers as configuration, not code (DOMAIN §5 and issue #14): each one is a setting an
// operator can see and change, validated by a schema, with the defaults below.
import { assert } from '@zulin/kernel';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';

/**
 * How long an exit quote (early return, buyout, renewal) stays valid: to the end of the business day
 * (a local time, `24:00` = midnight), or a number of minutes — never past midnight, since the amounts
 * depend on the business date.
 */
export type ExitQuoteValidity =
  | { mode: 'end_of_business_day'; endOfBusinessDay: string }
  | { mode: 'minutes'; minutes: number };

export interface RentalTimers {
  /** An order unpaid this long after signing is cancelled and its unit released. */
  unpaidOrderCancelMinutes: number;
  exitQuoteValidity: ExitQuoteValidity;
  /** Bill reminders, in days before the due date (T−n) and after it (D+n). */
  reminderDaysBeforeDue: number[];
  reminderDaysAfterDue: number[];
  /** A failed auto-debit is tried again on these days after the due date. */
  autoDebitRetryDaysAfterDue: number[];
  /** A renewal may be asked for from this many days before the last day of the term. */
  renewalWindowDays: number;
  /** The customer may dispute an inspection for this many days after it is settled. */
  disputeWindowDays: number;
}

export const defaultRentalTimers: Readonly<RentalTimers> = Object.freeze({
  unpaidOrderCancelMinutes: 120,
  exitQuoteValidity: Object.freeze({ mode: 'end_of_business_day', endOfBusinessDay: '24:00' }) as ExitQuoteValidity,
  reminderDaysBeforeDue: Object.freeze([7, 3, 1]) as number[],
  reminderDaysAfterDue: Object.freeze([1, 3]) as number[],
  autoDebitRetryDaysAfterDue: Object.freeze([1, 3, 5]) as number[],
  renewalWindowDays: 15,
  disputeWindowDays: 7,
});

const offsets = Type.Array(Type.Integer({ minimum: 1, maximum: RentalLimits.timerOffsetDaysMax }), {
  maxItems: RentalLimits.timerOffsetsMax,
  uniqueItems: true,
});

/** `HH:MM` from 00:01 to 24:00. */
const localTimePattern = '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$';

/** The JSON Schema of the timers' settings, for the console's form and the settings API. */
export const rentalTimersSchema = Type.Object(
  {
    unpaidOrderCancelMinutes: Type.Integer({ minimum: 5, maximum: 7 * 24 * 60 }),
    exitQuoteValidity: Type.Union([
      Type.Object(
        {
          mode: Type.Literal('end_of_business_day'),
          endOfBusinessDay: Type.String({ pattern: localTimePattern }),
        },
        { additionalProperties: false },
      ),
      Type.Object(
        { mode: Type.Literal('minutes'), minutes: Type.Integer({ minimum: 5, maximum: 24 * 60 }) },
        { additionalProperties: false },
      ),
    ]),
    reminderDaysBeforeDue: offsets,
    reminderDaysAfterDue: offsets,
    autoDebitRetryDaysAfterDue: offsets,
    renewalWindowDays: Type.Integer({ minimum: 1, maximum: 90 }),
    disputeWindowDays: Type.Integer({ minimum: 1, maximum: 90 }),
  },
  { additionalProperties: false },
);

/**
 * Checks settings from outside (the console, a file) and names every bad field. Missing fields take
 * their default, so an operator can change one timer without restating the others.
 */
export function parseRentalTimers(input: unknown): RentalTimers {
  const merged = typeof input === 'object' && input !== null ? { ...defaultRentalTimers, ...input } : input;
  const errors = Value.Errors(rentalTimersSchema, merged).map((e) => ({
    path: `/body${e.instancePath}`,
    message: e.message,
  }));
  if (errors.length === 0 && endOfBusinessDayOf(merged as RentalTimers) === '00:00') {
    // Midnight at the start of the day would make every quote born expired.
    errors.push({ path: '/body/exitQuoteValidity/endOfBusinessDay', message: 'use 24:00 for midnight' });
  }
  if (errors.length > 0) {
    throw RentalErrors.RENTAL_TIMERS_INVALID({ detail: `${errors.length} setting(s) are not valid.`, errors });
  }
  const timers = merged as RentalTimers;
  // Offsets are kept in the order they happen, so lists read the same way everywhere.
  return {
    ...timers,
    reminderDaysBeforeDue: [...timers.reminderDaysBeforeDue].sort((a, b) => b - a),
    reminderDaysAfterDue: [...timers.reminderDaysAfterDue].sort((a, b) => a - b),
    autoDebitRetryDaysAfterDue: [...timers.autoDebitRetryDaysAfterDue].sort((a, b) => a - b),
  };
}

function endOfBusinessDayOf(timers: RentalTimers): string | null {
  return timers.exitQuoteValidity.mode === 'end_of_business_day' ? timers.exitQuoteValidity.endOfBusinessDay : null;
}

/** `HH:MM` → minutes after local midnight (1–1440). */
export function minutesOfLocalTime(time: string): number {
  const match = /^([0-9]{2}):([0-9]{2})$/.exec(time);
  assert(match !== null, `a local time is HH:MM: ${time}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  assert(minutes >= 1 && minutes <= 24 * 60, `a local time is 00:01–24:00: ${time}`);
  return minutes;
}
