// Nobody answered: after the wait the policy allows, the customer leaves a ticket instead. The
// ticket carries what they wrote in the chat (a "service" question becomes an account ticket unless
// they chose a kind), and the chat ends pointing at it.
import type { Executor } from '@zulin/db';
import { mayLeaveTicket, ticketOfferAt, transcriptOf } from './chat-policy';
import { type ChatRow, changeChat, chatMessagesAfter, loadChat } from './chats';
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
  if (!mayLeaveTicket(chat, now)) {
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
  const ended = await changeChat(tx, deps, chat, {
    to: 'ended',
    event: 'left_ticket',
    endReason: 'left_ticket',
    set: { ticketId: ticket.id },
  });
  return { chat: ended, ticket };
}
