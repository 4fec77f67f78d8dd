// The notification module's bounds, named with their units.
export const NotificationLimits = Object.freeze({
  /** A dedupe key is an event id and a template key; anything longer is a caller's mistake. */
  dedupeKeyLengthMax: 200,
  /** Declared parameters of a template; its text is short. */
  paramsMax: 10,
  /** Dedupe keys one `notifiedAt` lookup takes (a daily job's page). */
  dedupeKeysPerLookupMax: 1_000,
});
