// The customer's side: open a ticket, follow it (another customer's ticket is "not found"), write
// on it, close, reopen or withdraw it; and the help centre, which anyone may read.
import type { Executor } from '@zulin/db';
import { customerIdOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { actOnTicket } from '../act-on-ticket';
import { ImageIds, presentArticle, presentTicket, TicketKindSchema } from '../api-schemas';
import type { SupportDeps } from '../deps';
import { getArticle, searchArticles } from '../help-articles';
import { SupportLimits } from '../limits';
import { openTicket } from '../open-ticket';
import { postCustomerMessage } from '../post-ticket-message';
import { agentNames } from '../ticket-names';
import { listMyTickets, loadTicket, messagesOf, type TicketRow } from '../ticket-store';
import { uploadOwnerIndex } from '../uploads/upload-records';

const tags = ['support'];
const customerActions = ['close', 'reopen', 'cancel'] as const;

export const customerSupportRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: SupportDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone };
  const db = () => ctx.database.db;
  const imagesOf = (uploadIds: readonly string[] | undefined, customerId: string) =>
    uploadIds === undefined
      ? undefined
      : { uploadIds, ownerIndex: uploadOwnerIndex(ctx.config.masterKey, { customerId }) };
  /** One of the customer's tickets with its visible messages, the agents named. */
  const present = async (executor: Executor, ticket: TicketRow) => {
    const messages = await messagesOf(executor, ticket.id, { withInternal: false });
    return presentTicket(ticket, messages, await agentNames(executor, messages));
  };

  app.post(
    '/v1/tickets',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'Open a support ticket (fault, billing, logistics, account, complaint)',
        body: Type.Object(
          {
            kind: TicketKindSchema,
            subject: Type.String({ minLength: 1, maxLength: SupportLimits.ticketSubjectLengthMax }),
            body: Type.String({ minLength: 1, maxLength: SupportLimits.ticketBodyLengthMax }),
            orderId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            imageIds: ImageIds,
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('Ticket') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const ticket = await openTicket(tx, deps, {
          customerId: customerIdOf(request),
          kind: request.body.kind,
          subject: request.body.subject,
          body: request.body.body,
          orderId: request.body.orderId ?? null,
          images: imagesOf(request.body.imageIds, customerIdOf(request)),
        });
        return present(tx, ticket);
      }),
  );

  app.get(
    '/v1/tickets',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'My tickets, newest first (without their messages)',
        response: { 200: Type.Object({ data: Type.Array(Ref('Ticket')) }) },
      },
    },
    async (request) => {
      const rows = await listMyTickets(db(), customerIdOf(request));
      return { data: rows.map((row) => presentTicket(row, [])) };
    },
  );

  app.get(
    '/v1/tickets/:id',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'One of my tickets with its messages',
        params: IdParams,
        response: { 200: Ref('Ticket') },
      },
    },
    async (request) => {
      return present(db(), await loadTicket(db(), request.params.id, { customerId: customerIdOf(request) }));
    },
  );

  app.post(
    '/v1/tickets/:id/messages',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'Write on my ticket (a ticket waiting for me, or resolved, goes back to the agent)',
        params: IdParams,
        body: Type.Object(
          { body: Type.String({ minLength: 1, maxLength: SupportLimits.messageLengthMax }), imageIds: ImageIds },
          { additionalProperties: false },
        ),
        response: { 201: Ref('Ticket') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const ticket = await postCustomerMessage(tx, deps, {
          customerId: customerIdOf(request),
          ticketId: request.params.id,
          body: request.body.body,
          images: imagesOf(request.body.imageIds, customerIdOf(request)),
        });
        return present(tx, ticket);
      }),
  );

  app.post(
    '/v1/tickets/:id/actions',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'Close, reopen or withdraw my ticket',
        params: IdParams,
        body: Type.Object(
          {
            action: Type.Unsafe<(typeof customerActions)[number]>(
              Type.Union(customerActions.map((a) => Type.Literal(a))),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ref('Ticket') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const ticket = await actOnTicket(tx, deps, {
          ticketId: request.params.id,
          action: request.body.action,
          actor: { kind: 'customer', customerId: customerIdOf(request) },
        });
        return present(tx, ticket);
      }),
  );

  app.get(
    '/v1/help/articles',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Help centre articles; q searches them (Chinese words are segmented), best first',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: SupportLimits.searchQueryLengthMax })),
          locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
        }),
        response: { 200: Type.Object({ data: Type.Array(Ref('HelpArticle')) }) },
      },
    },
    async (request) => ({
      data: (await searchArticles(db(), request.query.q, request.query.locale ?? 'zh-CN')).map(presentArticle),
    }),
  );

  app.get(
    '/v1/help/articles/:slug',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'One help centre article',
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }) }),
        response: { 200: Ref('HelpArticle') },
      },
    },
    async (request) => presentArticle(await getArticle(db(), request.params.slug)),
  );
};
