// The installment's timers as configuration, not code (DOMAIN §5, issue #15): how long a placed order
// may wait for its signature and down payment, and the days of the period bills' reminders and
// auto-debit retries. Each an operator can see and change in the console (时效设置), checked by the
// schema below, with the defaults of `InstallmentLimits` while nothing is stored.
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { InstallmentErrors } from './errors';
import { InstallmentLimits } from './limits';

export interface InstallmentTimers {
  /** An order not signed and paid (down payment) this long after placing is cancelled and its phone released. */
  unpaidOrderCancelMinutes: number;
  /** Period-bill reminders, in days before the due date (T−n) and after it (D+n). */
  reminderDaysBeforeDue: number[];
  reminderDaysAfterDue: number[];
  /** A refused auto-debit of a period bill is tried again on these days after the due date. */
  autoDebitRetryDaysAfterDue: number[];
}

export const defaultInstallmentTimers: Readonly<InstallmentTimers> = Object.freeze({
  unpaidOrderCancelMinutes: InstallmentLimits.unpaidOrderMinutes,
  reminderDaysBeforeDue: [...InstallmentLimits.reminderDaysBeforeDue],
  reminderDaysAfterDue: [...InstallmentLimits.reminderDaysAfterDue],
  autoDebitRetryDaysAfterDue: [...InstallmentLimits.autoDebitRetryDaysAfterDue],
});

const offsets = Type.Array(Type.Integer({ minimum: 1, maximum: InstallmentLimits.timerOffsetDaysMax }), {
  maxItems: InstallmentLimits.timerOffsetsMax,
  uniqueItems: true,
});

/** The JSON Schema of the timers, for the console's form and the settings API. */
export const installmentTimersSchema = Type.Object(
  {
    unpaidOrderCancelMinutes: Type.Integer({ minimum: 5, maximum: 7 * 24 * 60 }),
    reminderDaysBeforeDue: offsets,
    reminderDaysAfterDue: offsets,
    autoDebitRetryDaysAfterDue: offsets,
  },
  { additionalProperties: false },
);

/**
 * Checks timers from outside and names every bad field (INSTALLMENT_TIMERS_INVALID). Missing fields
 * take their default; the day lists are kept in the order they happen.
 */
export function parseInstallmentTimers(input: unknown): InstallmentTimers {
  const merged = typeof input === 'object' && input !== null ? { ...defaultInstallmentTimers, ...input } : input;
  const errors = Value.Errors(installmentTimersSchema, merged).map((e) => ({
    path: `/body${e.instancePath}`,
    message: e.message,
  }));
  if (errors.length > 0) {
    throw InstallmentErrors.INSTALLMENT_TIMERS_INVALID({
      detail: `${errors.length} setting(s) are not valid.`,
      errors,
    });
  }
  const timers = merged as InstallmentTimers;
  return {
    unpaidOrderCancelMinutes: timers.unpaidOrderCancelMinutes,
    reminderDaysBeforeDue: [...timers.reminderDaysBeforeDue].sort((a, b) => b - a),
    reminderDaysAfterDue: [...timers.reminderDaysAfterDue].sort((a, b) => a - b),
    autoDebitRetryDaysAfterDue: [...timers.autoDebitRetryDaysAfterDue].sort((a, b) => a - b),
  };
}
