// The contracts module's bounds and defaults, named with their units: no literal bound beside the code.
export const ContractsLimits = Object.freeze({
  /** An evidence entry's kind, in characters. */
  evidenceKindLengthMax: 80,
  /** An evidence entry's data as canonical JSON, in characters. */
  evidenceDataBytesMax: 64_000,
  /** Entries read per page when the whole chain is verified. */
  verifyPageSize: 5_000,
  /** Pages of a whole-chain verification (a bound on the loop: 100 million entries). */
  verifyPagesMax: 20_000,
  /** Entries of one subject in a proof bundle. */
  subjectEntriesMax: 5_000,
  /** Entries under one daily root. */
  dailyRootEntriesMax: 2_000_000,
  /** Days a single run of the daily-root tick catches up. */
  dailyRootCatchUpDaysMax: 31,
  /** Roots timestamped per run of the sweep. */
  timestampBatchSize: 50,
  /** How often the sweep retries roots still without a timestamp, in seconds. */
  timestampSweepSeconds: 300,
  /** How often the sweep verifies the entries appended since its last run and moves the checkpoint, in seconds. */
  verifySweepSeconds: 600,
  /** One call to a time-stamping authority, in milliseconds. */
  tsaTimeoutMs: 10_000,
  /** The largest TimeStampResp accepted, in bytes. */
  tsaResponseBytesMax: 256_000,
  /** The economic terms of one contract as canonical JSON, in characters. */
  termsBytesMax: 64_000,
  /** A drawn signature (PNG), in bytes. */
  signaturePngBytesMax: 300_000,
  /** A typed signature, in characters. */
  typedSignatureLengthMax: 40,
  /** The signing code: good for, tries, one send per, sends per business day. */
  signCodeTtlMs: 5 * 60_000,
  signCodeTriesMax: 5,
  signCodeSendIntervalMs: 60_000,
  signCodeSendsPerDay: 10,
  /** One call to the e-signature provider, in milliseconds. */
  esignTimeoutMs: 10_000,
  /** How long a provider's signing flow stays open (the sandbox's; a real provider says its own), ms. */
  esignFlowTtlMs: 30 * 60_000,
  /** Daily roots on one page. */
  rootsPageMax: 100,
});
