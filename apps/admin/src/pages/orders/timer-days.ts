// The day lists of the timers' forms (rental and installment): shown as "7, 3, 1", typed with commas
// or spaces, each a whole number of days from 1 to 60, none twice.
import type { TFunction } from 'i18next';

export const dayList = (days: readonly number[]) => days.join(', ');

export const parseDays = (text: string) =>
  text
    .split(/[,，\s]+/)
    .filter((p) => p !== '')
    .map(Number);

export const daysRule = (t: TFunction) => ({
  validator: (_: unknown, text: string) => {
    const days = parseDays(text ?? '');
    return days.every((d) => Number.isInteger(d) && d >= 1 && d <= 60) && new Set(days).size === days.length
      ? Promise.resolve()
      : Promise.reject(new Error(t('orders.timers.daysListInvalid')));
  },
});
