// The courier windows the desk and the return book: pure functions of the clock, Beijing time.

import { addDays, startOfDayInstant } from '@zulin/kernel';
import { LogisticsLimits, nextCollectionWindow } from '@zulin/logistics';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { pickupWindowStart } from './book-return-pickup';
import { RentalLimits } from './limits';
import { checkPickup, pickupSlots } from './return-order';

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

test('a return offers only the days the courier can book: every slot of them within its 3 days (72 h)', () => {
  // The carrier books a pick-up up to LogisticsLimits.pickupDaysAheadMax days from now; the customer
  // picks a day and a slot at any time of today, so the last day offered must fit from 00:00 to 23:59.
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 24 * 60 - 1 }),
      fc.integer({ min: 0, max: RentalLimits.returnPickupDaysAhead }),
      fc.constantFrom(...pickupSlots),
      (minuteOfDay, daysOn, slot) => {
        const today = '2027-02-02';
        const now = new Date(startOfDayInstant(today, 'Asia/Shanghai').getTime() + minuteOfDay * 60_000);
        const pickup = { date: addDays(today, daysOn), slot };
        expect(() => checkPickup(pickup, today)).not.toThrow();
        const start = pickupWindowStart(pickup, now, 'Asia/Shanghai');
        if (start === null) return; // the slot has begun today: refused with its own message
        expect(Date.parse(start) - now.getTime()).toBeLessThanOrEqual(LogisticsLimits.pickupDaysAheadMax * 86_400_000);
      },
    ),
  );
  // The day after the last is refused before the carrier is asked.
  const last = addDays('2027-02-02', RentalLimits.returnPickupDaysAhead);
  expect(() => checkPickup({ date: addDays(last, 1), slot: '09-12' }, '2027-02-02')).toThrow(
    expect.objectContaining({ code: 'RENTAL_PICKUP_INVALID' }),
  );
});
