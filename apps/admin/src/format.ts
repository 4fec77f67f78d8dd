import { localDateTimeOf } from '@zulin/kernel';

/**
 * Formats an instant as a wall-clock time in the business time zone, "2026-11-24 21:05:09" in every
 * language — the dates beside it (due dates, business dates) are "2026-11-24" too, and the H5 shows
 * the same order (#18: one date format, not zh-CN's "2026/11/24" beside en's "11/24/2026, 21:05:09").
 * The kernel's `localDateTimeOf` without its offset; `language` is kept for the callers.
 */
export function formatInstant(iso: string, timeZone: string, _language?: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  try {
    return localDateTimeOf(instant, timeZone).slice(0, 19);
  } catch {
    // An unknown time zone (or an instant outside the kernel's years) is refused; the raw instant is still true.
    return iso;
  }
}

/** Formats the time of a fetch on the business clock (as every other time on the page), e.g. "21:05:09". */
export function formatClockTime(epochMs: number, language: string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(language, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(epochMs);
}

/** The business time zone until the server's status says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export { formatCny } from '@zulin/kernel';
