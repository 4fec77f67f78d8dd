// Billing's bounds, named with their units.
export const BillingLimits = Object.freeze({
  linesMax: 20,
  titleLengthMax: 100,
  descriptionLengthMax: 200,
  /** One bill is at most ¥1,000,000. */
  billMaxMinor: 100_000_000,
  /** A bill's due date is at most this far from its issue date, either way. */
  dueDateRangeDays: 3660,
  /** A waiver's reason and a reviewer's note, in characters. */
  waiverTextLengthMax: 500,
  sourceTypeLengthMax: 32,
  sourceIdLengthMax: 64,
  /** Bills marked overdue per transaction by the daily tick; the tick loops until none are left. */
  overdueBatchSize: 500,
  /** Batches per run of the overdue mark; the next run continues. */
  overdueBatchesPerRun: 100,
});
