// Live chat over HTTP: the customer opens, follows, ends, rates a chat or leaves a ticket instead;
// agents list the queue, open a chat with the customer's recent orders and tickets, take, transfer
// and end it, and pick canned replies. Messages travel over the sockets (routes/chat-socket.ts).
import { customerIdOf, staffOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { readAgentPresence, recordAgentHeartbeat, setAgentPresence } from '../agent-presence';
import { TicketKindSchema } from '../api-schemas';
import { chatCannedReplies } from '../chat-canned-replies';
import { agentStatuses, chatPolicy } from '../chat-policy';
import { readChatList, readCustomerChat, readOpenChat, readStaffChat } from '../chat-reads';
import { ChatStateSchema } from '../chat-schemas';
import type { SupportDeps } from '../deps';
import { endChat } from '../end-chat';
import { leaveChatTicket } from '../leave-chat-ticket';
import { SupportLimits } from '../limits';
import { openChat } from '../open-chat';
import { rateChat } from '../rate-chat';
import { takeChat } from '../take-chat';
import { transferChat } from '../transfer-chat';

const tags = ['support'];
const read = { auth: { permission: 'support.read' as const } };
const handle = { auth: { permission: 'support.handle' as const } };
const LocaleSchema = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);

const ChatContextSchema = {
  recentOrders: Type.Array(Type.Object({ id: Type.String(), status: Type.String(), createdAt: Type.String() })),
  recentTickets: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: TicketKindSchema,
      state: Type.String(),
      subject: Type.String(),
      openedAt: Type.String(),
    }),
  ),
};

