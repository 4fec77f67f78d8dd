// The agents' side: the ticket queue with SLA timers (soonest resolution deadline first), one
// ticket with internal notes, answering (optionally from a canned reply), internal notes,
// assignment and the state buttons.
import type { Executor } from '@zulin/db';
import { listStaff, permissionsOf, roles, staffOf } from '@zulin/identity';
import { command, IdParams, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { actOnTicket } from '../act-on-ticket';
import { ImageIds, presentStaffTicket, TicketStateSchema } from '../api-schemas';
import { assignTicket } from '../assign-ticket';
import { cannedRepliesFor, renderCannedReply } from '../canned-replies';
import type { SupportDeps } from '../deps';
import { SupportErrors } from '../errors';
import { SupportLimits } from '../limits';
import { postAgentMessage } from '../post-ticket-message';
import { ticketNames } from '../ticket-names';
import { listTicketQueue, loadTicket, messagesOf, type TicketRow } from '../ticket-store';
import { uploadOwnerIndex } from '../uploads/upload-records';

const tags = ['support'];
const read = { auth: { permission: 'support.read' as const } };
const handle = { auth: { permission: 'support.handle' as const } };
const agentActions = ['resolve', 'close', 'reopen'] as const;
const LocaleSchema = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);

export const adminSupportRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: SupportDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone };
  const masterKey = ctx.config.masterKey;
  /** One ticket with every message and note, everyone named. */
  const present = async (db: Executor, ticket: TicketRow) => {
    const messages = await messagesOf(db, ticket.id, { withInternal: true });
    return presentStaffTicket(ticket, messages, deps.clock.now(), await ticketNames(db, masterKey, [ticket], messages));
  };

  app.get(
    '/v1/admin/tickets',
    {
      config: read,
      schema: {
        tags,
        summary: 'The ticket queue: open, in progress and waiting by default; soonest resolution deadline first',
        querystring: Type.Object({
          state: Type.Optional(TicketStateSchema),
          assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.String({ minLength: 1, maxLength: 64 })])),
          ...PageQuery,
        }),
        response: {
          200: Type.Object({
            data: Type.Array(Ref('StaffTicket')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const { assignee, ...rest } = request.query;
      const page = await listTicketQueue(ctx.database.db, {
        ...rest,
        ...(assignee === undefined ? {} : { assigneeId: assignee === 'me' ? staffOf(request).staffId : assignee }),
      });
      const now = ctx.clock.now();
      const names = await ticketNames(ctx.database.db, masterKey, page.data);
      return { data: page.data.map((t) => presentStaffTicket(t, [], now, names)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/admin/tickets/agents',
    {
      config: read,
      schema: {
        tags,
        summary: 'Who a ticket may be assigned to: active staff whose role may handle tickets',
        response: {
          200: Type.Object({ data: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) }),
        },
      },
    },
    async () => {
      const agentRoles = roles.filter((role) => permissionsOf(role).has('support.handle'));
      const pages = await Promise.all(
        agentRoles.map((role) => listStaff(ctx.database.db, { role, limit: SupportLimits.agentsListMax })),
      );
      return {
        data: pages
          .flatMap((page) => page.data)
          .filter((s) => s.status === 'active')
          .slice(0, SupportLimits.agentsListMax)
          .map((s) => ({ id: s.id, name: s.displayName ?? s.username })),
      };
    },
  );

  app.get(
    '/v1/admin/tickets/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One ticket with every message and internal note',
        params: IdParams,
        response: { 200: Ref('StaffTicket') },
      },
    },
    async (request) => {
      return present(ctx.database.db, await loadTicket(ctx.database.db, request.params.id));
    },
  );

  app.get(
    '/v1/admin/tickets/:id/canned-replies',
    {
      config: read,
      schema: {
        tags,
        summary: "Canned replies for the ticket's kind, with the ticket number filled in",
        params: IdParams,
        querystring: Type.Object({ locale: Type.Optional(LocaleSchema) }),
        response: {
          200: Type.Object({
            data: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), body: Type.String() })),
          }),
        },
      },
    },
    async (request) => {
      const ticket = await loadTicket(ctx.database.db, request.params.id);
      const locale = request.query.locale ?? 'zh-CN';
      return {
        data: cannedRepliesFor(ticket.kind).map((r) => ({
          id: r.id,
          title: r.title[locale],
          body: r.body[locale].replaceAll('{ticketNo}', ticket.id),
        })),
      };
    },
  );

  app.post(
    '/v1/admin/tickets/:id/messages',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Answer the customer (or add an internal note); body, or a canned reply with its values',
        params: IdParams,
        body: Type.Object(
          {
            body: Type.Optional(Type.String({ minLength: 1, maxLength: SupportLimits.messageLengthMax })),
            cannedReplyId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            variables: Type.Optional(
              Type.Record(
                Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,31}$' }),
                Type.String({ maxLength: SupportLimits.cannedReplyVariableLengthMax }),
                { maxProperties: SupportLimits.cannedReplyVariablesMax },
              ),
            ),
            locale: Type.Optional(LocaleSchema),
            imageIds: ImageIds,
            internal: Type.Optional(Type.Boolean({ description: 'an internal note: never shown to the customer' })),
            askCustomer: Type.Optional(
              Type.Boolean({ description: 'hand the ticket to the customer (its SLA clock pauses)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('StaffTicket') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { body: text, cannedReplyId, variables, locale, internal, askCustomer, imageIds } = request.body;
        let body = text;
        if (cannedReplyId !== undefined) {
          body = renderCannedReply(cannedReplyId, locale ?? 'zh-CN', { ticketNo: request.params.id, ...variables });
        }
        if (body === undefined) {
          throw SupportErrors.SUPPORT_MESSAGE_INVALID({
            errors: [{ path: '/body', message: 'Write a message or pick a canned reply' }],
          });
        }
        const ticket = await postAgentMessage(tx, deps, {
          staff: staffOf(request),
          ticketId: request.params.id,
          body,
          internal: internal ?? false,
          askCustomer: askCustomer ?? false,
          ...(imageIds === undefined
            ? {}
            : {
                images: {
                  uploadIds: imageIds,
                  ownerIndex: uploadOwnerIndex(ctx.config.masterKey, { staffId: staffOf(request).staffId }),
                },
              }),
        });
        return present(tx, ticket);
      }),
  );

  app.post(
    '/v1/admin/tickets/:id/assign',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Take a ticket, or give it to another staff member',
        params: IdParams,
        body: Type.Object(
          { assigneeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'default: me' })) },
          { additionalProperties: false },
        ),
        response: { 200: Ref('StaffTicket') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const staff = staffOf(request);
        const ticket = await assignTicket(tx, deps, {
          staff,
          ticketId: request.params.id,
          assigneeId: request.body.assigneeId ?? staff.staffId,
        });
        return present(tx, ticket);
      }),
  );

  app.post(
    '/v1/admin/tickets/:id/actions',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Resolve, close or reopen a ticket',
        params: IdParams,
        body: Type.Object(
          { action: Type.Unsafe<(typeof agentActions)[number]>(Type.Union(agentActions.map((a) => Type.Literal(a)))) },
          { additionalProperties: false },
        ),
        response: { 200: Ref('StaffTicket') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const ticket = await actOnTicket(tx, deps, {
          ticketId: request.params.id,
          action: request.body.action,
          actor: staffOf(request),
        });
        return present(tx, ticket);
      }),
  );
};
