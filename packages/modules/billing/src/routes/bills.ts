// Bills: a customer's own bills and paying them from the wallet; staff search and manual charges.
import type { Executor } from '@zulin/db';
import { customerIdOf, staffOf } from '@zulin/identity';
import { inSnapshot } from '@zulin/ledger';
import { paymentChannelClient, submitPayment } from '@zulin/payments';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { ChannelPaymentSchema, presentBill, presentChannelPayment, presentPayment } from '../api-schemas';
import type { BillingDeps } from '../deps';
import { issueManualCharge } from '../issue-manual-charge';
import { billLineKinds } from '../kinds';
import { BillingLimits } from '../limits';
import { payBillFromWallet } from '../pay-bill';
import type { BillChannel } from '../pay-bill-by-channel';
import { type BillView, getBill, listBills, outstandingSummary } from '../read-bills';
import { recordBillChannelPayment } from '../record-bill-channel-payment';
import { presentBillsForStaff } from '../staff-bill-views';
import { BillPage, DateString, PageQuery, StatusFilter } from './shared';

export const billRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: BillingDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone };
  /** Staff read bills with the customer and the issuer by name, and the waiver's internal reason. */
  const presentForStaff = (tx: Executor, bills: readonly BillView[]) =>
    presentBillsForStaff(tx, ctx.config.masterKey, bills);

  app.get(
    '/v1/bills',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['bills'],
        summary: 'My bills (rent, installments, fees), with what is still owed',
        querystring: Type.Object({ status: StatusFilter, ...PageQuery }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            data: Type.Array(Ref('Bill')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            summary: Type.Object({
              unpaidMinor: Type.Integer(),
              overdueMinor: Type.Integer(),
              unpaidBills: Type.Integer(),
            }),
          }),
        },
      },
    },
    async (request) => {
      // The caller's own id, never one from the query string.
      const customerId = customerIdOf(request);
      const { status, limit, cursor } = request.query;
      const [page, summary] = await inSnapshot(
        ctx.database,
        async (tx) =>
          [
            await listBills(tx, deps, { customerId, status, limit, cursor }),
            await outstandingSummary(tx, customerId),
          ] as const,
      );
      return { data: page.data.map(presentBill), nextCursor: page.nextCursor, summary };
    },
  );

  app.get(
    '/v1/bills/:id',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['bills'],
        summary: 'One of my bills, its lines and payments',
        params: IdParams,
        response: { 200: Ref('Bill') },
      },
    },
    async (request) =>
      presentBill(await inSnapshot(ctx.database, (tx) => getBill(tx, deps, request.params.id, customerIdOf(request)))),
  );

  app.post(
    '/v1/bills/:id/pay',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['bills'],
        summary:
          'Pay a bill, in full (default) or in part: from the wallet at once, or through Alipay or WeChat Pay (answers the cashier to pay at; the bill is paid when the channel confirms)',
        params: IdParams,
        body: Type.Object(
          {
            method: Type.Unsafe<'wallet' | BillChannel>(
              Type.Union([Type.Literal('wallet'), Type.Literal('alipay'), Type.Literal('wechatpay')], {
                description: 'wallet balance, or a payment channel',
              }),
            ),
            amountMinor: Type.Optional(Type.Integer({ minimum: 1, description: 'defaults to what is still owed' })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            payment: Type.Optional(Ref('BillPayment')),
            channelPayment: Type.Optional(ChannelPaymentSchema),
            bill: Ref('Bill'),
          }),
        },
      },
    },
    async (request, reply) => {
      const { amountMinor, method } = request.body;
      const customerId = customerIdOf(request);
      if (method === 'wallet') {
        return command(ctx, request, reply, { status: 201 }, async (tx) => {
          const result = await payBillFromWallet(tx, deps, {
            billId: request.params.id,
            customerId,
            ...(amountMinor === undefined ? {} : { amountMinor }),
          });
          return { payment: presentPayment(result.payment), bill: presentBill(result.bill) };
        });
      }
      // The attempt and the key's answer commit together; the channel is called after the commit
      // (never inside the transaction, never before the attempt is recorded). A retry with the same
      // key is answered this same attempt; one left unsubmitted is sent by payments' sweep.
      const client = await paymentChannelClient(ctx, method);
      const answer = await command(ctx, request, reply, { status: 201 }, async (tx) => {
        const order = await recordBillChannelPayment(tx, deps, {
          billId: request.params.id,
          customerId,
          channel: method,
          ...(amountMinor === undefined ? {} : { amountMinor }),
        });
        return {
          channelPayment: presentChannelPayment(order),
          bill: presentBill(await getBill(tx, deps, request.params.id, customerId)),
        };
      });
      if (answer.channelPayment?.state === 'created') {
        try {
          await submitPayment(ctx.database, { clock: ctx.clock, client }, answer.channelPayment.id);
        } catch (error) {
          request.log.warn(
            { err: error, paymentId: answer.channelPayment.id },
            'submitting the payment failed; the sweep retries',
          );
        }
      }
      return answer;
    },
  );

  app.get(
    '/v1/admin/bills',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags: ['bills'],
        summary: 'Search bills by customer, status, source and due date',
        querystring: Type.Object({
          customerId: Type.Optional(Type.String({ maxLength: 64 })),
          status: StatusFilter,
          sourceType: Type.Optional(Type.String({ maxLength: BillingLimits.sourceTypeLengthMax })),
          sourceId: Type.Optional(Type.String({ maxLength: BillingLimits.sourceIdLengthMax })),
          dueFrom: Type.Optional(DateString),
          dueTo: Type.Optional(DateString),
          ...PageQuery,
        }),
        response: { 200: BillPage },
      },
    },
    async (request) =>
      inSnapshot(ctx.database, async (tx) => {
        const page = await listBills(tx, deps, request.query);
        return { data: await presentForStaff(tx, page.data), nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/v1/admin/bills/:id',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags: ['bills'],
        summary: 'One bill with its lines and payments',
        params: IdParams,
        response: { 200: Ref('AdminBill') },
      },
    },
    async (request) =>
      inSnapshot(
        ctx.database,
        async (tx) => (await presentForStaff(tx, [await getBill(tx, deps, request.params.id)]))[0],
      ),
  );

  app.post(
    '/v1/admin/bills',
    {
      config: { auth: { permission: 'bills.write' } },
      schema: {
        tags: ['bills'],
        summary: 'Issue a one-off charge to a customer (a fee, damage, a penalty); audited',
        body: Type.Object(
          {
            customerId: Type.String({ maxLength: 64 }),
            title: Type.String({ minLength: 1, maxLength: BillingLimits.titleLengthMax }),
            dueDate: DateString,
            lines: Type.Array(
              Type.Object(
                {
                  kind: Type.Unsafe<(typeof billLineKinds)[number]>(
                    Type.Union(billLineKinds.map((k) => Type.Literal(k))),
                  ),
                  description: Type.String({ minLength: 1, maxLength: BillingLimits.descriptionLengthMax }),
                  amountMinor: Type.Integer({ minimum: 1, maximum: BillingLimits.billMaxMinor }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: BillingLimits.linesMax },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('AdminBill') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const [bill] = await presentForStaff(tx, [
          await issueManualCharge(tx, deps, { staff: staffOf(request), ...request.body }),
        ]);
        return bill;
      }),
  );
};
