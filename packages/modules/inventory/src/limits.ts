// The inventory's own bounds, named with their unit.
export const InventoryLimits = Object.freeze({
  /** A reservation not paid within this is released (DOMAIN §3). */
  reservationTtlMs: 30 * 60 * 1000,
  /** Rows in one CSV import; a bigger delivery is split into files. */
  importRowsMax: 5_000,
  importBytesMax: 2 * 1024 * 1024,
  /** Expired reservations released per batch transaction by the tick and eagerly. */
  releaseBatchSize: 500,
  /** Batches per run of the release; the next run (a minute later) continues. */
  releaseBatchesPerRun: 100,
  linesPerProcurementMax: 100,
  quantityPerLineMax: 10_000,
  unitsPerReceiptMax: 500,
  feedItemsMax: 1_000,
  historyRowsMax: 500,
  /** Warehouses and suppliers: a business has a handful; lists show this many, imports look up more. */
  warehousesListMax: 200,
  warehousesLookupMax: 1_000,
  suppliersListMax: 500,
  suppliersLookupMax: 5_000,
  amountMinorMax: 100_000_000,
  /** Straight-line depreciation (DOMAIN §3): 24 months to a 20 % residual. */
  depreciationMonths: 24,
  residualBps: 2_000,
} as const);
