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
  /** Images one ticket message (the first one included) may carry; a chat message carries one. */
  imagesPerMessageMax: 9,
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
  /** Live chat: one message's text, and a whole WebSocket frame (text plus the envelope). */
  chatMessageLengthMax: 2_000,
  chatFrameBytesMax: 8_192,
  /** Frames of any kind (messages, typing and read marks, pings) a socket may send: burst and rate. */
  chatFramesBurst: 40,
  chatFramesPerMinute: 240,
  /** Messages a socket may send: a burst of this many, refilled at this rate. */
  chatMessagesBurst: 10,
  chatMessagesPerMinute: 30,
  /** Messages sent per resume (the rest follow on the next poll) and per chat page. */
  chatResumeMessagesMax: 200,
  chatMessagesPerChatMax: 500,
  /** Sockets one process holds; one customer or agent holds at most this many per chat. */
  chatSocketsMax: 2_000,
  chatSocketsPerChatPerUserMax: 5,
  /** How often open sockets look for new messages written by another process (or missed). */
  chatPollMs: 1_000,
  /** A socket that sends nothing (not even a ping) for this long is closed. */
  chatIdleMs: 10 * 60_000,
  /** Chats on the desk's lists, and the customer's recent orders and tickets shown beside a chat. */
  chatQueueMax: 100,
  chatContextOrdersMax: 5,
  chatContextTicketsMax: 5,
  /** Chats the stale-chat sweep closes per kind (queued too long, idle) and run; the next run goes on. */
  staleChatsBatchSize: 200,
  /** An upload nobody attached is kept this long (the client sends within minutes), then discarded. */
  unattachedUploadKeepHours: 24,
  /** Unattached uploads discarded per sweep run (oldest first). */
  unattachedUploadsBatchSize: 200,
  /** An agent's chat socket writes their presence heartbeat at most this often. */
  agentHeartbeatWriteMs: 30_000,
  /** How often the chat hub checks that the agents on its sockets still have access. */
  agentAccessCheckMs: 5_000,
  /** SLA alert sweep: tickets checked per run, and alerts listed on the console. */
  slaAlertScanMax: 500,
  slaAlertsListMax: 100,
});
