// Risk's bounds, named with their units.
export const RiskLimits = Object.freeze({
  ruleIdLengthMax: 64,
  descriptionLengthMax: 300,
  expressionLengthMax: 1_000,
  expressionAstNodesMax: 500,
  expressionDepthMax: 32,
  expressionListElementsMax: 100,
  conditionsPerRuleMax: 20,
  rulesPerSetMax: 100,
  characteristicsMax: 30,
  binsPerCharacteristicMax: 30,
  bandsMax: 20,
  /** Scores, points and band edges stay within ± this. */
  scoreAbsMax: 100_000,
  /** A credit limit is at most ¥1,000,000. */
  creditLimitMaxMinor: 100_000_000,
  /** A rule set names at most this many problems in one refusal. */
  problemsReportedMax: 50,
  /** One call to an outside system (bureau, judicial list, channel level) waits at most this long. */
  outsideCallTimeoutMs: 3_000,
  /** Tries per call (reads only, so retrying is safe). */
  outsideCallAttempts: 2,
  /** Wait before the second try; doubles for each further one. */
  outsideCallBackoffMs: 200,
  /** Calls that failed in a row before the breaker opens. */
  breakerFailures: 5,
  /** How long an open breaker refuses calls without trying. */
  breakerOpenMs: 30_000,
  /** Parsed rule sets kept in memory (published, shadow and back-tested drafts). */
  ruleSetCacheMax: 20,
  /** Velocity windows. */
  velocityShortMs: 24 * 60 * 60 * 1000,
  velocityLongMs: 30 * 24 * 60 * 60 * 1000,
  deviceFingerprintLengthMax: 128,
  addressLengthMax: 300,
  referenceLengthMax: 64,
  reasonLengthMax: 300,
  /** Recorded applications one back-test replays, newest first. */
  backtestApplicationsMax: 5_000,
  /** Changed decisions one back-test lists (all are counted). */
  backtestChangesListedMax: 500,
  /** Demo applications the seed records. */
  seedApplications: 60,
  /** A review case should be closed within this long (DOMAIN.md §4: 2 h). */
  reviewSlaMs: 2 * 60 * 60 * 1000,
  caseNotesMax: 50,
  caseNoteLengthMax: 1_000,
  /** Open cases the queue shows at once, soonest SLA first. */
  caseQueueMax: 200,
  /** Decisions a customer sees of their own, newest first. */
  customerDecisionsMax: 20,
  /** One call to the MDM (enrol, send a command) waits at most this long. */
  mdmCallTimeoutMs: 5_000,
  /** Commands handed to the MDM per sweep run. */
  mdmCommandBatch: 50,
  /** Enrolments asked for on delivery handed to the MDM per sweep run; tries before one is given up. */
  mdmEnrolmentBatch: 50,
  mdmEnrolAttempts: 5,
  /** The sweep that sends pending commands and gives up on unanswered ones runs this often. */
  mdmCommandSweepSeconds: 30,
  /** Tries to hand a command to the MDM before it fails as undeliverable. */
  mdmSendAttempts: 5,
  /** A command the MDM has not answered this long after it was sent has failed (`timeout`). */
  mdmCommandTimeoutMs: 15 * 60 * 1000,
  /** The sandbox MDM expires a command for a device that stayed offline this long (`device_offline`). */
  mdmSandboxOfflineExpiryMs: 5 * 60 * 1000,
  /** Messages the sandbox MDM posts per run, and how often it tries one before giving up. */
  mdmSandboxBatch: 50,
  mdmSandboxAttempts: 8,
  mdmSandboxRetryMs: 30_000,
  /** A location report's position is stored to the millionth of a degree (about 0.1 m). */
  locationAccuracyMaxM: 100_000,
  /** Location reports a device page shows, newest first. */
  deviceLocationsListMax: 100,
  deviceCommandsListMax: 50,
  /** Devices one list shows, newest enrolment first. */
  devicesListMax: 200,
  /** Open geofence regions at once, and points per polygon. */
  geofencesMax: 50,
  geofencePointsMax: 500,
  geofenceRadiusMaxM: 5_000_000,
  geofenceNameLengthMax: 100,
  /** Credit-limit moves shown with a customer's decisions, newest first. */
  limitMovesListMax: 100,
  imeiLength: 15,
});
