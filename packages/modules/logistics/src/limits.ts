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
  /** 门店自提: a parcel waits this many days on the store's shelf (the pick-up code expires with it). */
  pickupShelfDays: 7,
  /** Wrong pick-up codes typed at the counter before the code is locked and must be re-issued. */
  pickupCodeTriesMax: 5,
  /** Pick-up codes issued per parcel and day (the arrival's and the counter's re-issues). */
  pickupCodesPerDay: 5,
  /** Pick-up stores listed (all of them: a handful per city). */
  pickupStoresListMax: 200,
  /** Parcels a store's counter lists per page. */
  storeParcelsPageMax: 100,
  /** Uncollected parcels the shelf sweep sends back per run, and how often it runs (seconds). */
  shelfSweepBatchSize: 200,
  shelfSweepEverySeconds: 300,
  /**
   * An outbound parcel the carrier collected and then did not scan for this many business days (its
   * last scan's date + N ≤ today, Asia/Shanghai) is flagged as suspected lost for staff. The default of the console's setting (logistics-settings.ts).
   */
  suspectedLostAfterDays: 5,
  /** The bounds of that setting in the console (logistics-settings.ts). */
  suspectedLostAfterDaysMin: 1,
  suspectedLostAfterDaysMax: 30,
  /** Silent parcels the lost-parcel sweep flags per run, and how often it runs (seconds). */
  lostSweepBatchSize: 200,
  lostSweepEverySeconds: 600,
  /** Staff's reason for confirming a parcel lost (characters). */
  lostReasonLengthMin: 2,
  lostReasonLengthMax: 200,
} as const);
