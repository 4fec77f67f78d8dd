// The wallet's bounds and thresholds (DOMAIN.md §8), named with their units. Operator-configurable
// defaults; kept here until the kernel's Limits or a settings module holds them.
export const WalletLimits = Object.freeze({
  topUpMinMinor: 1,
  topUpMaxMinor: 5_000_000,
  withdrawalSingleMaxMinor: 5_000_000,
  withdrawalDailyMaxMinor: 20_000_000,
  withdrawalSecondFactorFromMinor: 500_000,
  transferSecondFactorFromMinor: 200_000,
  transferMaxMinor: 5_000_000,
  /** A withdrawal the bank has not confirmed in 3 days is released back to the wallet. */
  withdrawalHoldSeconds: 3 * 24 * 60 * 60,
  /** The bank is not asked to pay a withdrawal whose hold has less than this left (a call outliving it). */
  payoutHoldMarginSeconds: 10 * 60,
  billSplitFriendsMax: 20,
  billSplitExpiryDays: 7,
  pointsPerYuan: 100,
  pointsExpiryMonths: 12,
  /** Points lots one redemption spends from (oldest expiry first), and lots the points page shows. */
  pointsLotsRedeemMax: 1_000,
  pointsLotsShownMax: 20,
  billSplitsListMax: 50,
  bankCardsListMax: 50,
  pointsAwardMax: 1_000_000,
  cashbackMaxMinor: 100_000,
  statementLinesMax: 5000,
  disputeSlaDays: 3,
  /** Consecutive bank adapter failures that open its circuit breaker, and how long it stays open. */
  bankBreakerFailures: 5,
  bankBreakerCoolDownMs: 30_000,
  /** SMS step-up codes: 6 digits, 5 minutes, 5 tries, one send a minute and 10 a business day. */
  stepUpCodeTtlMs: 5 * 60 * 1000,
  stepUpCodeAttemptsMax: 5,
  stepUpSendIntervalMs: 60 * 1000,
  stepUpSendsPerDay: 10,
  disputeEvidenceMax: 9,
  /** Lots, splits or withdrawals handled per tick transaction. */
  tickBatchSize: 100,
  tickBatchesPerRun: 50,
});
