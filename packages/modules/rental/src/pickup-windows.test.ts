// The courier windows the desk and the return book: pure functions of the clock, Beijing time.

import { nextCollectionWindow } from '@zulin/logistics';
import { expect, test } from 'vitest';
import { pickupWindowStart } from './book-return-pickup';

test('an outbound parcel is collected on the first whole hour 09:00–18:00 at least 30 minutes away', () => {
  // 10:00 Beijing → 11:00 (10:30 is not on the hour).
  expect(nextCollectionWindow(new Date('2027-01-30T02:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-30T03:00:00.000Z');
  // 10:29 → 11:00; 10:31 → 12:00.
  expect(nextCollectionWindow(new Date('2027-01-30T02:29:00Z'), 'Asia/Shanghai')).toBe('2027-01-30T03:00:00.000Z');
  expect(nextCollectionWindow(new Date('2027-01-30T02:31:00Z'), 'Asia/Shanghai')).toBe('2027-01-30T04:00:00.000Z');
  // 18:40 → the next morning 09:00; 31 January rolls into February.
  expect(nextCollectionWindow(new Date('2027-01-31T10:40:00Z'), 'Asia/Shanghai')).toBe('2027-02-01T01:00:00.000Z');
  // 03:00 → 09:00 the same day.
  expect(nextCollectionWindow(new Date('2027-01-30T19:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-31T01:00:00.000Z');
});

test('a return is collected in the first hour of the chosen slot that has not begun', () => {
  const at = (iso: string) => new Date(iso);
  // Booked at 08:00 for today's 09–12: 09:00.
  expect(pickupWindowStart({ date: '2027-02-02', slot: '09-12' }, at('2027-02-02T00:00:00Z'), 'Asia/Shanghai')).toBe(
    '2027-02-02T01:00:00.000Z',
  );
  // At 10:15 the 09–12 slot still has 11:00.
  expect(pickupWindowStart({ date: '2027-02-02', slot: '09-12' }, at('2027-02-02T02:15:00Z'), 'Asia/Shanghai')).toBe(
    '2027-02-02T03:00:00.000Z',
  );
  // At 11:01 it has none left.
  expect(
    pickupWindowStart({ date: '2027-02-02', slot: '09-12' }, at('2027-02-02T03:01:00Z'), 'Asia/Shanghai'),
  ).toBeNull();
  // Another day's 15–18 slot starts at 15:00 Beijing.
  expect(pickupWindowStart({ date: '2027-02-28', slot: '15-18' }, at('2027-02-02T03:01:00Z'), 'Asia/Shanghai')).toBe(
    '2027-02-28T07:00:00.000Z',
  );
});
