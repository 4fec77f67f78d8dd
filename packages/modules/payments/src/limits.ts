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
});
