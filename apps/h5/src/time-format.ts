/**
 * An instant as the app writes one wherever a date and time stand together: the language's medium
 * date and short time ("2026年12月6日 13:05", "Dec 6, 2026, 1:05 PM"), on the device's clock zone.
 * One format for tickets, feedback, decisions, bills and exits (#18: four formats were in use).
 */
export function formatInstant(iso: string, language: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en' : 'zh-CN', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(instant);
}

/**
 * Formats an instant as month, day, hour and minute ("11/24 13:05") in the app's language, in
 * `timeZone` (the server's business time zone) or, when none is given, the device's.
 */
export function formatInstantShort(iso: string, language: string, timeZone?: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language, {
      ...(timeZone === undefined ? {} : { timeZone }),
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(instant);
  } catch {
    // An unknown time zone name would throw; the raw instant is still true.
    return iso;
  }
}
