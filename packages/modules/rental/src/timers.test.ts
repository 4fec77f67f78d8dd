import { isAppError } from '@zulin/kernel';
import { describe, expect, it } from 'vitest';
import { autoDebitAttemptDue, isUnpaidOrderExpired, reminderDue, unpaidOrderDeadline } from './due-timers';
import { defaultRentalTimers, parseRentalTimers } from './timers';

const timers = defaultRentalTimers;

function fieldErrors(input: unknown): string[] {
  try {
    parseRentalTimers(input);
  } catch (e) {
    if (isAppError(e) && e.code === 'RENTAL_TIMERS_INVALID') return e.errors.map((x) => x.path);
    throw e;
  }
  return [];
}

describe('timers as configuration', () => {
  it('defaults to DOMAIN §5: 2 h to pay, quotes to the end of the day, T−7/T−3/T−1, D+1/D+3, retries D+1/D+3/D+5', () => {
    expect(parseRentalTimers({})).toEqual({
      unpaidOrderCancelMinutes: 120,
      exitQuoteValidity: { mode: 'end_of_business_day', endOfBusinessDay: '24:00' },
      reminderDaysBeforeDue: [7, 3, 1],
      reminderDaysAfterDue: [1, 3],
      autoDebitRetryDaysAfterDue: [1, 3, 5],
      renewalWindowDays: 15,
      disputeWindowDays: 7,
    });
  });

  it('takes one changed timer and keeps the others; lists come back in the order they happen', () => {
    const changed = parseRentalTimers({
      reminderDaysBeforeDue: [1, 7, 14],
      exitQuoteValidity: { mode: 'minutes', minutes: 120 },
    });
    expect(changed.reminderDaysBeforeDue).toEqual([14, 7, 1]);
    expect(changed.exitQuoteValidity).toEqual({ mode: 'minutes', minutes: 120 });
    expect(changed.unpaidOrderCancelMinutes).toBe(120);
  });

  it('names every bad setting', () => {
    expect(fieldErrors({ unpaidOrderCancelMinutes: 0 })).toEqual(['/body/unpaidOrderCancelMinutes']);
    expect(fieldErrors({ reminderDaysBeforeDue: [3, 3] })).toEqual(['/body/reminderDaysBeforeDue']);
    expect(fieldErrors({ autoDebitRetryDaysAfterDue: [0, 99] })).toEqual([
      '/body/autoDebitRetryDaysAfterDue/0',
      '/body/autoDebitRetryDaysAfterDue/1',
    ]);
    expect(fieldErrors({ exitQuoteValidity: { mode: 'end_of_business_day', endOfBusinessDay: '00:00' } })).toContain(
      '/body/exitQuoteValidity/endOfBusinessDay',
    );
    expect(
      fieldErrors({ exitQuoteValidity: { mode: 'end_of_business_day', endOfBusinessDay: '25:00' } }).length,
    ).toBeGreaterThan(0);
    expect(fieldErrors({ surprise: true })).toContain('/body/surprise');
    expect(fieldErrors('two hours').length).toBeGreaterThan(0);
  });
});

describe('reminders and retries due on a business date', () => {
  const dueDate = '2027-03-31';

  it('reminds at T−7, T−3, T−1 before a due date and D+1, D+3 after it', () => {
    const byDate = (businessDate: string) => reminderDue({ dueDate, businessDate, timers });
    expect(byDate('2027-03-24')).toEqual({ kind: 'before_due', days: 7 });
    expect(byDate('2027-03-28')).toEqual({ kind: 'before_due', days: 3 });
    expect(byDate('2027-03-30')).toEqual({ kind: 'before_due', days: 1 });
    expect(byDate('2027-04-01')).toEqual({ kind: 'after_due', days: 1 });
    expect(byDate('2027-04-03')).toEqual({ kind: 'after_due', days: 3 });
    for (const quiet of ['2027-03-23', '2027-03-25', '2027-03-29', '2027-03-31', '2027-04-02', '2027-04-04']) {
      expect(byDate(quiet)).toBeNull();
    }
  });

  it('debits on the due date and retries on D+1, D+3, D+5', () => {
    const attempt = (businessDate: string) => autoDebitAttemptDue({ dueDate, businessDate, timers });
    expect(attempt('2027-03-31')).toEqual({ attempt: 0, daysAfterDue: 0 });
    expect(attempt('2027-04-01')).toEqual({ attempt: 1, daysAfterDue: 1 });
    expect(attempt('2027-04-03')).toEqual({ attempt: 2, daysAfterDue: 3 });
    expect(attempt('2027-04-05')).toEqual({ attempt: 3, daysAfterDue: 5 });
    for (const none of ['2027-03-30', '2027-04-02', '2027-04-04', '2027-04-06']) expect(attempt(none)).toBeNull();
  });

  it('crosses a month end and 29 February', () => {
    expect(reminderDue({ dueDate: '2028-03-01', businessDate: '2028-02-23', timers })).toEqual({
      kind: 'before_due',
      days: 7,
    });
    expect(autoDebitAttemptDue({ dueDate: '2028-02-27', businessDate: '2028-03-01', timers })).toEqual({
      attempt: 2,
      daysAfterDue: 3,
    });
  });

  it('cancels an order still unpaid 2 h after signing', () => {
    const signedAt = new Date('2027-03-01T10:00:00+08:00');
    expect(unpaidOrderDeadline({ signedAt, timers }).toISOString()).toBe('2027-03-01T04:00:00.000Z');
    expect(isUnpaidOrderExpired({ signedAt, now: new Date('2027-03-01T11:59:59+08:00'), timers })).toBe(false);
    expect(isUnpaidOrderExpired({ signedAt, now: new Date('2027-03-01T12:00:00+08:00'), timers })).toBe(true);
  });
});
