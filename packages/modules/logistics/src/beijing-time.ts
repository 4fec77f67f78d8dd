// Chinese couriers write times as Beijing wall-clock time ("2027-03-02 10:42:00", UTC+8, no daylight
// saving since 1991). The sandbox courier does the same, and the adapter turns them into instants.
import { assert } from '@zulin/kernel';

const offsetMs = 8 * 60 * 60 * 1000;
const wallPattern = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$/;

/** "2027-03-02 10:42:00" */
export function beijingWallTime(instant: Date): string {
  assert(Number.isFinite(instant.getTime()), 'an instant is needed');
  return new Date(instant.getTime() + offsetMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** "2027-03-02 10:42:00" → the instant, or null when the text is not a wall time. */
export function parseBeijingWallTime(s: string): Date | null {
  const match = wallPattern.exec(s);
  if (match === null) return null;
  const [, y, mo, d, h, mi, se] = match.map(Number) as number[];
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 0, h ?? 0, mi ?? 0, se ?? 0) - offsetMs;
  const instant = new Date(ms);
  return beijingWallTime(instant) === s ? instant : null;
}

/** ISO 8601 with the +08:00 offset: 2027-03-02T10:42:00+08:00. */
export function beijingIso(instant: Date): string {
  return `${beijingWallTime(instant).replace(' ', 'T')}+08:00`;
}

/** The Beijing calendar date of an instant. */
export function beijingDate(instant: Date): string {
  return beijingWallTime(instant).slice(0, 10);
}

/** The instant of a Beijing date and time of day. */
export function beijingInstant(date: string, hour: number, minute: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour, minute) - offsetMs);
}

export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
