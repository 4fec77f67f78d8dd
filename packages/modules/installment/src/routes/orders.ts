// Installment orders (API.md): placing one, reading one (its owner only; a stranger gets 404), and
// prepaying — the quote and the booking run the same function (prepay-order.ts).
import { customerIdOf } from '@zulin/identity';
import { AddressBody } from '@zulin/logistics';
import { command, IdParams, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { riskDeps } from '@zulin/risk';
import { Type } from 'typebox';
import { OrderPrepayBody, OrderStatusFilter } from '../api-schemas';
import type { InstallmentDeps } from '../deps';
import { installmentDeps } from '../deps';
import { listOrders, loadOrder, viewOrder } from '../orders';
import { placeInstallmentOrder, prepareInstallmentOrder } from '../place-order';
import { prepayOrder, quoteOrderPrepayment } from '../prepay-order';

export const orderRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: InstallmentDeps = installmentDeps(ctx);

  app.post(
    '/v1/installment-orders',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['installments'],
        summary: 'Buy a phone on installments: quote, credit decision, contract draft and the down-payment bill',
        description: 'Send an Idempotency-Key: the same key again answers the same order.',
        body: Type.Object(
          {
            skuId: Type.String({ minLength: 1, maxLength: 64 }),
            offerId: Type.String({ minLength: 1, maxLength: 64 }),
            address: Type.Optional(AddressBody),
            deviceFingerprint: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('InstallmentOrder') },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      const orderDeps = { ...deps, risk: riskDeps(ctx) };
      // The outside systems are asked before the command's transaction opens.
      const prepared = await prepareInstallmentOrder(ctx.database.db, orderDeps, {
        customerId,
        input: {
          skuId: request.body.skuId,
          offerId: request.body.offerId,
          address: request.body.address ?? null,
          deviceFingerprint: request.body.deviceFingerprint ?? null,
          ip: request.ip,
        },
      });
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        const order = await placeInstallmentOrder(tx, orderDeps, prepared);
        return viewOrder(tx, deps, order);
      });
    },
  );

  app.get(
    '/v1/installment-orders',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['installments'],
        summary: 'My installment orders, newest first, each with its schedule and the periods paid',
        querystring: Type.Object({ status: OrderStatusFilter, ...PageQuery }, { additionalProperties: false }),
        response: { 200: PageOf(Ref('InstallmentOrder')) },
      },
    },
    async (request) => listOrders(ctx.database.db, deps, { customerId: customerIdOf(request), ...request.query }),
  );

  app.get(
    '/v1/installment-orders/:id',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['installments'],
        summary: 'One of my installment orders: the annualised rate, the schedule with its bills, prepayments',
        params: IdParams,
        response: { 200: Ref('InstallmentOrder') },
      },
    },
    async (request) => {
      const order = await loadOrder(ctx.database.db, request.params.id, { customerId: customerIdOf(request) });
      return viewOrder(ctx.database.db, deps, order);
    },
  );

  app.post(
    '/v1/installment-orders/:id/prepay-quote',
    {
      config: { auth: 'customer', effects: 'none' },
      schema: {
        tags: ['installments'],
        summary: 'What prepaying part (reduce term or installment) or paying off my order costs today',
        params: IdParams,
        body: OrderPrepayBody,
        response: { 200: Ref('InstallmentOrderPrepayment') },
      },
    },
    async (request) =>
      quoteOrderPrepayment(ctx.database.db, deps, {
        orderId: request.params.id,
        customerId: customerIdOf(request),
        request: request.body,
      }),
  );

  app.post(
    '/v1/installment-orders/:id/prepay',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['installments'],
        summary: 'Prepay part of my order or pay it off, from my wallet, exactly as the prepay quote showed',
        params: IdParams,
        body: OrderPrepayBody,
        response: { 200: Ref('InstallmentOrderPrepayment') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        prepayOrder(tx, deps, { orderId: request.params.id, customerId: customerIdOf(request), request: request.body }),
      ),
  );
};
