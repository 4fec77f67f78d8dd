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
