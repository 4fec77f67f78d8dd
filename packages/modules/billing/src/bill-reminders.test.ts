// Which reminder is due on a date, for installment's offsets (T−3, T−1, D+1, D+3) and rental's
// (T−7, T−3, T−1, D+1, D+3): real dates across a month end.
import { expect, test } from 'vitest';
import { billReminderDedupeKey, billReminderDue } from './bill-reminders';

test('a bill due 2026-10-01: T−3 on 09-28, T−1 on 09-30, D+1 on 10-02, D+3 on 10-04, nothing else', () => {
  const due = (businessDate: string, daysBeforeDue = [3, 1], daysAfterDue = [1, 3]) =>
    billReminderDue({ dueDate: '2026-10-01', businessDate, daysBeforeDue, daysAfterDue });
  const days = ['2026-09-24', '2026-09-27', '2026-09-28', '2026-09-29', '2026-09-30', '2026-10-01', '2026-10-02'];
  expect(days.map((d) => due(d))).toEqual([
    null,
    null,
    { kind: 'before_due', days: 3 },
    null,
    { kind: 'before_due', days: 1 },
    null,
    { kind: 'after_due', days: 1 },
  ]);
  expect(due('2026-10-03')).toBeNull();
  expect(due('2026-10-04')).toEqual({ kind: 'after_due', days: 3 });
  expect(due('2026-10-05')).toBeNull();
  // Rental's offsets add T−7.
  expect(due('2026-09-24', [7, 3, 1])).toEqual({ kind: 'before_due', days: 7 });
  expect(billReminderDedupeKey('installment.reminder', 'bil_1', { kind: 'after_due', days: 3 })).toBe(
    'installment.reminder:bil_1:after_due:3',
  );
});
