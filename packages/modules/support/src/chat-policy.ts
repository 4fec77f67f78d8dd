// The rules of a live chat, without I/O: its states and who may move it, how long a customer waits
// before being offered to leave a ticket instead, and the rating scale.
export const chatStates = ['queued', 'active', 'ended'] as const;
export type ChatState = (typeof chatStates)[number];
export const chatAuthorKinds = ['customer', 'agent', 'system'] as const;
export type ChatAuthorKind = (typeof chatAuthorKinds)[number];
/**
 * Why a chat ended: someone ended it; the customer left a ticket because nobody answered; the
 * system closed it because nobody took it in time (`no_agent`) or nobody wrote in it for long (`idle`).
 */
export const chatEndReasons = ['customer_ended', 'agent_ended', 'left_ticket', 'no_agent', 'idle'] as const;
export type ChatEndReason = (typeof chatEndReasons)[number];

export const chatPolicy = Object.freeze({
  /** A queued chat nobody took within this many minutes offers the customer to leave a ticket. */
  noAgentTicketOfferMinutes: 3,
  ratingMin: 1,
  ratingMax: 5,
  /** A customer rates a chat within this many days of its end. */
  ratingWindowDays: 7,
  /** A chat queued this long without an agent taking it is closed by the system (the customer may still leave a ticket). */
  queuedCloseMinutes: 15,
  /** An active chat in which nobody wrote for this long is closed by the system. */
  idleCloseMinutes: 30,
  /** An agent online or away whose heartbeat is this old counts as offline (the socket or console is gone). */
  agentPresenceTimeoutMinutes: 2,
});

/** What an agent says of themselves on the desk; only `online` agents are offered chats. */
export const agentStatuses = ['online', 'away', 'offline'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

/**
 * The status that counts: what the agent set, unless their last heartbeat is
 * `agentPresenceTimeoutMinutes` old or older (then offline, whatever they set).
 */
export function effectiveAgentStatus(
  presence: { status: AgentStatus; lastSeenAt: Date } | undefined,
  now: Date,
): AgentStatus {
  if (presence === undefined || presence.status === 'offline') return 'offline';
  return now.getTime() - presence.lastSeenAt.getTime() >= chatPolicy.agentPresenceTimeoutMinutes * 60_000
    ? 'offline'
    : presence.status;
}

/** The instant before which an agent's heartbeat is too old to count (for queries). */
export function presenceCutoff(now: Date): Date {
  return new Date(now.getTime() - chatPolicy.agentPresenceTimeoutMinutes * 60_000);
}

/** The instant at which a chat still queued is closed by the system. */
export function queueClosesAt(queuedAt: Date): Date {
  return new Date(queuedAt.getTime() + chatPolicy.queuedCloseMinutes * 60_000);
}

/** The instant from which a queued chat offers a ticket instead of waiting on. */
export function ticketOfferAt(queuedAt: Date): Date {
  return new Date(queuedAt.getTime() + chatPolicy.noAgentTicketOfferMinutes * 60_000);
}

/**
 * Whether the customer may turn this chat into a ticket now: still queued and either no agent is
 * online (offered at once) or it waited long enough; or the system closed it because nobody took it
 * and no ticket was left yet.
 */
export function mayLeaveTicket(
  chat: { state: ChatState; queuedAt: Date; endReason?: ChatEndReason | null; ticketId?: string | null },
  now: Date,
  agentsOnline: number,
): boolean {
  if (chat.state === 'ended') return chat.endReason === 'no_agent' && (chat.ticketId ?? null) === null;
  if (chat.state !== 'queued') return false;
  return agentsOnline === 0 || now.getTime() >= ticketOfferAt(chat.queuedAt).getTime();
}

/** Whether the customer may rate the chat now: an agent talked to them, it ended, not rated yet, within the window. */
export function mayRate(
  chat: { state: ChatState; agentId: string | null; endedAt: Date | null; rating: number | null },
  now: Date,
): boolean {
  if (chat.state !== 'ended' || chat.agentId === null || chat.endedAt === null || chat.rating !== null) return false;
  return now.getTime() - chat.endedAt.getTime() <= chatPolicy.ratingWindowDays * 86_400_000;
}

/** The transcript a ticket carries when the customer left one instead of waiting on. */
export function transcriptOf(
  messages: readonly { authorKind: ChatAuthorKind; body: string; createdAt: Date }[],
  bodyLengthMax: number,
): string {
  const lines = messages
    .filter((m) => m.authorKind === 'customer')
    .map((m) => m.body.trim())
    .filter((b) => b.length > 0);
  const text = lines.join('\n');
  // A ticket body has its own bound; the newest lines are cut last, so keep the start and mark the cut.
  return text.length <= bodyLengthMax ? text : `${text.slice(0, bodyLengthMax - 1)}…`;
}
