// Refunds as staff see them: the queue waiting for a second staff member, and approving or rejecting.
import { staffOf } from '@zulin/identity';
import { command, IdParams, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentRefund, RefundStateSchema } from '../api-schemas';
import { decideRefund } from '../decide-refund';
import { listRefunds } from '../refunds';

const tags = ['payments'];

export const refundRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/admin/refunds',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags,
        summary: 'Refunds by state (awaiting_approval: the four-eyes queue), longest waiting first',
        querystring: Type.Object(
          { state: Type.Optional(RefundStateSchema), ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(Ref('PaymentRefund')) },
      },
    },
    async (request) => {
      const page = await listRefunds(ctx.database.db, request.query);
      return { data: page.data.map(presentRefund), nextCursor: page.nextCursor };
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/v1/admin/refunds/:id/${decision}`,
      {
        config: { auth: { permission: 'payments.refund' } },
        schema: {
          tags,
          summary:
            decision === 'approve'
              ? 'Approve a refund waiting for a second staff member (never its requester); it is then sent'
              : 'Reject a refund waiting for a second staff member; its amount may be refunded again',
          params: IdParams,
          response: { 200: Ref('PaymentRefund') },
        },
      },
      (request, reply) =>
        command(ctx, request, reply, {}, async (tx) =>
          presentRefund(
            await decideRefund(
              tx,
              { clock: ctx.clock },
              { refundId: request.params.id, staffId: staffOf(request).staffId, approve: decision === 'approve' },
            ),
          ),
        ),
    );
  }
};
