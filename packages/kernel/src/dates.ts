import { assert } from './assert';
import type { Clock } from './clock';
import { KernelErrors } from './errors';

/**
 * A calendar date in the operator's time zone, written `YYYY-MM-DD` (years 1000–9999). Dates that
 * come from outside go through parseBusinessDate (an operating error when bad); the functions below
 * assert their arguments, since an invalid date inside the system is a bug.
 *
 * Calendar maths runs on integer day numbers (days since 1970-01-01) computed with Date.UTC, so the
 * host's local time zone and its DST never leak in.
 */
export type BusinessDate = string;

const MS_PER_DAY = 86_400_000;
const MS_PER_SECOND = 1000;
const YEAR_MIN = 1000;
const YEAR_MAX = 9999;
const DATE_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  assert(Number.isInteger(month) && month >= 1 && month <= 12, `month must be 1–12: ${month}`);
  if (month === 2 && isLeapYear(year)) return 29;
  return MONTH_DAYS[month - 1] ?? 0;
}

function civilOf(s: unknown): CivilDate | null {
  if (typeof s !== 'string') return null;
  const match = DATE_PATTERN.exec(s);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < YEAR_MIN || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isBusinessDate(s: unknown): s is BusinessDate {
  return civilOf(s) !== null;
}

/** Validates a date from outside the system (a request, a file). */
export function parseBusinessDate(s: unknown): BusinessDate {
  if (isBusinessDate(s)) return s;
  const shown = typeof s === 'string' ? `"${s.slice(0, 40)}"` : typeof s;
  throw KernelErrors.VALIDATION_FAILED({ detail: `Expected a calendar date YYYY-MM-DD, got ${shown}` });
}

function civilOfValid(d: BusinessDate, name = 'date'): CivilDate {
  const civil = civilOf(d);
  assert(civil !== null, `${name} must be a business date YYYY-MM-DD: ${String(d)}`);
  return civil;
}

function formatCivil({ year, month, day }: CivilDate): BusinessDate {
  assert(year >= YEAR_MIN && year <= YEAR_MAX, `Date out of the supported years ${YEAR_MIN}–${YEAR_MAX}: ${year}`);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dayNumberOf(d: BusinessDate): number {
  const { year, month, day } = civilOfValid(d);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function dateOfDayNumber(dayNumber: number): BusinessDate {
  const utc = new Date(dayNumber * MS_PER_DAY);
  assert(Number.isFinite(utc.getTime()), `Day number out of range: ${dayNumber}`);
  return formatCivil({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

/** The day of the month, 1–31. */
export function dayOf(d: BusinessDate): number {
  return civilOfValid(d).day;
}

export function addDays(d: BusinessDate, days: number): BusinessDate {
  assert(Number.isSafeInteger(days), `days must be an integer: ${days}`);
  return dateOfDayNumber(dayNumberOf(d) + days);
}

/** b − a in days: positive when b is later. */
export function diffDays(a: BusinessDate, b: BusinessDate): number {
  return dayNumberOf(b) - dayNumberOf(a);
}

export function compareDates(a: BusinessDate, b: BusinessDate): -1 | 0 | 1 {
  const delta = diffDays(b, a);
  if (delta === 0) return 0;
  return delta < 0 ? -1 : 1;
}

/**
 * Moves `months` calendar months and puts the day at `anchorDay` (default: d's own day), clamped to
 * the month's last day: 2026-01-31 + 1 → 2026-02-28; with anchor 31, 2026-02-28 + 1 → 2026-03-31.
 */
export function addMonths(d: BusinessDate, months: number, anchorDay?: number): BusinessDate {
  const { year, month, day } = civilOfValid(d);
  assert(Number.isSafeInteger(months), `months must be an integer: ${months}`);
  const anchor = anchorDay ?? day;
  assert(Number.isInteger(anchor) && anchor >= 1 && anchor <= 31, `anchorDay must be 1–31: ${anchor}`);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  // formatCivil refuses a target year outside the supported years.
  return formatCivil({
    year: targetYear,
    month: targetMonth,
    day: Math.min(anchor, daysInMonth(targetYear, targetMonth)),
  });
}

/**
 * The k-th monthly due date of a schedule starting on `startDate` (k = 0 is the start). The anchor is
 * always the start's day, so a schedule from the 31st runs Jan 31 → Feb 28 → Mar 31 → Apr 30, never
 * drifting to the 28th after February.
 */
export function monthlyDueDate(startDate: BusinessDate, k: number): BusinessDate {
  return addMonths(startDate, k, dayOf(startDate));
}

// One formatter per zone: building one is costly. Only zones Intl accepts are cached, and there are
// a few hundred of those, so the cache is bounded.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  formatters.set(timeZone, formatter);
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function assertTimeZone(timeZone: string): void {
  assert(isValidTimeZone(timeZone), `Unknown time zone: ${timeZone}`);
}

interface WallClock extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = fields;
  assert(year !== undefined && month !== undefined && day !== undefined, 'Intl gave no date parts');
  assert(hour !== undefined && minute !== undefined && second !== undefined, 'Intl gave no time parts');
  return { year, month, day, hour, minute, second };
}

// Instants whose local date stays within the supported years in every zone (offsets are under a day).
const INSTANT_MIN_MS = Date.UTC(YEAR_MIN, 0, 2);
const INSTANT_MAX_MS = Date.UTC(YEAR_MAX, 11, 30);

function dateAt(instantMs: number, timeZone: string): BusinessDate {
  assert(Number.isFinite(instantMs), 'Invalid instant');
  assert(instantMs >= INSTANT_MIN_MS && instantMs < INSTANT_MAX_MS, `Instant out of range: ${instantMs}`);
  return formatCivil(wallClockAt(instantMs, timeZone));
}

/** The calendar date of an instant in a zone: 2026-01-14T16:30:00Z in Asia/Shanghai → 2026-01-15. */
export function businessDateOf(instant: Date, timeZone: string): BusinessDate {
  assertTimeZone(timeZone);
  return dateAt(instant.getTime(), timeZone);
}

/**
 * An instant as the local wall-clock time of a zone with its UTC offset, to the second, for people
 * to read (a signature page, a receipt): 2026-01-14T16:30:05Z in Asia/Shanghai → "2026-01-15 00:30:05 +08:00".
 */
export function localDateTimeOf(instant: Date, timeZone: string): string {
  assertTimeZone(timeZone);
  const ms = instant.getTime();
  const date = dateAt(ms, timeZone);
  const wall = wallClockAt(ms, timeZone);
  const offsetMinutes = Math.round(offsetMsAt(ms, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date} ${two(wall.hour)}:${two(wall.minute)}:${two(wall.second)} ${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

export function today(clock: Clock, timeZone: string): BusinessDate {
  return businessDateOf(clock.now(), timeZone);
}

/** Local wall-clock time minus UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetMsAt(instantMs: number, timeZone: string): number {
  const wall = wallClockAt(instantMs, timeZone);
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallMs - Math.floor(instantMs / MS_PER_SECOND) * MS_PER_SECOND;
}

/**
 * The first instant of local date `d` in a zone: usually 00:00 local. Where a DST change skips
 * midnight it is the first instant that exists (e.g. 01:00); where a zone skipped the whole date
 * (Pacific/Apia, 2011-12-30) it is the start of the next date.
 */
export function startOfDayInstant(d: BusinessDate, timeZone: string): Date {
  assertTimeZone(timeZone);
  const midnightUtcMs = dayNumberOf(d) * MS_PER_DAY;
  // Two rounds settle the offset when midnight falls near a change of offset.
  let candidateMs = midnightUtcMs - offsetMsAt(midnightUtcMs, timeZone);
  candidateMs = midnightUtcMs - offsetMsAt(candidateMs, timeZone);
  if (isFirstSecondOf(candidateMs, d, timeZone)) return new Date(candidateMs);
  return new Date(searchFirstSecondOf(d, timeZone, candidateMs));
}

function isFirstSecondOf(instantMs: number, d: BusinessDate, timeZone: string): boolean {
  return dateAt(instantMs, timeZone) === d && dateAt(instantMs - MS_PER_SECOND, timeZone) < d;
}

/**
 * Binary search, in whole seconds, for the earliest instant whose local date is d or later. Offsets
 * change by less than a day, so the answer lies within two days of the estimate; that also bounds
 * the loop at about 18 rounds.
 */
function searchFirstSecondOf(d: BusinessDate, timeZone: string, estimateMs: number): number {
  let beforeMs = estimateMs - 2 * MS_PER_DAY;
  let atOrAfterMs = estimateMs + 2 * MS_PER_DAY;
  assert(dateAt(beforeMs, timeZone) < d, 'search must start before the date');
  assert(dateAt(atOrAfterMs, timeZone) >= d, 'search must end on or after the date');
  while (atOrAfterMs - beforeMs > MS_PER_SECOND) {
    const middleMs = beforeMs + Math.floor((atOrAfterMs - beforeMs) / 2 / MS_PER_SECOND) * MS_PER_SECOND;
    if (dateAt(middleMs, timeZone) < d) beforeMs = middleMs;
    else atOrAfterMs = middleMs;
  }
  return atOrAfterMs;
}
