// Payments' bounds, named with their units.
export const PaymentsLimits = Object.freeze({
  /** WeChat Pay v3 and DOMAIN.md §7: a signed timestamp more than this far off, either way, is refused. */
  signatureSkewSeconds: 300,
  /** The largest amount one payment may carry: ¥1,000,000 (Alipay allows up to ¥100,000,000). */
  paymentMaxMinor: 100_000_000,
  /** WeChat Pay v3: a request nonce is at most 32 characters. */
  wechatNonceLength: 32,
  /** A channel message (callback body, answer) larger than this is refused before parsing. */
  channelMessageMaxBytes: 64 * 1024,
  /** Every call to a channel gives up after this long (the payment is then `unknown`). */
  channelCallTimeoutMs: 5_000,
  /** Attempts of one call that may be repeated (a 5xx, a refused connection); a timeout is not repeated. */
  channelCallAttempts: 3,
  /** Backoff before the second attempt; doubled each time, half of it random (jitter). */
  channelRetryBaseDelayMs: 100,
  /** The backoff never waits longer than this between two attempts. */
  channelRetryMaxDelayMs: 1_000,
  /** Calls in a row that failed at a channel (after their retries) open its circuit breaker. */
  channelBreakerFailureThreshold: 5,
  /** An open breaker refuses calls for this long, then lets one trial call through (half-open). */
  channelBreakerCoolDownSeconds: 30,
  /** A trial call not reported back within this long (its process died) lets another trial through. */
  channelBreakerTrialLeaseSeconds: 30,
  /** Channel health (console 支付渠道): the window of recent payments it sums. */
  channelHealthWindowHours: 24,
  /** Money parked in suspense (no payment to apply it to) raises the channel's alert for this many days. */
  suspenseAlertDays: 7,
  /** The parked payments the channel's alert lists, newest first (amount, trade numbers, when). */
  suspenseAlertListed: 5,
  /** …and how many of the window's most frequent failure reasons it names. */
  channelHealthTopFailures: 5,
  /** Below this share of succeeded among succeeded + failed in the window, a channel asks for attention… */
  channelHealthMinSuccessPct: 80,
  /** …once at least this many payments have ended either way (a few failures at night are not a trend). */
  channelHealthMinEnded: 10,
  /** Kill Bill's janitor schedule for unknown and pending payments: 5 min, 1 h, then daily. */
  recheckAfterSeconds: [300, 3600, 86_400] as readonly number[],
  /** A pending payment is given up (closed at the channel) after this many daily re-checks. */
  recheckDailyMax: 7,
  /** Orders the janitor asks about per run. */
  recheckBatch: 50,
  /** How often the janitor looks for orders due to be asked about again. */
  recheckSweepSeconds: 60,
  /** Mismatches shown with one page of reconciliation runs. */
  reconciliationMismatchesListMax: 500,
  /** The daily reconciliation runs at this local time for the day before (T+1 statements are out by 09:00). */
  reconciliationRunAt: '10:00',
  /**
   * A channel's bill for day D is asked for from this local time on D + 1 (WeChat generates it from
   * about 09:00 and advises fetching after 10:00; Alipay's daily bill is out from about 09:00–10:00).
   * Before it, and while the channel still answers "being generated", the statement is `not ready`.
   */
  statementReadyAt: '10:00',
  /** The daily reconciliation asks again for a statement that was not out after this long. */
  statementRetrySeconds: 600,
  /** A bill file (decompressed) larger than this is refused: 64 MiB is ~400 000 trade rows. */
  statementMaxBytes: 64 * 1024 * 1024,
  /** A bill download (WeChat's download_url, Alipay's bill_download_url) gives up after this long. */
  statementDownloadTimeoutMs: 60_000,
  outTradeNoLengthMax: 32,
  descriptionLengthMax: 127,
  /** A refund above this needs a second staff member's approval (¥500), unless the caller sets its own. */
  refundApprovalAboveMinor: 50_000,
  /** Ledger transfers shown on a payment's console page (the payment and its refunds). */
  paymentTransfersListMax: 50,
  /** Payment orders listed for one thing (an order and its bills) on a console page. */
  paymentsOfReferencesMax: 200,
  /** Auto-debit charges the agreement sweep sends per run. */
  agreementChargeBatch: 50,
  /** How often the agreement sweep sends recorded charges. */
  agreementChargeSweepSeconds: 30,
  /**
   * WeChat entrusted debit: how long after the pre-debit notice a charge may be deducted, while the
   * setting (`papayNoticeLeadSeconds`) is not stored — one day.
   */
  papayNoticeLeadSeconds: 86_400,
  /** The lead time's bounds: the notice's deduct_duration is 1 to 3 DAY (WeChat's notify API). */
  papayNoticeLeadMinSeconds: 86_400,
  papayNoticeLeadMaxSeconds: 259_200,
  /**
   * WeChat's waiting period after a pre-debit notice (扣款等待期): a deduction sooner is refused. Then the
   * deduction window (可扣费期) lasts the notice's deduct_duration days; a deduction after it is refused.
   */
  papayNoticeWaitSeconds: 86_400,
  /**
   * A deduction is not sent this close to the end of its notice's window (the call, a retry or the
   * channel's clock could fall past it): the sweep sends a fresh notice instead.
   */
  papayWindowMarginSeconds: 600,
  /** The per-charge cap a payer's auto-debit agreement allows (¥5,000.00): a rent bill above it is not auto-debited. */
  agreementPerChargeMaxMinor: 500_000,
  /** The agreement's period (Alipay DAY × n, at least 7): monthly rent. */
  agreementPeriodDays: 30,
  /** An agreement being signed is first asked about at the channel this long after it was asked for (the payer is on the page). */
  agreementFirstCheckSeconds: 120,
  /** An agreement not signed this long after it was asked for is expired (Alipay keeps the sign page's TEMP agreement; we stop waiting). */
  agreementSigningValidHours: 24,
  /** Agreements being signed that the agreement sweep looks at per run. */
  agreementCheckBatch: 100,
  /** How often the agreement sweep asks about agreements being signed. */
  agreementCheckSweepSeconds: 60,
  /** A requested unsign the channel did not confirm is asked again this long after the request, then after doubling waits. */
  unsignRetryFirstSeconds: 120,
  /** The longest wait between two attempts at a requested unsign (one day). */
  unsignRetryMaxSeconds: 86_400,
  /** Requested unsigns the agreement sweep retries per run (the longest overdue first). */
  unsignRetryBatch: 50,
  /**
   * A requested unsign the channel has not confirmed this long after the customer asked raises one
   * operator alert (`payments.unsign_stuck`): by then the sweep has asked eleven times over a day, so
   * the channel is not merely slow, and the customer believes auto-debit is off while we cannot
   * charge them and the channel may still let us. Staff resolve it with the channel; the alert
   * resolves itself when the channel confirms.
   */
  unsignStuckAlertHours: 24,
  /** The channel's reason kept with a failed unsign attempt (shown to staff). */
  unsignLastErrorLengthMax: 500,
  /** Stuck unsigns the agreement sweep raises alerts for per run. */
  unsignStuckAlertBatch: 50,
  /**
   * An active agreement is asked about at the channel when it was not checked for this long: the
   * payer may have ended it in their Alipay app and the dut_user_unsign notification may be lost.
   * A week keeps the queries at one per agreement per week, well before the next monthly charge.
   */
  activeAgreementRecheckDays: 7,
  /**
   * A re-check query the channel did not answer (a timeout, a 5xx, the breaker open) is asked again
   * this long after it, then after doubling waits (2, 4, 8 … min): the sweep runs every minute and
   * asked a failing channel every minute before.
   */
  activeAgreementRecheckRetryFirstSeconds: 120,
  /** The longest wait between two re-check queries the channel did not answer (one day). */
  activeAgreementRecheckRetryMaxSeconds: 86_400,
  /** Active agreements the agreement sweep re-checks per run (the least recently checked first). */
  activeAgreementRecheckBatch: 50,
  /** A customer's agreements listed to them (newest first). */
  agreementsListMax: 20,
  /** Callbacks the sandbox posts per sweep run. */
  sandboxCallbackBatch: 100,
  /** How often the sandbox's callback sweep runs. */
  sandboxCallbackSweepSeconds: 30,
  /** The sandbox waits this long for the merchant to answer a callback. */
  sandboxCallbackTimeoutMs: 5_000,
  /** State changes shown with one order (an order changes state a handful of times). */
  orderChangesListMax: 50,
  /** Refunds shown with one order. */
  orderRefundsListMax: 50,
  /** How often approved (and unknown, processing) refunds are sent to or asked again at the channel. */
  refundSweepSeconds: 30,
  /** Refunds the refund sweep sends per run. */
  refundSweepBatch: 50,
  /** A payment order still `created` this long after it was recorded is submitted by the sweep (its route did not). */
  submitGraceSeconds: 60,
  /** Orders the submission sweep sends per run. */
  submitBatch: 50,
  /** How often the submission sweep looks for orders left `created`. */
  submitSweepSeconds: 30,
  /** The sandbox holds a timed-out answer back at most this long. */
  sandboxTimeoutMaxSeconds: 60,
});
