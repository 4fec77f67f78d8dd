// SLA alerts on the console: the open ones for me and for the desk (the badge), and acknowledging one.
import { staffOf } from '@zulin/identity';
import { command, IdParams, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import type { SupportDeps } from '../deps';
import { acknowledgeSlaAlert, listOpenSlaAlerts, type SlaAlertRow, slaAlertKinds } from '../sla-alerts';

const tags = ['support'];
const SlaAlertSchema = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  kind: Type.Unsafe<(typeof slaAlertKinds)[number]>(Type.Union(slaAlertKinds.map((k) => Type.Literal(k)))),
  /** Null: raised for the whole desk (the ticket had no assignee). */
  assigneeId: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.String({ format: 'date-time' }),
  raisedAt: Type.String({ format: 'date-time' }),
  acknowledgedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const present = (a: SlaAlertRow) => ({
  id: a.id,
  ticketId: a.ticketId,
  kind: a.kind,
  assigneeId: a.assigneeId,
  dueAt: a.dueAt.toISOString(),
  raisedAt: a.raisedAt.toISOString(),
  acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
});

export const slaAlertRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: SupportDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone };

  app.get(
    '/v1/admin/tickets/sla-alerts',
    {
      config: { auth: { permission: 'support.read' } },
      schema: {
        tags,
        summary: "Open SLA alerts for me and for the desk (the console's badge), newest first",
        response: { 200: Type.Object({ data: Type.Array(SlaAlertSchema) }) },
      },
    },
    async (request) => ({
      data: (await listOpenSlaAlerts(ctx.database.db, staffOf(request).staffId)).map(present),
    }),
  );

  app.post(
    '/v1/admin/tickets/sla-alerts/:id/acknowledge',
    {
      config: { auth: { permission: 'support.handle' } },
      schema: { tags, summary: 'Acknowledge an SLA alert', params: IdParams, response: { 200: SlaAlertSchema } },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        present(await acknowledgeSlaAlert(tx, deps, { staff: staffOf(request), alertId: request.params.id })),
      ),
  );
};
