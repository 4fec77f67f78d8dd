// Reads of chats for the two sides' screens: a chat with its messages, the desk's lists, and what an
// agent sees beside a chat (the customer's recent orders and tickets).
import type { Executor } from '@zulin/db';
import { listOrders } from '@zulin/rental';
import { queueStandings } from './agent-presence';
import { chatNames } from './chat-names';
import type { ChatState } from './chat-policy';
import { presentChat, presentStaffChat } from './chat-schemas';
import { chatMessagesAfter, listChats, loadChat, openChatOf } from './chats';
import { SupportLimits } from './limits';
import { listMyTickets } from './ticket-store';

/** One of the customer's chats with its messages (another customer's: not found). */
export async function readCustomerChat(db: Executor, now: Date, options: { customerId: string; chatId: string }) {
  const chat = await loadChat(db, options.chatId, { customerId: options.customerId });
  const messages = await chatMessagesAfter(db, chat.id, 0);
  const standing = (await queueStandings(db, now, [chat])).get(chat.id);
  return presentChat(chat, messages, now, await chatNames(db, [chat], messages), standing);
}

/** The customer's open chat (queued or active) with its messages, or null. */
export async function readOpenChat(db: Executor, now: Date, customerId: string) {
  const chat = await openChatOf(db, customerId);
  if (chat === undefined) return null;
  const messages = await chatMessagesAfter(db, chat.id, 0);
  const standing = (await queueStandings(db, now, [chat])).get(chat.id);
  return presentChat(chat, messages, now, await chatNames(db, [chat], messages), standing);
}

/** A chat as an agent sees it: every message, the customer masked, and their recent orders and tickets. */
export async function readStaffChat(db: Executor, masterKey: Buffer, now: Date, chatId: string) {
  const chat = await loadChat(db, chatId);
  const messages = await chatMessagesAfter(db, chat.id, 0);
  const names = await chatNames(db, [chat], messages, { masterKey });
  const standing = (await queueStandings(db, now, [chat])).get(chat.id);
  const orders = await listOrders(db, { customerId: chat.customerId, limit: SupportLimits.chatContextOrdersMax });
  const tickets = (await listMyTickets(db, chat.customerId)).slice(0, SupportLimits.chatContextTicketsMax);
  return {
    ...presentStaffChat(chat, messages, now, names, standing),
    recentOrders: orders.data.map((o) => ({
      id: o.order.id,
      status: o.order.status,
      createdAt: o.order.createdAt.toISOString(),
    })),
    recentTickets: tickets.map((t) => ({
      id: t.id,
      kind: t.kind,
      state: t.state,
      subject: t.subject,
      openedAt: t.openedAt.toISOString(),
    })),
  };
}

/** The desk's list of chats in one state (queued: longest waiting first), without messages. */
export async function readChatList(
  db: Executor,
  masterKey: Buffer,
  now: Date,
  options: { state: ChatState; agentId?: string },
) {
  const chats = await listChats(db, options);
  const names = await chatNames(db, chats, [], { masterKey });
  const standings = await queueStandings(db, now, chats);
  return chats.map((c) => presentStaffChat(c, [], now, names, standings.get(c.id)));
}
