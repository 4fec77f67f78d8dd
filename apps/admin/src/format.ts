/** Formats an instant as a wall-clock time in the business time zone, e.g. "2026/11/24 21:05:09". */
export function formatInstant(iso: string, timeZone: string, language: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    }).format(instant);
  } catch {
    // An unknown time zone name would throw; the raw instant is still true.
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
