// The console's rental routes: every order with filters, one order with its timeline, cancelling
// before shipping, and the timers (read by anyone who reads orders, changed with orders.write).
import { listSkusForStaff, readSkuNames } from '@zulin/catalog';
import { customerLabels, searchCustomers, staffOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentOrder } from '../api-schemas';
import { cancelOrder } from '../cancel-order';
import type { RentalDeps } from '../deps';
import { RentalLimits } from '../limits';
import { getOrder, listOrders } from '../read-orders';
import { rentalTimers } from '../rental-settings';
import { rentalTimersSchema } from '../timers';
import { OrderStatusFilter, PageQuery } from './shared';

export const rentalAdminRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: RentalDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };

  app.get(
    '/v1/admin/rentals',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags: ['rentals'],
        summary:
          'Rental orders, newest first, by status, customer (phone, customer id or nickname), product or SKU, and time placed; each named (customer masked, product)',
        querystring: Type.Object(
          {
            status: OrderStatusFilter,
            skuId: Type.Optional(Type.String({ maxLength: 64 })),
            productId: Type.Optional(Type.String({ maxLength: 64, description: 'any SKU of this product' })),
            customer: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 64,
                description: 'a phone number or ID number (exact), a customer id, or part of a nickname',
              }),
            ),
            from: Type.Optional(Type.String({ format: 'date-time', description: 'placed at or after' })),
            to: Type.Optional(Type.String({ format: 'date-time', description: 'placed before' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            data: Type.Array(Ref('RentalOrder')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const db = ctx.database.db;
      const { customer, productId, from, to, ...rest } = request.query;
      const customerIds =
        customer === undefined
          ? undefined
          : (
              await searchCustomers(db, ctx.config.masterKey, {
                q: customer,
                limit: RentalLimits.customerSearchMatchesMax,
              })
            ).data.map((c) => c.id);
      const skuIds =
        productId === undefined
          ? undefined
          : (await listSkusForStaff(db, { productId, limit: RentalLimits.pageSizeMax })).data.map((sku) => sku.id);
      const page = await listOrders(db, {
        ...rest,
        ...(customerIds === undefined ? {} : { customerIds }),
        ...(skuIds === undefined ? {} : { skuIds }),
        ...(from === undefined ? {} : { from: new Date(from) }),
        ...(to === undefined ? {} : { to: new Date(to) }),
      });
      const orders = page.data.map((v) => v.order);
      const [labels, names] = await Promise.all([
        customerLabels(
          db,
          ctx.config.masterKey,
          orders.map((o) => o.customerId),
        ),
        readSkuNames(
          db,
          orders.map((o) => o.skuId),
        ),
      ]);
      return {
        data: page.data.map((v) => ({
          ...presentOrder(v),
          customerLabel: labels.get(v.order.customerId)?.label ?? null,
          productName: names.get(v.order.skuId) ?? null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/v1/admin/rentals/:id',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags: ['rentals'],
        summary: 'One rental order with its timeline (every transition, who and when)',
        params: IdParams,
        response: { 200: Ref('RentalOrder') },
      },
    },
    async (request) => presentOrder(await getOrder(ctx.database.db, request.params.id)),
  );

  app.post(
    '/v1/admin/rentals/:id/cancel',
    {
      config: { auth: { permission: 'orders.write' } },
      schema: {
        tags: ['rentals'],
        summary: 'Cancel an order before it ships; the phone goes back in stock',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Ref('RentalOrder') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const order = await cancelOrder(tx, deps, {
          orderId: request.params.id,
          by: { actor: 'staff', audit: staffOf(request) },
          reason: request.body.reason,
        });
        return presentOrder(await getOrder(tx, order.id));
      }),
  );

  app.get(
    '/v1/admin/rental-timers',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags: ['rentals'],
        summary: 'The rental timers in force (unpaid-order cancellation, quote validity, reminders, retries)',
        response: { 200: Ref('RentalTimers') },
      },
    },
    async () => {
      const stored = await rentalTimers.read(ctx.database.db);
      return { timers: stored.value, ...(await rentalTimers.present(ctx.database.db, stored)) };
    },
  );

  app.put(
    '/v1/admin/rental-timers',
    {
      config: { auth: { permission: 'orders.write' } },
      schema: {
        tags: ['rentals'],
        summary: 'Change the rental timers; fields left out take their default (audited)',
        body: Type.Partial(rentalTimersSchema),
        response: { 200: Ref('RentalTimers') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const saved = await rentalTimers.save(tx, {
          input: request.body,
          staff: staffOf(request),
          now: ctx.clock.now(),
        });
        return { timers: saved.value, ...(await rentalTimers.present(tx, saved)) };
      }),
  );
};
