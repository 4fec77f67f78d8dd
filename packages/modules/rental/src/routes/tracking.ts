// The customer's parcel tracking on the order page: the outbound parcel and the return pick-up (and a
// fault's parcels), each with its carrier, waybill, state and events in the business time zone. Read
// from logistics through its index; the order must be the caller's (404 otherwise).
import { customerIdOf } from '@zulin/identity';
import { orderTracking, type ShipmentState, shipmentStates } from '@zulin/logistics';
import { IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { getOrder } from '../read-orders';

const State = Type.Unsafe<ShipmentState>(Type.Union(shipmentStates.map((s) => Type.Literal(s))));

export const RentalTrackingSchema = Type.Object(
  {
    orderId: Type.String(),
    parcels: Type.Array(
      Type.Object({
        direction: Type.Unsafe<'outbound' | 'return'>(Type.Union([Type.Literal('outbound'), Type.Literal('return')])),
        carrier: Type.String(),
        waybillNo: Type.String(),
        state: State,
        deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        events: Type.Array(
          Type.Object({
            state: State,
            at: Type.String({ format: 'date-time' }),
            localTime: Type.String({ description: 'YYYY-MM-DD HH:mm in the business time zone' }),
            location: Type.String(),
            description: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
            exceptionReason: Type.Union([Type.String(), Type.Null()]),
          }),
        ),
      }),
    ),
  },
  { $id: 'RentalTracking', title: 'RentalTracking' },
);

export const rentalTrackingRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/rentals/:id/tracking',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'My order’s parcels: carrier, waybill, state and tracking events, oldest first',
        params: IdParams,
        response: { 200: Ref('RentalTracking') },
      },
    },
    async (request) => {
      const db = ctx.database.db;
      const { order } = await getOrder(db, request.params.id, { customerId: customerIdOf(request) });
      return { orderId: order.id, parcels: await orderTracking(db, order.id, ctx.config.timeZone) };
    },
  );
};
