// Support's bounds, named with their units.
export const SupportLimits = Object.freeze({
  /** Text beyond this is not segmented; an article body is a few thousand characters at most. */
  segmentTextLengthMax: 20_000,
  searchQueryLengthMax: 100,
  searchTokensMax: 12,
  /** Articles ranked per search; the help centre holds dozens, not thousands. */
  searchResultsMax: 20,
  articlesMax: 500,
  articleTitleLengthMax: 80,
  articleBodyLengthMax: 8_000,
  articleKeywordsLengthMax: 200,
  articleSlugLengthMax: 80,
  ticketSubjectLengthMax: 120,
  ticketBodyLengthMax: 4_000,
  cannedReplyVariablesMax: 10,
  cannedReplyVariableLengthMax: 200,
  messageLengthMax: 4_000,
  /** Messages shown per ticket, and tickets on "my tickets". */
  messagesPerTicketMax: 500,
  myTicketsMax: 100,
  /** The help centre lists at most this many articles per topic page. */
  articlesListMax: 100,
  /** A ticket's SLA is at most 30 days long. */
  slaMinutesMax: 30 * 24 * 60,
  /** Staff offered as assignees (the support team, not the whole company). */
  agentsListMax: 100,
  /** The auto-close tick: tickets per transaction, and transactions per run (the next day continues). */
  autoCloseBatchSize: 200,
  autoCloseBatchesPerRun: 50,
});
