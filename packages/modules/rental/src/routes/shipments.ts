// The shipping desk's routes (issue #14): the queue of paid orders waiting to ship, and shipping one —
// `POST /v1/admin/shipments` with the order and the scanned IMEI: the carrier's waybill and collection
// are asked for before the command (an outside system), then one transaction allocates the phone,
// records the shipment and moves the order paid → shipped. The shipment list, one shipment and its
// label are logistics' routes under the same path.
import { staffOf } from '@zulin/identity';
import { getShipment, ShipmentDetailInline, shippingCarrier } from '@zulin/logistics';
import { command, IdString, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentOrder } from '../api-schemas';
import type { RentalDeps } from '../deps';
import { getOrder } from '../read-orders';
import { prepareShipment, shipPreparedOrder } from '../ship-order';
import { readShippingQueue } from '../shipping-queue';

const tags = ['shipments (admin)'];

const QueueEntry = Type.Object({
  orderId: Type.String(),
  paidAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  skuId: Type.String(),
  product: Type.String({ description: 'brand, model, storage and colour' }),
  recipientName: Type.String({ description: 'masked' }),
  recipientPhone: Type.String({ description: 'masked' }),
  city: Type.String(),
  reservedUnitId: Type.Union([Type.String(), Type.Null()]),
  reservedImei: Type.Union([Type.String(), Type.Null()]),
});

export const rentalShipmentRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: RentalDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };

  app.get(
    '/v1/admin/shipments/queue',
    {
      config: { auth: { permission: 'logistics.read' } },
      schema: {
        tags,
        summary: 'Paid rental orders waiting to ship, oldest paid first, with the phone reserved for each',
        response: { 200: Type.Object({ data: Type.Array(QueueEntry) }) },
      },
    },
    async () => ({ data: await readShippingQueue(ctx.database, deps) }),
  );

  app.post(
    '/v1/admin/shipments',
    {
      config: { auth: { permission: 'logistics.write' } },
      schema: {
        tags,
        summary: 'Ship a paid rental order: allocate the scanned phone, create the waybill, book the courier',
        description:
          'Send an Idempotency-Key. 422 INVENTORY_UNIT_SKU_MISMATCH for a phone of another SKU; 409 ' +
          'INVENTORY_UNIT_UNAVAILABLE for a phone held by another order or not in stock; 404 INVENTORY_UNIT_NOT_FOUND ' +
          'for an unknown IMEI; 409 RENTAL_TRANSITION_NOT_ALLOWED for an order that is not paid (shipped already).',
        body: Type.Object(
          {
            orderId: IdString('the paid rental order'),
            imei: Type.String({ pattern: '^[0-9]{15}$', description: 'the scanned phone' }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ shipment: ShipmentDetailInline, order: Ref('RentalOrder') }),
        },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const carrier = shippingCarrier(ctx, ctx.database.db);
      const prepared = await prepareShipment(ctx.database, deps, carrier, request.body);
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { shipment } = await shipPreparedOrder(tx, deps, { prepared, staff });
        return {
          shipment: await getShipment(tx, shipment.id),
          order: presentOrder(await getOrder(tx, prepared.orderId)),
        };
      });
    },
  );
};
