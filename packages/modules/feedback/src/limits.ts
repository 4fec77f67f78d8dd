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
  questionsPerSetMax: 20,
  questionTextLengthMax: 200,
  choicesMax: 20,
  answerTextLengthMax: 1_000,
  /** Rows grouped by one analysis call, and groups it returns. */
  analysisRowsMax: 1_000_000,
  /** Feedback entries the dashboard reads per request (texts included, for the word list). */
  analysisReadRowsMax: 20_000,
  analysisGroupsMax: 10_000,
  csvRowsMax: 1_000_000,
  thanksListMax: 100,
  demoEntriesMax: 5_000,

  /** Feedback a customer sees on "my feedback" (newest first), and replies shown per feedback. */
  myFeedbackMax: 100,
  repliesPerFeedbackMax: 50,
  correctionsPerFeedbackMax: 50,
  replyLengthMax: 2_000,
  searchQueryLengthMax: 100,
  /** Demo feedback loaded by the seed, spread over this many days before the business date. */
  demoSeedCount: 360,
  demoSeedDays: 180,

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
