// The rental module's bounds, named with their units. Every loop in the module is bounded by one.
export const RentalLimits = Object.freeze({
  /**
   * A return pick-up is booked for today up to this many days ahead: the days whose every slot the
   * courier can still book from any time today (it books up to 3 × 24 h ahead,
   * LogisticsLimits.pickupDaysAheadMax), so today and the next two.
   */
  returnPickupDaysAhead: 2,
  /** Payments one carrier claim takes (carriers pay in one or a few parts). */
  carrierClaimPaymentsMax: 20,
  /** The carrier's payment reference (bank transaction number), in characters. */
  carrierPaymentReferenceLengthMax: 64,
  /** Why a claim is written off, and a decision's note, in characters. */
  claimWriteOffReasonLengthMin: 2,
  claimWriteOffReasonLengthMax: 200,
  /** Paid orders the shipping desk lists at once (oldest paid first). */
  shippingQueueMax: 100,
  /** Periods in one schedule: a 24-month plan renewed for 12 months many times still fits. */
  schedulePeriodsMax: 120,
  /** Renewals on one order. */
  renewalsMax: 40,
  /** Coupons applied to one quote. */
  discountsMax: 10,
  /** Fault intervals (days without a working phone) on one order. */
  faultIntervalsMax: 50,
  /** A fault report's description, in characters, and its photos. */
  faultDescriptionLengthMax: 1000,
  faultPhotosMax: 6,
  /** Faults listed on an order (newest first). */
  faultsPerOrderListMax: 50,
  /** Findings on one inspection, and items in a damage price list. */
  inspectionFindingsMax: 30,
  damagePriceItemsMax: 30,
  /** A finding's quantity, e.g. three missing accessories. */
  findingQuantityMax: 10,
  /** Reminder and retry offsets: entries per list and the farthest offset, in days. */
  timerOffsetsMax: 10,
  timerOffsetDaysMax: 60,
  /** The most a single amount may be (¥1,000,000), as in the catalog. */
  amountMinorMax: 100_000_000,
  /**
   * Days from an order to the assumed delivery, for the quote's schedule (ships in 1–3 business days,
   * then a day or two on the road); the real schedule starts the day after the real delivery.
   */
  assumedDeliveryDays: 3,
  /**
   * How long a unit stays reserved for an order that is not yet approved (the review's 2 h SLA with
   * room to spare); approval confirms the reservation, and the order's own timers release it after.
   */
  reviewReservationMs: 4 * 60 * 60 * 1000,
  /** Deposit holds the release sweep gives back per run (each one channel call). */
  depositReleaseBatch: 50,
  /** Orders the unpaid-order sweep cancels per batch, and batches per run. */
  expireBatchSize: 100,
  expireBatchesPerRun: 20,
  /** A period's rent bill is issued this many days before its due date (so the T−7 reminder has a bill). */
  billIssueAheadDays: 7,
  /** Orders the daily rent tick handles per batch, and batches per run (100,000 active rentals fit). */
  rentTickBatchSize: 500,
  rentTickBatchesPerRun: 400,
  /** Photos on one inspection, and the size of one photo in bytes. */
  inspectionPhotosMax: 12,
  inspectionPhotoBytesMax: 8 * 1024 * 1024,
  /** Pixels of one photo (read from its header before decoding; a 200 MP camera fits). */
  inspectionPhotoPixelsMax: 200_000_000,
  /** Characters of an inspector's note and of a customer's dispute. */
  inspectionNoteLengthMax: 500,
  disputeReasonLengthMax: 500,
  /** Characters of staff's note when resolving a dispute. */
  disputeNoteLengthMax: 500,
  /** Inspections the settlement sweep finishes per run (each up to two channel calls). */
  inspectionSettleBatch: 20,
  /** Settled orders the closing sweep reads per page (it reads every page of a run). */
  closeSettledBatch: 100,
  /** Rent bills the daily collection (reminders, auto-debit) reads per page, and pages per run. */
  collectBatchSize: 500,
  collectPagesPerRun: 400,
  /** Orders per page of a list. */
  pageSizeDefault: 20,
  pageSizeMax: 100,
  /** Entries on an order's timeline shown with it. */
  timelineMax: 200,
  /** The console's order page: bills shown, and ledger transfers read per reference (order, bill, payment). */
  detailBillsMax: 100,
  detailTransfersPerReferenceMax: 50,
  /** Customers a console search by phone, id or nickname may match for the order list. */
  customerSearchMatchesMax: 100,
  /** An address's fields, in characters. */
  addressFieldLengthMax: 100,
  addressLineLengthMax: 100,
  /** Steps a reachability walk of the order machine may take; far above the states × transitions. */
  machineWalkStepsMax: 10_000,
  /** Orders one page of `listOrdersFirstEntering` returns (feedback's rating reminders page through it). */
  enteredOrdersPageMax: 500,
} as const);