const AgentStatusSchema = Type.Unsafe<(typeof agentStatuses)[number]>(
  Type.Union(agentStatuses.map((s) => Type.Literal(s))),
);
const PresenceSchema = Type.Object({
  me: Type.Object({
    /** What counts: offline when the last heartbeat is too old, whatever was set. */
    status: AgentStatusSchema,
    setStatus: AgentStatusSchema,
    lastSeenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  }),
  online: Type.Integer({ minimum: 0 }),
  /** Agents online or away now. */
  agents: Type.Array(
    Type.Object({
      staffId: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
      status: AgentStatusSchema,
      setStatus: AgentStatusSchema,
      statusSince: Type.String({ format: 'date-time' }),
      lastSeenAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

export const chatRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: SupportDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone };
  const db = () => ctx.database.db;
  const masterKey = ctx.config.masterKey;

  app.post(
    '/v1/chats',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'Start a live chat (or get the one already open): it waits for an agent',
        response: { 201: Ref('Chat') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const customerId = customerIdOf(request);
        const { chat } = await openChat(tx, deps, { customerId });
        return readCustomerChat(tx, deps.clock.now(), { customerId, chatId: chat.id });
      }),
  );

  app.get(
    '/v1/chats/current',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'My open chat (queued or active) with its messages, if any',
        response: { 200: Type.Object({ chat: Type.Union([Ref('Chat'), Type.Null()]) }) },
      },
    },
    async (request) => ({ chat: await readOpenChat(db(), ctx.clock.now(), customerIdOf(request)) }),
  );

  app.get(
    '/v1/chats/:id',
    {
      config: { auth: 'customer' },
      schema: { tags, summary: 'One of my chats with its messages', params: IdParams, response: { 200: Ref('Chat') } },
    },
    async (request) =>
      readCustomerChat(db(), ctx.clock.now(), { customerId: customerIdOf(request), chatId: request.params.id }),
  );

  app.post(
    '/v1/chats/:id/end',
    {
      config: { auth: 'customer' },
      schema: { tags, summary: 'End my chat', params: IdParams, response: { 200: Ref('Chat') } },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const customerId = customerIdOf(request);
        await endChat(tx, deps, { chatId: request.params.id, customerId });
        return readCustomerChat(tx, deps.clock.now(), { customerId, chatId: request.params.id });
      }),
  );

  app.post(
    '/v1/chats/:id/rating',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'Rate an ended chat from 1 to 5 (once)',
        params: IdParams,
        body: Type.Object(
          { rating: Type.Integer({ minimum: chatPolicy.ratingMin, maximum: chatPolicy.ratingMax }) },
          { additionalProperties: false },
        ),
        response: { 200: Ref('Chat') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const customerId = customerIdOf(request);
        await rateChat(tx, deps, { chatId: request.params.id, customerId, rating: request.body.rating });
        return readCustomerChat(tx, deps.clock.now(), { customerId, chatId: request.params.id });
      }),
  );

  app.post(
    '/v1/chats/:id/ticket',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'No agent answered: leave a ticket with what I wrote instead (ends the chat)',
        params: IdParams,
        body: Type.Object(
          {
            kind: TicketKindSchema,
            subject: Type.String({ minLength: 1, maxLength: SupportLimits.ticketSubjectLengthMax }),
            note: Type.Optional(Type.String({ maxLength: SupportLimits.chatMessageLengthMax })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ chat: Ref('Chat'), ticketId: Type.String() }) },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const customerId = customerIdOf(request);
        const { ticket } = await leaveChatTicket(tx, deps, {
          customerId,
          chatId: request.params.id,
          kind: request.body.kind,
          subject: request.body.subject,
          note: request.body.note ?? null,
        });
        const chat = await readCustomerChat(tx, deps.clock.now(), { customerId, chatId: request.params.id });
        return { chat, ticketId: ticket.id };
      }),
  );

  app.get(
    '/v1/admin/chats',
    {
      config: read,
      schema: {
        tags,
        summary: 'The chat desk: queued chats (longest waiting first), active ones (mine with mine=true), ended ones',
        querystring: Type.Object({ state: Type.Optional(ChatStateSchema), mine: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ data: Type.Array(Ref('StaffChat')) }) },
      },
    },
    async (request) => {
      const state = request.query.state ?? 'queued';
      const agentId = request.query.mine ? staffOf(request).staffId : undefined;
      return {
        data: await readChatList(db(), masterKey, ctx.clock.now(), {
          state,
          ...(agentId === undefined ? {} : { agentId }),
        }),
      };
    },
  );

  app.get(
    '/v1/admin/chats/presence',
    {
      config: read,
      schema: {
        tags,
        summary: 'Agents on the chat desk: my status and who is online or away',
        response: { 200: PresenceSchema },
      },
    },
    async (request) => readAgentPresence(db(), ctx.clock.now(), staffOf(request).staffId),
  );

  app.post(
    '/v1/admin/chats/presence',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Set myself online, away or offline on the chat desk (also a heartbeat)',
        body: Type.Object({ status: AgentStatusSchema }, { additionalProperties: false }),
        response: { 200: PresenceSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const staff = staffOf(request);
        await setAgentPresence(tx, deps, { staff, status: request.body.status });
        return readAgentPresence(tx, deps.clock.now(), staff.staffId);
      }),
  );

  app.post(
    '/v1/admin/chats/presence/heartbeat',
    {
      config: handle,
      schema: {
        tags,
        summary: `The desk page is open: keeps me online or away (silent for ${chatPolicy.agentPresenceTimeoutMinutes} minutes: offline)`,
        response: { 200: PresenceSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const staff = staffOf(request);
        await recordAgentHeartbeat(tx, deps, staff.staffId);
        return readAgentPresence(tx, deps.clock.now(), staff.staffId);
      }),
  );

  app.get(
    '/v1/admin/chats/canned-replies',
    {
      config: read,
      schema: {
        tags,
        summary: 'Canned replies for live chat',
        querystring: Type.Object({ locale: Type.Optional(LocaleSchema) }),
        response: {
          200: Type.Object({
            data: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), body: Type.String() })),
          }),
        },
      },
    },
    async (request) => {
      const locale = request.query.locale ?? 'zh-CN';
      return { data: chatCannedReplies.map((r) => ({ id: r.id, title: r.title[locale], body: r.body[locale] })) };
    },
  );

  app.get(
    '/v1/admin/chats/:id',
    {
      config: read,
      schema: {
        tags,
        summary: "One chat with every message, the customer (masked) and the customer's recent orders and tickets",
        params: IdParams,
        response: {
          200: Type.Intersect([Ref('StaffChat'), Type.Object(ChatContextSchema)]),
        },
      },
    },
    async (request) => readStaffChat(db(), masterKey, ctx.clock.now(), request.params.id),
  );

  app.post(
    '/v1/admin/chats/:id/take',
    {
      config: handle,
      schema: { tags, summary: 'Take a queued chat', params: IdParams, response: { 200: Ref('StaffChat') } },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        await takeChat(tx, deps, { staff: staffOf(request), chatId: request.params.id });
        return readStaffChat(tx, masterKey, deps.clock.now(), request.params.id);
      }),
  );

  app.post(
    '/v1/admin/chats/:id/transfer',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Hand my chat to another agent',
        params: IdParams,
        body: Type.Object({ agentId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
        response: { 200: Ref('StaffChat') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        await transferChat(tx, deps, {
          staff: staffOf(request),
          chatId: request.params.id,
          agentId: request.body.agentId,
        });
        return readStaffChat(tx, masterKey, deps.clock.now(), request.params.id);
      }),
  );

  app.post(
    '/v1/admin/chats/:id/end',
    {
      config: handle,
      schema: {
        tags,
        summary: 'End my chat (the customer is asked for a rating)',
        params: IdParams,
        response: { 200: Ref('StaffChat') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        await endChat(tx, deps, { staff: staffOf(request), chatId: request.params.id });
        return readStaffChat(tx, masterKey, deps.clock.now(), request.params.id);
      }),
  );
};
