// Refunds as staff see them: the queue waiting for a second staff member, and approving or rejecting.
import { staffNames, staffOf } from '@zulin/identity';
import { command, IdParams, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentRefund, RefundStateSchema, refundStaffIds } from '../api-schemas';
import { decideRefund } from '../decide-refund';
import { PaymentsLimits } from '../limits';
import { type PaymentsSettings, readPaymentsSettings, savePaymentsSettings } from '../payments-settings';
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
      const names = await staffNames(ctx.database.db, refundStaffIds(page.data));
      return { data: page.data.map((r) => presentRefund(r, names)), nextCursor: page.nextCursor };
    },
  );

  const Settings = Type.Object({
    refundApprovalAboveMinor: Type.Integer({
      description: 'a refund of more than this many 分 waits for a second staff member (default 50000, ¥500)',
    }),
    updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'null while the default applies' }),
    updatedByName: Type.Union([Type.String(), Type.Null()], {
      description: "the changer's display name (else username)",
    }),
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  });
  const present = async (db: Parameters<typeof staffNames>[0], s: PaymentsSettings) => ({
    ...s,
    updatedByName: s.updatedBy ? ((await staffNames(db, [s.updatedBy])).get(s.updatedBy) ?? null) : null,
    updatedAt: s.updatedAt?.toISOString() ?? null,
  });

  app.get(
    '/v1/admin/payments-settings',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: { tags, summary: "Payments' settings: the refund approval threshold", response: { 200: Settings } },
    },
    async () => present(ctx.database.db, await readPaymentsSettings(ctx.database.db)),
  );

  app.put(
    '/v1/admin/payments-settings',
    {
      // Loosening a four-eyes control is not for those it controls: administrators only (audited).
      config: { auth: { permission: 'staff.manage' } },
      schema: {
        tags,
        summary: 'Change the refund approval threshold (0 = every refund needs a second staff member); audited',
        body: Type.Object(
          { refundApprovalAboveMinor: Type.Integer({ minimum: 0, maximum: PaymentsLimits.paymentMaxMinor }) },
          { additionalProperties: false },
        ),
        response: { 200: Settings },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        present(
          tx,
          await savePaymentsSettings(tx, {
            refundApprovalAboveMinor: request.body.refundApprovalAboveMinor,
            staff: staffOf(request),
            now: ctx.clock.now(),
          }),
        ),
      ),
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
        command(ctx, request, reply, {}, async (tx) => {
          const refund = await decideRefund(
            tx,
            { clock: ctx.clock },
            { refundId: request.params.id, staffId: staffOf(request).staffId, approve: decision === 'approve' },
          );
          return presentRefund(refund, await staffNames(tx, refundStaffIds([refund])));
        }),
    );
  }
};
