// When a courier collects an outbound parcel from the warehouse: moved here from the rental module so
// every order module that ships (rental, installment) books the same window.
import { businessDateOf, startOfDayInstant } from '@zulin/kernel';

/**
 * The first courier window on the hour, starting 09:00–18:00 in the business time zone (the
 * warehouse's day), at least 30 minutes from now.
 */
export function nextCollectionWindow(now: Date, timeZone: string): string {
  const hourMs = 3_600_000;
  let start = Math.ceil((now.getTime() + 30 * 60_000) / hourMs) * hourMs;
  for (;;) {
    const at = new Date(start);
    const localHour = Math.floor(
      (start - startOfDayInstant(businessDateOf(at, timeZone), timeZone).getTime()) / hourMs,
    );
    if (localHour >= 9 && localHour <= 18) return at.toISOString();
    start += hourMs;
  }
}
