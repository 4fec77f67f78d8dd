/**
 * Every date and time the app shows goes through this module (#18). Instants are shown on the
 * business clock (Asia/Shanghai, as the console and the signed documents show them), never the
 * phone's: a customer abroad, or a phone set to another zone, must not see a bill paid "yesterday".
 * Business dates (`YYYY-MM-DD`: due dates, pickup days) are calendar dates, not instants, and are
 * shown as they are, never converted through a zone.
 *
 * One date format and one date-time format in both languages: `2026-12-07` and `2026-12-07 00:30`
 * (the issue found four date formats in use). The language only words what is spelt out: a month
 * ("2026年12月" / "December 2026") and a day in a sentence ("12 月 7 日" / "December 7").
 */

import { localDateTimeOf } from '@zulin/kernel';

/** The platform's business time zone (ARCHITECTURE.md: dates). */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The kernel's wall clock of an instant in `timeZone` ("2026-12-07 00:30:05 +08:00", digits whatever
 * the language), or undefined for what is not an instant the kernel takes.
 */
function wallClockOf(iso: string, timeZone: string): string | undefined {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return undefined;
  try {
    return localDateTimeOf(instant, timeZone);
  } catch {
    return undefined;
  }
}

/** An instant as date and time on the business clock: "2026-12-07 00:30". */
export function formatInstant(iso: string, timeZone: string = BUSINESS_TIME_ZONE): string {
  return wallClockOf(iso, timeZone)?.slice(0, 16) ?? iso;
}

/** The time of an instant on the business clock, for a line under a day already shown: "00:30". */
export function formatInstantTime(iso: string, timeZone: string = BUSINESS_TIME_ZONE): string {
  return wallClockOf(iso, timeZone)?.slice(11, 16) ?? iso;
}

/** The business day of an instant (`YYYY-MM-DD`): 16:30 UTC is already the next day in Shanghai. */
export function businessDateOf(iso: string, timeZone: string = BUSINESS_TIME_ZONE): string {
  return wallClockOf(iso, timeZone)?.slice(0, 10) ?? iso;
}

/** The day of an instant on the business clock, in the one date format: "2026-12-07". */
export const formatInstantDate = businessDateOf;

/**
 * A business date (`YYYY-MM-DD`) in the one date format. It is a calendar date, not an instant: it
 * is shown as written, whatever the zone (the one date format is the date's own), never read
 * through `new Date`, which would take it as UTC midnight and show the day before west of UTC.
 */
export function formatDate(date: string): string {
  return date;
}

/** A month in words in the app's language: "2026年12月" / "December 2026". */
export function formatMonth(year: number, month: number, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en' : 'zh-CN', {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** A business date's day in a sentence: "12 月 7 日" / "December 7" (no zone conversion). */
export function formatDayWords(date: string, language: string): string {
  const match = ISO_DATE.exec(date);
  if (match === null) return date;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (language === 'en') {
    return new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(match[1]), month - 1, day)),
    );
  }
  return `${month} 月 ${day} 日`;
}
