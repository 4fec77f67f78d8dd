// The console's rental routes: every order with filters, one order with its timeline, cancelling
// before shipping, and the timers (read by anyone who reads orders, changed with orders.write).
import { staffOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentOrder, presentTimers } from '../api-schemas';
import { cancelOrder } from '../cancel-order';
import type { RentalDeps } from '../deps';
import { getOrder, listOrders } from '../read-orders';
import { readRentalTimers, saveRentalTimers } from '../rental-settings';
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
        summary: 'Rental orders, newest first, by status or SKU',
        querystring: Type.Object(
          { status: OrderStatusFilter, skuId: Type.Optional(Type.String({ maxLength: 64 })), ...PageQuery },
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
      const page = await listOrders(ctx.database.db, request.query);
      return { data: page.data.map(presentOrder), nextCursor: page.nextCursor };
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
    async () => presentTimers(await readRentalTimers(ctx.database.db)),
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
      command(ctx, request, reply, {}, async (tx) =>
        presentTimers(
          await saveRentalTimers(tx, { input: request.body, staff: staffOf(request), now: ctx.clock.now() }),
        ),
      ),
  );
};
