// The logistics module's bounds, named with their units.
export const LogisticsLimits = Object.freeze({
  /** Tracking events kept per shipment (a parcel has 5–10; a troubled one a few more). */
  eventsPerShipmentMax: 200,
  /** Events in one webhook delivery. */
  eventsPerWebhookMax: 100,
  webhookBodyBytesMax: 256 * 1024,
  /** A carrier's signature timestamp may be this far from our clock, either way. */
  webhookToleranceSeconds: 300,
  /** A sandbox parcel may be delayed at most this many days by its knob. */
  sandboxDelayDaysMax: 30,
  /** Pick-ups may be booked up to this many days ahead. */
  pickupDaysAheadMax: 3,
  /** A parcel's weight (grams) and declared value. */
  parcelWeightGramsMax: 30_000,
  declaredValueMinorMax: 10_000_000,
  addressFieldLengthMax: 100,
  remarkLengthMax: 100,
} as const);
