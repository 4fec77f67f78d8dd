// The installment module's bounds, named with their units. Every loop in the module is bounded by one.
import { Limits } from '@zulin/kernel';

export const InstallmentLimits = Object.freeze({
  /** The largest principal a plan may finance: ¥1,000,000 keeps every sum far inside the safe integers. */
  principalMinorMax: 100_000_000,
  termMonthsMin: 1,
  /** 60 months; also bounds every loop over a schedule's periods. */
  termMonthsMax: Limits.installmentTermMonthsMax,
  /** 100 % a year: far above any cap. The public calculator answers up to here; offers stop at the cap. */
  annualRateBpsMax: 10_000,
  /** 100 % of the principal per period; the same reasoning as annualRateBpsMax. */
  feeRateBpsPerPeriodMax: 10_000,
  prepayFeeMinorMax: 100_000_000,
  /** The latest start date: its last due date (60 months on) must stay inside the supported years. */
  startDateLatest: '9899-12-31',
  /** Principal payments recorded against one overdue period (each a partial payment). */
  paymentsPerPeriodMax: 100,
  /** Periods one payment is allocated across: every period of the longest plan. */
  allocationPeriodsMax: Limits.installmentTermMonthsMax,
  delinquencyBucketsMax: 12,
  bucketCodeLengthMax: 16,
  /** Days past due a bucket boundary may name: ten years. */
  bucketDaysMax: 3660,
  /** Prepayments a plan may carry: at most one per due date. */
  prepaymentsPerPlanMax: Limits.installmentTermMonthsMax,
  /** Steps of 1 分 by which a reduce-installment amount may be raised before the old amount is kept. */
  installmentRaisesMax: 100,
  /** The one-year LPR an operator may configure: 20 %, well above any LPR ever published. */
  lprBpsMax: 2000,
  capMultipleMax: 10,
  /** A period's bill is issued this many days before its due date. */
  billLeadDays: 7,
  /** Orders the daily bill tick handles in one transaction, and how many batches a run may take. */
  billBatchSize: 200,
  billBatchesPerRun: 500,
  /** Orders a customer's list shows on one page at most (the page size is the platform's). */
  ordersListMax: 100,
  /** Ledger postings the console's order page reads per reference (the order, each of its bills). */
  postingsPerReferenceMax: 100,
  /** The reason a customer may give when cancelling an order. */
  cancelReasonLengthMax: 200,
} as const);
