// The ledger's bounds, named with their units. They belong in the kernel's Limits one day; they are
// kept here so the ledger does not edit a shared package (noted in the module's report).
export const LedgerLimits = Object.freeze({
  /** Legs in one createTransfers call (one linked group). TigerBeetle's batch is 8189; ours is smaller
   * because a batch is one SQL transaction holding row locks. */
  transferBatchMax: 1000,
  /** A pending transfer may hold money for at most 366 days. */
  pendingTimeoutSecondsMax: 366 * 24 * 60 * 60,
  /** JSON metadata on a transfer, serialized. */
  metadataBytesMax: 4096,
  codeLengthMax: 64,
  referenceLengthMax: 128,
  transferIdLengthMax: 100,
  /** Pending transfers expired per transaction by the expiry tick. */
  expireBatchSize: 100,
  /** Expiry batches per tick run; the next run continues. */
  expireBatchesPerRun: 50,
});
