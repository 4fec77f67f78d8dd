// Payments: a payer's own payment, staff search and detail, and a staff member asking for a refund.
import { customerIdOf, customerLabels, staffNames, staffOf } from '@zulin/identity';
import { newId } from '@zulin/kernel';
import { postingsOf } from '@zulin/ledger';
import { command, IdParams, Instant, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import {
  PaymentChangeSchema,
  PaymentChannelSchema,
  PaymentStateSchema,
  presentPayment,
  presentRefund,
  presentStaffPayment,
  refundStaffIds,
} from '../api-schemas';
import { PaymentsLimits } from '../limits';
import { getPaymentOrder, listPaymentOrders, paymentOrderChanges } from '../payment-orders';
import { readPaymentsSettings } from '../payments-settings';
import { refundable, refundsOfOrder } from '../refunds';
import { requestRefund } from '../request-refund';

const tags = ['payments'];

export const paymentRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/payments/:id',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'One of my payments and its state (another customer’s answers 404)',
        params: IdParams,
        response: { 200: Ref('Payment') },
      },
    },
    async (request) => presentPayment(await getPaymentOrder(ctx.database.db, request.params.id, customerIdOf(request))),
  );

  app.get(
    '/v1/admin/payments',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags,
        summary: 'Search payments by state, channel, customer and creation time (newest first)',
        querystring: Type.Object(
          {
            state: Type.Optional(PaymentStateSchema),
            channel: Type.Optional(PaymentChannelSchema),
            customerId: Type.Optional(Type.String({ maxLength: 64 })),
            from: Type.Optional({ ...Instant, description: 'created at or after' }),
            to: Type.Optional({ ...Instant, description: 'created before' }),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(Ref('StaffPayment')) },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      const page = await listPaymentOrders(ctx.database.db, {
        ...rest,
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
      });
      const labels = await customerLabels(ctx.database.db, ctx.config.masterKey, [
        ...new Set(page.data.map((o) => o.customerId)),
      ]);
      const data = [];
      for (const o of page.data) {
        data.push({
          ...presentStaffPayment(o, await refundableOf(o)),
          customerLabel: labels.get(o.customerId)?.label ?? null,
        });
      }
      return { data, nextCursor: page.nextCursor };
    },
  );

  const refundableOf = async (o: { id: string; amountMinor: number; state: string }) =>
    o.state === 'succeeded' ? refundable(ctx.database.db, o) : 0;

  app.get(
    '/v1/admin/payments/:id',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags,
        summary: 'One payment with its state changes and refunds',
        params: IdParams,
        response: {
          200: Type.Object({
            payment: Ref('StaffPayment'),
            customerLabel: Type.Union([Type.String(), Type.Null()], {
              description: 'the payer, masked name and phone',
            }),
            changes: Type.Array(PaymentChangeSchema),
            refunds: Type.Array(Ref('PaymentRefund')),
            transfers: Type.Array(
              Type.Object({
                id: Type.String(),
                kind: Type.String(),
                amountMinor: Type.Integer(),
                debitAccountName: Type.String(),
                creditAccountName: Type.String(),
                debitAccountCode: Type.Integer({ description: 'the chart code; the console names the account by it' }),
                creditAccountCode: Type.Integer(),
                recordedAt: Instant,
              }),
              { description: 'the ledger postings of the payment and its refunds, oldest first' },
            ),
          }),
        },
      },
    },
    async (request) => {
      const db = ctx.database.db;
      const order = await getPaymentOrder(db, request.params.id);
      const changes = await paymentOrderChanges(db, order.id);
      const labels = await customerLabels(db, ctx.config.masterKey, [order.customerId]);
      const transfers = await postingsOf(db, {
        references: [order.id],
        perReferenceMax: PaymentsLimits.paymentTransfersListMax,
      });
      return {
        payment: presentStaffPayment(order, await refundableOf(order)),
        customerLabel: labels.get(order.customerId)?.label ?? null,
        transfers: transfers.map((t) => ({
          id: t.id,
          kind: t.kind,
          amountMinor: t.amountMinor,
          debitAccountName: t.debit.name,
          creditAccountName: t.credit.name,
          debitAccountCode: t.debit.code,
          creditAccountCode: t.credit.code,
          recordedAt: t.recordedAt.toISOString(),
        })),
        changes: changes.map((c) => ({
          fromState: c.fromState,
          toState: c.toState,
          source: c.source,
          transferId: c.transferId,
          at: c.at.toISOString(),
        })),
        refunds: await refundsOfOrder(db, order.id).then(async (refunds) => {
          const names = await staffNames(db, refundStaffIds(refunds));
          return refunds.map((r) => presentRefund(r, names));
        }),
      };
    },
  );

  app.post(
    '/v1/payments/:id/refunds',
    {
      config: { auth: { permission: 'payments.refund' } },
      schema: {
        tags,
        summary:
          'Refund a paid payment in full or in part (staff); above the approval threshold (GET /v1/admin/payments-settings, default ¥500) it waits for a second staff member',
        params: IdParams,
        body: Type.Object(
          {
            amountMinor: Type.Integer({ minimum: 1, maximum: PaymentsLimits.paymentMaxMinor }),
            reason: Type.String({ minLength: 1, maxLength: PaymentsLimits.descriptionLengthMax }),
            outRequestNo: Type.Optional(
              Type.String({
                pattern: '^[A-Za-z0-9_-]{1,64}$',
                description: 'the caller’s request number: asking again with it answers the same refund',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('PaymentRefund') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { amountMinor, reason, outRequestNo } = request.body;
        const { refundApprovalAboveMinor } = await readPaymentsSettings(tx);
        const refund = await requestRefund(
          tx,
          { clock: ctx.clock, approvalAboveMinor: refundApprovalAboveMinor },
          {
            orderId: request.params.id,
            outRequestNo: outRequestNo ?? newId('prq', ctx.clock),
            amountMinor,
            reason,
            staffId: staffOf(request).staffId,
          },
        );
        return presentRefund(refund, await staffNames(tx, refundStaffIds([refund])));
      }),
  );
};
