// Checks a waybill request before any carrier is asked: both addresses complete, the parcel sane.
import { checkAddress } from './address';
import type { CreateWaybillRequest } from './carrier';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';

export function checkWaybillRequest(request: CreateWaybillRequest): void {
  checkAddress(request.sender, '/body/sender');
  checkAddress(request.recipient, '/body/recipient');
  const { weightGrams, declaredValueMinor, contents } = request.parcel;
  const errors = [];
  if (!Number.isInteger(weightGrams) || weightGrams < 1 || weightGrams > LogisticsLimits.parcelWeightGramsMax) {
    errors.push({ path: '/body/parcel/weightGrams', message: `1–${LogisticsLimits.parcelWeightGramsMax} g` });
  }
  if (
    !Number.isSafeInteger(declaredValueMinor) ||
    declaredValueMinor < 0 ||
    declaredValueMinor > LogisticsLimits.declaredValueMinorMax
  ) {
    errors.push({ path: '/body/parcel/declaredValueMinor', message: `0–${LogisticsLimits.declaredValueMinorMax} 分` });
  }
  if (typeof contents !== 'string' || contents.length === 0 || contents.length > 40) {
    errors.push({ path: '/body/parcel/contents', message: '1–40 characters' });
  }
  if ((request.remark ?? '').length > LogisticsLimits.remarkLengthMax) {
    errors.push({ path: '/body/remark', message: `at most ${LogisticsLimits.remarkLengthMax} characters` });
  }
  if (errors.length > 0) throw LogisticsErrors.LOGISTICS_PARCEL_INVALID({ detail: 'The parcel is not valid.', errors });
}

/** The hour-long pick-up windows a courier offers: on the hour, from `openHour` to `closeHour`, up to 3 days ahead. */
export function checkPickupWindow(options: {
  windowStart: string;
  now: Date;
  openHour: number;
  closeHour: number;
}): Date {
  const start = new Date(options.windowStart);
  const startMs = start.getTime();
  const beijingHour = (new Date(startMs + 8 * 3_600_000).getUTCHours() + 24) % 24;
  const onTheHour = Number.isFinite(startMs) && startMs % 3_600_000 === 0;
  const inHours = beijingHour >= options.openHour && beijingHour < options.closeHour;
  const ahead = startMs - options.now.getTime();
  const inRange = ahead >= 0 && ahead <= LogisticsLimits.pickupDaysAheadMax * 86_400_000;
  if (!onTheHour || !inHours || !inRange) {
    throw LogisticsErrors.LOGISTICS_PICKUP_WINDOW_INVALID({
      detail: `Pick-up windows start on the hour between ${options.openHour}:00 and ${options.closeHour - 1}:00 Beijing time, from now up to ${LogisticsLimits.pickupDaysAheadMax} days ahead.`,
      errors: [{ path: '/body/windowStart', message: 'not an offered window' }],
    });
  }
  return start;
}
