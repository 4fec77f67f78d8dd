// The shapes of a live chat as the API and the socket send them, and the functions that build them.

import { Instant, Literals, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import type { QueueStanding } from './agent-presence';
import { FileSchema, presentFile } from './api-schemas';
import {
  chatAuthorKinds,
  chatEndReasons,
  chatStates,
  mayLeaveTicket,
  mayRate,
  queueClosesAt,
  ticketOfferAt,
} from './chat-policy';
import type { ChatMessageRow, ChatRow } from './chats';

export const ChatStateSchema = Literals(chatStates);

export const ChatMessageSchema = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    author: Literals(chatAuthorKinds),
    /** The agent's name on agent messages; null for the customer's own. */
    authorName: Nullable(Type.String()),
    /** A system message's body names the event: taken, transferred, ended, left_ticket. */
    body: Type.String(),
    /** An image message: the picture (read it at `…/chats/{id}/files/{key}`); its body may be empty. */
    image: Type.Union([FileSchema, Type.Null()]),
    clientId: Nullable(Type.String()),
    createdAt: Instant,
  },
  { $id: 'ChatMessage', title: 'ChatMessage' },
);

const chatFields = {
  id: Type.String(),
  state: ChatStateSchema,
  queuedAt: Instant,
  takenAt: Nullable(Instant),
  endedAt: Nullable(Instant),
  endReason: Type.Union([Literals(chatEndReasons), Type.Null()]),
  agentName: Nullable(Type.String()),
  ticketId: Nullable(Type.String()),
  rating: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
  customerReadSeq: Type.Integer({ minimum: 0 }),
  agentReadSeq: Type.Integer({ minimum: 0 }),
  /** From when the customer may leave a ticket instead of waiting (while queued and an agent is online). */
  ticketOfferAt: Instant,
  /** When the system closes the chat if it is still queued then. */
  queueClosesAt: Instant,
  /** While queued: the chat's place in the queue (1: next); otherwise null. */
  queuePosition: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  /** Agents online on the desk now (with none, leaving a ticket is offered at once). */
  agentsOnline: Type.Integer({ minimum: 0 }),
  canLeaveTicket: Type.Boolean(),
  canRate: Type.Boolean(),
};

export const ChatSchema = Type.Object(
  { ...chatFields, messages: Type.Array(Type.Ref('ChatMessage')) },
  { $id: 'Chat', title: 'Chat' },
);

export const StaffChatSchema = Type.Object(
  {
    ...chatFields,
    customerId: Type.String(),
    customerName: Nullable(Type.String()),
    agentId: Nullable(Type.String()),
    messages: Type.Array(Type.Ref('ChatMessage')),
  },
  { $id: 'StaffChat', title: 'StaffChat' },
);

export interface ChatNames {
  customers: ReadonlyMap<string, string>;
  staff: ReadonlyMap<string, string>;
}

export function presentChatMessage(row: ChatMessageRow, names: ChatNames) {
  return {
    seq: row.seq,
    author: row.authorKind,
    authorName: row.authorKind !== 'customer' && row.authorId !== null ? (names.staff.get(row.authorId) ?? null) : null,
    body: row.body,
    image: row.attachment === null ? null : presentFile(row.attachment),
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
  };
}

const noStanding: QueueStanding = { position: null, agentsOnline: 0 };

export function presentChat(
  row: ChatRow,
  messages: readonly ChatMessageRow[],
  now: Date,
  names: ChatNames,
  standing: QueueStanding = noStanding,
) {
  return {
    id: row.id,
    state: row.state,
    queuedAt: row.queuedAt.toISOString(),
    takenAt: row.takenAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    endReason: row.endReason,
    agentName: row.agentId === null ? null : (names.staff.get(row.agentId) ?? null),
    ticketId: row.ticketId,
    rating: row.rating,
    customerReadSeq: row.customerReadSeq,
    agentReadSeq: row.agentReadSeq,
    ticketOfferAt: ticketOfferAt(row.queuedAt).toISOString(),
    queueClosesAt: queueClosesAt(row.queuedAt).toISOString(),
    queuePosition: row.state === 'queued' ? standing.position : null,
    agentsOnline: standing.agentsOnline,
    canLeaveTicket: mayLeaveTicket(row, now, standing.agentsOnline),
    canRate: mayRate(row, now),
    messages: messages.map((m) => presentChatMessage(m, names)),
  };
}

export function presentStaffChat(
  row: ChatRow,
  messages: readonly ChatMessageRow[],
  now: Date,
  names: ChatNames,
  standing: QueueStanding = noStanding,
) {
  return {
    ...presentChat(row, messages, now, names, standing),
    customerId: row.customerId,
    customerName: names.customers.get(row.customerId) ?? null,
    agentId: row.agentId,
  };
}
