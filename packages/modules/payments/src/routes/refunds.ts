// Refunds as staff see them: the queue waiting for a second staff member, and approving or rejecting.
import { staffNames, staffOf } from '@zulin/identity';
import { command, IdParams, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentRefund, RefundStateSchema, refundStaffIds } from '../api-schemas';
import { decideRefund } from '../decide-refund';
import { PaymentsErrors } from '../errors';
import { PaymentsLimits } from '../limits';
import {
  type PaymentsSettings,
  readPaymentsSettings,
  savePapayNoticeLead,
  savePaymentsSettings,
} from '../payments-settings';
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
    papayNoticeLeadSeconds: Type.Integer({
      description:
        'WeChat entrusted debit: a charge is deducted this many seconds after its pre-debit notice (86400–259200, 1–3 days; default 86400)',
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
      schema: {
        tags,
        summary:
          "Payments' settings: the refund approval threshold and WeChat entrusted debit's pre-debit notice lead time",
        response: { 200: Settings },
      },
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
        summary:
          'Change the refund approval threshold (0 = every refund needs a second staff member) and/or the pre-debit notice lead time (1–3 days); audited',
        body: Type.Object(
          {
            refundApprovalAboveMinor: Type.Optional(
              Type.Integer({ minimum: 0, maximum: PaymentsLimits.paymentMaxMinor }),
            ),
            papayNoticeLeadSeconds: Type.Optional(
              Type.Integer({
                minimum: PaymentsLimits.papayNoticeLeadMinSeconds,
                maximum: PaymentsLimits.papayNoticeLeadMaxSeconds,
              }),
            ),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Settings },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const { refundApprovalAboveMinor, papayNoticeLeadSeconds } = request.body;
        // The platform drops unknown fields: a body left with neither setting changes nothing and says so.
        if (refundApprovalAboveMinor === undefined && papayNoticeLeadSeconds === undefined)
          throw PaymentsErrors.PAYMENTS_SETTING_INVALID({
            detail: 'Give refundApprovalAboveMinor, papayNoticeLeadSeconds or both.',
            errors: [{ path: '/body', message: 'refundApprovalAboveMinor or papayNoticeLeadSeconds' }],
          });
        const staff = staffOf(request);
        const now = ctx.clock.now();
        if (refundApprovalAboveMinor !== undefined)
          await savePaymentsSettings(tx, { refundApprovalAboveMinor, staff, now });
        if (papayNoticeLeadSeconds !== undefined) await savePapayNoticeLead(tx, { papayNoticeLeadSeconds, staff, now });
        return present(tx, await readPaymentsSettings(tx));
      }),
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
