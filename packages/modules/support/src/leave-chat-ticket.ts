// Nobody answered: with no agent online at once, otherwise after the wait the policy allows, the
// customer leaves a ticket instead; also after the system closed a chat nobody took. The ticket
// carries what they wrote in the chat, and the chat ends (or, closed already, stays ended) pointing at it.
import type { Executor } from '@zulin/db';
import { countAgentsOnline } from './agent-presence';
import { mayLeaveTicket, ticketOfferAt, transcriptOf } from './chat-policy';
import { appendChatMessage, type ChatRow, changeChat, chatMessagesAfter, loadChat, updateChat } from './chats';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { SupportLimits } from './limits';
import { openTicket } from './open-ticket';
import type { TicketRow } from './ticket-store';
import type { TicketKind } from './tickets';

export async function leaveChatTicket(
  tx: Executor,
  deps: SupportDeps,
  options: { customerId: string; chatId: string; kind: TicketKind; subject: string; note: string | null },
): Promise<{ chat: ChatRow; ticket: TicketRow }> {
  const chat = await loadChat(tx, options.chatId, { customerId: options.customerId, forUpdate: true });
  const now = deps.clock.now();
  if (!mayLeaveTicket(chat, now, await countAgentsOnline(tx, now))) {
    if (chat.state === 'ended') throw SupportErrors.SUPPORT_CHAT_STATE_INVALID({ detail: 'This chat has ended.' });
    if (chat.state !== 'queued') throw SupportErrors.SUPPORT_CHAT_STATE_INVALID({ detail: 'An agent has this chat.' });
    throw SupportErrors.SUPPORT_CHAT_TICKET_TOO_EARLY({
      detail: `Leaving a ticket is offered from ${ticketOfferAt(chat.queuedAt).toISOString()}.`,
    });
  }
  const messages = await chatMessagesAfter(tx, chat.id, 0, SupportLimits.chatMessagesPerChatMax);
  const note = options.note?.trim() ?? '';
  const transcript = transcriptOf(
    [...messages, ...(note.length > 0 ? [{ authorKind: 'customer' as const, body: note, createdAt: now }] : [])],
    SupportLimits.ticketBodyLengthMax,
  );
  if (transcript.length === 0) {
    throw SupportErrors.SUPPORT_TICKET_INVALID({ errors: [{ path: '/note', message: 'Describe the problem' }] });
  }
  const ticket = await openTicket(tx, deps, {
    customerId: options.customerId,
    kind: options.kind,
    subject: options.subject,
    body: transcript,
    orderId: null,
    source: { type: 'chat', id: chat.id },
  });
  if (chat.state === 'ended') {
    // Closed by the system for want of an agent: it stays ended, now pointing at the ticket.
    const pointed = await updateChat(tx, deps, chat, { ticketId: ticket.id });
    await appendChatMessage(tx, deps, pointed, { authorKind: 'system', authorId: null, body: 'left_ticket' });
    return { chat: pointed, ticket };
  }
  const ended = await changeChat(tx, deps, chat, {
    to: 'ended',
    event: 'left_ticket',
    endReason: 'left_ticket',
    set: { ticketId: ticket.id },
  });
  return { chat: ended, ticket };
}
