// The rules of a live chat, without I/O: its states and who may move it, how long a customer waits
// before being offered to leave a ticket instead, and the rating scale.
export const chatStates = ['queued', 'active', 'ended'] as const;
export type ChatState = (typeof chatStates)[number];
export const chatAuthorKinds = ['customer', 'agent', 'system'] as const;
export type ChatAuthorKind = (typeof chatAuthorKinds)[number];
/** Why a chat ended: someone ended it, or the customer left a ticket because nobody answered. */
export const chatEndReasons = ['customer_ended', 'agent_ended', 'left_ticket'] as const;
export type ChatEndReason = (typeof chatEndReasons)[number];

export const chatPolicy = Object.freeze({
  /** A queued chat nobody took within this many minutes offers the customer to leave a ticket. */
  noAgentTicketOfferMinutes: 3,
  ratingMin: 1,
  ratingMax: 5,
  /** A customer rates a chat within this many days of its end. */
  ratingWindowDays: 7,
});

/** The instant from which a queued chat offers a ticket instead of waiting on. */
export function ticketOfferAt(queuedAt: Date): Date {
  return new Date(queuedAt.getTime() + chatPolicy.noAgentTicketOfferMinutes * 60_000);
}

/** Whether the customer may turn this chat into a ticket now: still queued and waited long enough. */
export function mayLeaveTicket(chat: { state: ChatState; queuedAt: Date }, now: Date): boolean {
  return chat.state === 'queued' && now.getTime() >= ticketOfferAt(chat.queuedAt).getTime();
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
