// The installment module's bounds, named with their units. Every loop in the module is bounded by one.
import { CatalogLimits } from '@zulin/catalog';
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
  /** The SKUs of one product a console filter by product matches (a product has a handful). */
  skusOfProductMax: 100,
  bucketCodeLengthMax: 16,
  /** Days past due a bucket boundary may name: ten years. */
  bucketDaysMax: 3660,
  /** Prepayments a plan may carry: at most one per due date. */
  prepaymentsPerPlanMax: Limits.installmentTermMonthsMax,
  /** Steps of 1 分 by which a reduce-installment amount may be raised before the old amount is kept. */
  installmentRaisesMax: 100,
  /** The one-year LPR and the multiple an operator may configure: catalog's, which owns the rate cap. */
  lprBpsMax: CatalogLimits.rateCapLprBpsMax,
  capMultipleMax: CatalogLimits.rateCapMultipleMax,
  /** The highest cap they may make (100 % a year): the bound of a penalty rate in the settings API. */
  rateCapBpsMax: CatalogLimits.rateCapBpsMax,
  /** How long a phone stays reserved for an order risk is reviewing (rental's review window). */
  reviewReservationMs: 4 * 60 * 60 * 1000,
  /**
   * An approved order not signed and paid (down payment) within this many minutes of being placed is
   * cancelled by the sweep `installment.expire_unpaid_orders` — rental's default unpaid timer (DOMAIN §5,
   * 120 min). The default of the operator's timer (timers.ts, installment_settings).
   */
  unpaidOrderMinutes: 120,
  /** The timers' day lists (reminders, retries): at most this many days each, each at most this many days from the due date. */
  timerOffsetsMax: 10,
  timerOffsetDaysMax: 60,
  /** Unpaid orders the expiry sweep cancels in one transaction, and batches a run may take. */
  expireBatchSize: 100,
  expireBatchesPerRun: 10,
  /** Paid orders the shipping desk lists, oldest paid first. */
  shippingQueueMax: 100,
  /** A period's bill is issued this many days before its due date. */
  billLeadDays: 7,
  /** Orders the daily bill tick handles in one transaction, and how many batches a run may take. */
  billBatchSize: 200,
  billBatchesPerRun: 500,
  /** Active orders the daily overdue tick (penalty, bucket) handles in one transaction, and batches a run may take. */
  overdueBatchSize: 100,
  overdueBatchesPerRun: 1000,
  /** Bucket changes the console's order page lists (a change at most a day; ten years of them). */
  bucketChangesListMax: 3660,
  /** Orders a customer's list shows on one page at most (the page size is the platform's). */
  ordersListMax: 100,
  /** Ledger postings the console's order page reads per reference (the order, each of its bills). */
  postingsPerReferenceMax: 100,
  /** The reason a customer may give when cancelling an order. */
  cancelReasonLengthMax: 200,
  /** A funder's name, in characters. */
  funderNameLengthMax: 80,
  /** Funders the console lists (all of them: a platform works with a handful). */
  fundersListMax: 200,
  /** Rows a monthly funder statement may hold (collections of one funder in one month). */
  funderStatementRowsMax: 100_000,
  /**
   * Auto-debit of period bills (DOMAIN §5): the due date, then these retry days after it when the
   * channel refused. The default of the operator's timer (timers.ts, installment_settings).
   */
  autoDebitRetryDaysAfterDue: Object.freeze([1, 3, 5]) as readonly number[],
  /**
   * Reminders of an unpaid period bill (DOMAIN §5): T−3 and T−1 before its due date, D+1 and D+3 after
   * it, each once per bill. The defaults of the operator's timers (timers.ts, installment_settings).
   */
  reminderDaysBeforeDue: Object.freeze([3, 1]) as readonly number[],
  reminderDaysAfterDue: Object.freeze([1, 3]) as readonly number[],
  /** Unpaid period bills the daily auto-debit tick reads per page, and how many pages a run may take. */
  collectBatchSize: 200,
  collectPagesPerRun: 500,
  /** Funder collections the console's order page shows (one per payment on the order's bills). */
  funderCollectionsPerOrderMax: 500,
  /** Settlements the console lists per funder (newest first; one a week for ten years). */
  funderSettlementsListMax: 520,
  /** A settlement's bank transfer reference, in characters. */
  bankReferenceLengthMax: 64,
  /** A rejection's reason, in characters. */
  settlementRejectReasonLengthMax: 200,
} as const);
