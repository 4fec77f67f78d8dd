import { describe, expect, test } from 'vitest';
import { problemCategories, problemReportTicket } from './problem-report';
import { assertCanRate, ratingReminderDue, ratingWindow } from './rating-window';

describe('rating window', () => {
  test('a rental ended on 31 January can be rated through 2 March (30 days), reminded on 7 February', () => {
    expect(ratingWindow('2025-01-31')).toEqual({
      opensOn: '2025-01-31',
      closesOn: '2025-03-02',
      reminderOn: '2025-02-07',
    });
    // In a leap year the same end gives 1 March.
    expect(ratingWindow('2024-01-31').closesOn).toBe('2024-03-01');
  });

  test('the last day is accepted, the next is refused with a message naming the date', () => {
    expect(assertCanRate({ endedOn: '2025-03-10', today: '2025-04-09', alreadyRated: false }).closesOn).toBe(
      '2025-04-09',
    );
    expect(() => assertCanRate({ endedOn: '2025-03-10', today: '2025-04-10', alreadyRated: false })).toThrow(
      expect.objectContaining({
        code: 'FEEDBACK_RATING_WINDOW_CLOSED',
        status: 422,
        detail: 'Ratings for this rental were accepted until 2025-04-09, 30 days after it ended on 2025-03-10.',
      }),
    );
  });

  test('the window is configurable', () => {
    const policy = { windowDays: 14, reminderAfterDays: 3 };
    expect(() => assertCanRate({ endedOn: '2025-03-10', today: '2025-03-25', alreadyRated: false, policy })).toThrow(
      expect.objectContaining({ detail: expect.stringContaining('until 2025-03-24, 14 days after') }),
    );
  });

  test('a running rental is not rated but reported; a rated one is not rated twice', () => {
    expect(() => assertCanRate({ endedOn: null, today: '2025-03-10', alreadyRated: false })).toThrow(
      expect.objectContaining({ code: 'FEEDBACK_RENTAL_NOT_ENDED' }),
    );
    expect(() => assertCanRate({ endedOn: '2025-03-10', today: '2025-03-11', alreadyRated: true })).toThrow(
      expect.objectContaining({ code: 'FEEDBACK_ALREADY_RATED' }),
    );
  });

  test('exactly one reminder, from day 7 while the window is open', () => {
    const base = { endedOn: '2025-03-10', rated: false, remindedOn: null };
    expect(ratingReminderDue({ ...base, today: '2025-03-16' })).toBe(false);
    expect(ratingReminderDue({ ...base, today: '2025-03-17' })).toBe(true);
    // A tick that missed day 7 still reminds on day 8.
    expect(ratingReminderDue({ ...base, today: '2025-03-18' })).toBe(true);
    expect(ratingReminderDue({ ...base, today: '2025-03-18', remindedOn: '2025-03-17' })).toBe(false);
    expect(ratingReminderDue({ ...base, today: '2025-03-18', rated: true })).toBe(false);
    expect(ratingReminderDue({ ...base, today: '2025-04-10' })).toBe(false);
  });
});

describe('problem reported during a rental', () => {
  const report = {
    text: '  屏幕突然黑屏，重启也没用  ',
    orderId: 'ord_01',
    customerId: 'cus_01',
    feedbackId: 'fb_01',
    locale: 'zh-CN' as const,
  };

  test('a fault on rent becomes a high-priority fault ticket at once', () => {
    expect(problemReportTicket({ ...report, problem: 'fault', phase: 'on_rent' })).toEqual({
      kind: 'fault',
      priority: 'high',
      subject: '手机故障',
      body: '屏幕突然黑屏，重启也没用',
      source: { type: 'feedback', id: 'fb_01' },
      customerId: 'cus_01',
      orderId: 'ord_01',
    });
  });

  test('the problem names its own category: fault → device', () => {
    expect(problemCategories).toEqual({ fault: 'device', billing: 'billing', logistics: 'logistics' });
  });

  test('billing and logistics problems are normal-priority tickets of their kind', () => {
    const logistics = problemReportTicket({ ...report, problem: 'logistics', phase: 'in_transit', locale: 'en' });
    expect([logistics.kind, logistics.priority, logistics.subject]).toEqual([
      'logistics',
      'normal',
      'Delivery problem',
    ]);
    expect(problemReportTicket({ ...report, problem: 'billing', phase: 'returning' }).kind).toBe('billing');
  });

  test('after the end the customer rates instead; before shipping there is nothing to report', () => {
    expect(() => problemReportTicket({ ...report, problem: 'fault', phase: 'ended' })).toThrow(
      expect.objectContaining({ code: 'FEEDBACK_PROBLEM_NOT_DURING_RENTAL' }),
    );
    expect(() => problemReportTicket({ ...report, problem: 'logistics', phase: 'not_shipped' })).toThrow(
      expect.objectContaining({ code: 'FEEDBACK_PROBLEM_NOT_DURING_RENTAL' }),
    );
  });

  test('an empty report is refused', () => {
    expect(() => problemReportTicket({ ...report, text: '   ', problem: 'fault', phase: 'on_rent' })).toThrow(
      expect.objectContaining({ code: 'FEEDBACK_TEXT_INVALID' }),
    );
  });
});
