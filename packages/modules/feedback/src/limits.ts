// Feedback's bounds, named with their units. Upload limits are here too while the upload core lives
// in this module (src/uploads).
export const FeedbackLimits = Object.freeze({
  textLengthMax: 2_000,
  /** Texts read by one word-frequency run; the console asks for a period, not for all time. */
  wordFrequencyTextsMax: 100_000,
  topWordsMax: 200,
  /** Rules per rule set, and terms per rule: the set is edited by people, and checked on every feedback. */
  classificationRulesMax: 500,
  ruleTermsMax: 200,
  ruleTermLengthMax: 40,
  /** Corrections read by one run of the rule-change suggestions. */
  correctionsMax: 10_000,
  /** Feedback ids shown with each suggestion (for drill-down), of the corrections backing it. */
  suggestionFeedbackIdsMax: 20,
  /** Suggestions answered at once, most corrections first. */
  suggestionsMax: 50,
  /** Rule-set versions the console's history lists, newest first (the table keeps all). */
  ruleSetHistoryMax: 100,
  /** A publisher's note on a rule-set version, and a handler's note on a correction. */
  ruleSetNoteLengthMax: 500,
  correctionNoteLengthMax: 500,
  /** Active questions on the form at once. */
  questionsPerSetMax: 20,
  questionTextLengthMax: 200,
  /** Choices of one choice question (at least 2). */
  choicesMax: 10,
  answerTextLengthMax: 1_000,
  /** Question keys ever created (active and retired): the console lists them all on one page. */
  questionKeysMax: 100,
  /** Versions of one question; a question edited more often is better written anew. */
  questionVersionsMax: 100,
  /**
   * A form loaded before an edit or a retirement is still accepted for this long: an answer may name
   * any version that was asked at some moment within it.
   */
  questionGraceMs: 24 * 60 * 60 * 1000,
  /** Rows grouped by one analysis call, and groups it returns. */
  analysisRowsMax: 1_000_000,
  /** Feedback entries the dashboard reads per request (texts included, for the word list). */
  analysisReadRowsMax: 20_000,
  analysisGroupsMax: 10_000,
  /** The breakdowns by product, model, warehouse and carrier: the largest groups shown, the rest as "others". */
  breakdownGroupsMax: 20,
  /** Categories named per breakdown group, most frequent first. */
  breakdownCategoriesMax: 3,
  /** The dashboard's default range, in days up to today, when no `from` is given. */
  analysisDefaultDays: 180,
  /** Feedback one CSV export holds; a range (and filters) holding more is refused. */
  exportRowsMax: 20_000,
  /**
   * The queue's `word` filter reads entries in batches and keeps those containing the word as a word
   * (jieba, as the word list counts them); a page reads at most this many and answers what it found
   * with a cursor to continue.
   */
  wordFilterBatch: 200,
  wordFilterScanRowsMax: 4_000,
  csvRowsMax: 1_000_000,
  thanksListMax: 100,
  /** Valuable entries one read of the thanks list looks at (authors without a name to show are skipped). */
  thanksCandidatesMax: 500,
  /**
   * The daily rating reminder: ended rentals read per page (one transaction each, oldest end first),
   * pages per run, and reminders sent per run; what a run leaves is reminded the next day, while the
   * window is open.
   */
  ratingReminderBatch: 200,
  ratingReminderPagesPerRunMax: 200,
  ratingRemindersPerRunMax: 5_000,
  /**
   * The rating window an operator may set (rating-window-settings.ts): days after a rental's end the
   * customer may still rate it, and days after the end the one reminder is sent (before the window
   * closes, so a window has at least 2 days).
   */
  ratingWindowDaysMin: 2,
  ratingWindowDaysMax: 365,
  ratingReminderAfterDaysMin: 1,
  demoEntriesMax: 5_000,
  /**
   * Feedback that names no order weighs the customer's support tickets they reopened (or answered
   * after they were resolved) within this many days before it (`ticketsReopened`).
   */
  ticketsReopenedWindowDays: 30,

  /** Feedback a customer sees on "my feedback" (newest first), and replies shown per feedback. */
  myFeedbackMax: 100,
  repliesPerFeedbackMax: 50,
  correctionsPerFeedbackMax: 50,
  replyLengthMax: 2_000,
  /** A handler's internal note, and the notes one feedback holds (a further one is refused). */
  noteLengthMax: 2_000,
  notesPerFeedbackMax: 200,
  /** Who a feedback may be assigned to: the handlers listed for the console's picker. */
  handlersListMax: 200,
  searchQueryLengthMax: 100,
  /** Demo feedback loaded by the seed, spread over this many days before the business date. */
  demoSeedCount: 360,
  demoSeedDays: 180,
  /** The demo entries' phones: one SKU of each of the first products of the catalog's SKU list. */
  demoModelsMax: 8,
  demoSkusReadMax: 100,
  /** The demo customers' rentals looked at, and every how many entries of a customer is about one. */
  demoOrdersReadMax: 50,
  demoOrderEvery: 5,
  /** Demo entries on the thanks wall (named, satisfied, opted in, marked valuable). */
  demoThankedCount: 3,
  /** Demo entries past their due time answered with a reply (the customer is told); the rest resolved without one. */
  demoRepliedCount: 4,
  /** Demo entries left past their due time unresolved, so the queue's overdue filter has something to show. */
  demoOverdueCount: 2,

  imagesPerFeedbackMax: 9,
  videosPerFeedbackMax: 1,
  imageBytesMax: 10 * 1024 * 1024,
  videoBytesMax: 50 * 1024 * 1024,
  /** A "short" video. */
  videoDurationMsMax: 60_000,
  /** Larger images are refused before decoding (a 1 KB PNG can claim 50,000 × 50,000 pixels). */
  imagePixelsMax: 50_000_000,
  /** Re-encoded images are scaled down to fit this edge; phone photos are ~4000 px. */
  imageEdgeMaxPx: 2560,
  thumbnailEdgePx: 320,
  /** MP4/MOV boxes walked per file: real files have a few hundred. */
  videoBoxesMax: 10_000,
  videoBoxDepthMax: 16,
});
