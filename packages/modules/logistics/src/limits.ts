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
  /** Shipments per page of the console's list. */
  shipmentsPageMax: 100,
  /** Sandbox parcels the push sweep looks at per run, and how long it waits for its own webhook. */
  sandboxPushBatchSize: 200,
  sandboxPushTimeoutMs: 5_000,
  /** How often the sandbox courier pushes the scans that fell due (seconds). */
  sandboxPushEverySeconds: 30,
  /** A phone in its box, as the label states it (grams). */
  phoneParcelWeightGrams: 500,
} as const);
