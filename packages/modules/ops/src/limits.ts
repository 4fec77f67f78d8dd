// The operations module's bounds, named with their units. Pages use the kernel's page limits.
export const OpsLimits = Object.freeze({
  /** Longest subscriber or event type name a filter or a retry may name. */
  nameLengthMax: 200,
  /** The last error shown per row; the platform keeps at most 2000 characters of it anyway. */
  errorLengthMax: 2000,
  /** Business days a dashboard trend covers, today included. */
  dashboardTrendDays: 14,
});
