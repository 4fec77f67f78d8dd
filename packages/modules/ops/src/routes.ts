// The operations API for the console: outbox deliveries, inbox messages, ticks and sweeps, and
// retrying a dead delivery. Thin: validate, authorize, call the use case, shape the reply.
import { staffOf } from '@zulin/identity';
import { command, PageOf, Ref, type RoutesPlugin } from '@zulin/platform';
import {
  DashboardSchema,
  DeliveryQuery,
  InboxQuery,
  OpsDeliverySchema,
  OpsInboxMessageSchema,
  OpsScheduledWorkSchema,
  presentDelivery,
  presentInboxMessage,
  presentScheduledWork,
  RetryBody,
  ScheduleQuery,
} from './api-schemas';
import { listDeliveries } from './list-deliveries';
import { listInboxMessages } from './list-inbox-messages';
import { listSchedule } from './list-schedule';
import { readDashboard } from './read-dashboard';
import { retryDelivery } from './retry-delivery';

const tags = ['admin: operations'];

export const opsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.addSchema(OpsDeliverySchema);
  app.addSchema(OpsInboxMessageSchema);
  app.addSchema(OpsScheduledWorkSchema);
  app.addSchema(DashboardSchema);

  app.get(
    '/v1/admin/ops/deliveries',
    {
      config: { auth: { permission: 'ops.read' } },
      schema: {
        tags,
        summary: 'Outbox deliveries (one per event and subscriber), newest event first',
        querystring: DeliveryQuery,
        response: { 200: PageOf(Ref('OpsDelivery')) },
      },
    },
    async (request) => {
      const page = await listDeliveries(ctx.database.db, request.query);
      return { data: page.data.map(presentDelivery), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/admin/ops/deliveries/retry',
    {
      config: { auth: { permission: 'ops.write' } },
      schema: {
        tags,
        summary: 'Retry a dead delivery: back in the queue now, attempts from zero (audited)',
        body: RetryBody,
        response: { 200: Ref('OpsDelivery') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentDelivery(
          await retryDelivery(tx, { clock: ctx.clock }, { actor: staffOf(request), ip: request.ip, ...request.body }),
        ),
      ),
  );

  app.get(
    '/v1/admin/ops/inbox',
    {
      config: { auth: { permission: 'ops.read' } },
      schema: {
        tags,
        summary: 'Inbound webhook messages and their state, newest first',
        querystring: InboxQuery,
        response: { 200: PageOf(Ref('OpsInboxMessage')) },
      },
    },
    async (request) => {
      const page = await listInboxMessages(ctx.database.db, request.query);
      return { data: page.data.map(presentInboxMessage), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/admin/ops/schedule',
    {
      config: { auth: { permission: 'ops.read' } },
      schema: {
        tags,
        summary: 'Ticks and sweeps with their last run and next run',
        querystring: ScheduleQuery,
        response: { 200: PageOf(Ref('OpsScheduledWork')) },
      },
    },
    async (request) => {
      const deps = { clock: ctx.clock, timeZone: ctx.config.timeZone, schedule: app.schedule };
      const page = await listSchedule(ctx.database.db, deps, request.query);
      return { data: page.data.map(presentScheduledWork), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/staff/dashboard',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: "The console's overview: the figures of every module the caller's permissions allow",
        response: { 200: Ref('Dashboard') },
      },
    },
    async (request) => {
      const deps = {
        clock: ctx.clock,
        timeZone: ctx.config.timeZone,
        figures: app.dashboardFigures,
        onError: (key: string, error: unknown) =>
          request.log.error({ err: error, figure: key }, 'dashboard figure failed'),
      };
      return readDashboard(ctx.database.db, deps, { permissions: staffOf(request).permissions });
    },
  );
};
