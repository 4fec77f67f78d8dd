// The identity module's bounds and time windows (DOMAIN.md §2), named with their units.
export const IdentityLimits = Object.freeze({
  accessTokenTtlSec: 15 * 60,
  customerRefreshTtlMs: 30 * 24 * 60 * 60 * 1000,
  /**
   * A refresh token presented again this soon after its rotation is a second tab (or a retried
   * request) that read it before the first tab's answer arrived: it gets a sibling pair in the same
   * family. Later, a repeat is a reuse and revokes the whole family (docs/security.md).
   */
  refreshReuseGraceMs: 10_000,
  /** A staff session lasts one working day from its login, however often it is refreshed. */
  staffSessionTtlMs: 12 * 60 * 60 * 1000,
  smsCodeDigits: 6,
  smsCodeTtlMs: 5 * 60 * 1000,
  smsCodeAttemptsMax: 5,
  smsSendIntervalMs: 60 * 1000,
  smsSendsPerNumberPerDay: 10,
  smsSendsPerIpPerHour: 30,
  smsSandboxListMax: 50,
  staffLoginFailuresMax: 5,
  staffLockoutMs: 15 * 60 * 1000,
  staffPasswordLengthMin: 10,
  ageMinYears: 18,
  ageMaxYears: 65,
  keyRotationBatchSize: 200,
  oauthCodeTtlMs: 5 * 60 * 1000,
});
