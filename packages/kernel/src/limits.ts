import { assert } from './assert';

/**
 * Every bound in the system, named with its unit, in one place. A loop, queue, page or batch that is
 * not bounded by one of these needs a comment saying why it is bounded anyway.
 */
export const Limits = Object.freeze({
  pageSizeDefault: 20,
  pageSizeMax: 100,
  /** A cursor is a handful of sort keys; anything longer is not one of ours. */
  cursorLengthMax: 1024,
  cursorValuesMax: 8,
  bodyLimitBytes: 1_048_576,
  uploadLimitBytes: 10_485_760,
  outboxBatchSize: 100,
  outboxMaxAttempts: 10,
  inboxBatchSize: 100,
  inboxMaxAttempts: 10,
  idempotencyTtlMs: 24 * 60 * 60 * 1000,
  tickBatchSize: 500,
  installmentTermMonthsMax: 60,
  /**
   * The largest amount any request may name (¥1,000,000,000.00): a schema bound far above every
   * business limit, which each use case enforces with its own error code.
   */
  amountMinorMax: 100_000_000_000,
  /** Bounds splitEvenly and allocateProportionally; the largest real use is a 60-month schedule. */
  allocationPartsMax: 10_000,
  httpRequestTimeoutMs: 30_000,
  shutdownGraceMs: 10_000,
  retryBackoffBaseMs: 1000,
  retryBackoffMaxMs: 3_600_000,
} as const);

export type LimitName = keyof typeof Limits;

/**
 * Delay before retry number `attempt` (1 = the first retry after one failure): base · 2^(attempt − 1),
 * capped at retryBackoffMaxMs. Deterministic on purpose, so schedules and tests are reproducible; add
 * jitter at the caller from an injected random source if a thundering herd is a concern.
 */
export function backoffMs(attempt: number): number {
  assert(Number.isSafeInteger(attempt), `attempt must be an integer: ${attempt}`);
  assert(attempt >= 1, `attempt must be at least 1: ${attempt}`);
  // Past 2^32 the product is far above any cap; stopping early keeps the arithmetic exact.
  const exponent = Math.min(attempt - 1, 32);
  return Math.min(Limits.retryBackoffBaseMs * 2 ** exponent, Limits.retryBackoffMaxMs);
}
