// The shipping desk's routes (issue #14): the queue of paid orders waiting to ship, and shipping one —
// `POST /v1/admin/shipments` with the order and the scanned IMEI: the carrier's waybill and collection
// are asked for before the command (an outside system), then one transaction allocates the phone,
// records the shipment and moves the order paid → shipped. The shipment list, one shipment and its
// label are logistics' routes under the same path.
import { staffOf } from '@zulin/identity';
import { getShipment, ShipmentDetailInline, shippingCarrier } from '@zulin/logistics';
import { command, IdParams, IdString, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentOrder } from '../api-schemas';
import { cancelLostOrder } from '../cancel-lost-order';
import { confirmParcelLost } from '../confirm-parcel-lost';
import type { RentalDeps } from '../deps';
import { getOrder } from '../read-orders';
import { prepareReship, reshipPreparedOrder } from '../reship-order';
import { prepareShipment, shipPreparedOrder } from '../ship-order';
import { readShippingQueue } from '../shipping-queue';
import { presentClaims } from './carrier-claims';

const tags = ['shipments (admin)'];

const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200, description: 'why (kept on the parcel and the order)' }) },
  { additionalProperties: false },
);
const Imei = Type.String({ pattern: '^[0-9]{15}$', description: 'the scanned phone' });

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
            imei: Imei,
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

  app.post(
    '/v1/admin/shipments/:id/confirm-lost',
    {
      config: { auth: { permission: 'logistics.write' } },
      schema: {
        tags,
        summary: 'Confirm an outbound parcel lost: the parcel ends lost, its phone goes to inventory lost',
        description:
          'A carrier claim (direction outbound) is filed and booked for the phone in the same transaction. ' +
          'The order stays shipped, waiting for 补发 (`/reship`) or a cancellation with a full refund ' +
          '(`/cancel-order`). 409 LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED for a parcel not with the carrier ' +
          '(created, delivered, returned, cancelled, lost); 409 LOGISTICS_SHIPMENT_NOT_OUTBOUND for a return; ' +
          '409 RENTAL_TRANSITION_NOT_ALLOWED when the order is not shipped.',
        params: IdParams,
        body: ReasonBody,
        response: {
          200: Type.Object({
            shipment: ShipmentDetailInline,
            order: Ref('RentalOrder'),
            claim: Ref('RentalCarrierClaim'),
          }),
        },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      return command(ctx, request, reply, {}, async (tx) => {
        const { shipment, order, claim } = await confirmParcelLost(tx, deps, {
          shipmentId: request.params.id,
          reason: request.body.reason,
          staff,
        });
        return {
          shipment: await getShipment(tx, shipment.id),
          order: presentOrder(await getOrder(tx, order.id)),
          claim: (await presentClaims(tx, ctx.config.masterKey, [claim]))[0],
        };
      });
    },
  );

  app.post(
    '/v1/admin/shipments/:id/reship',
    {
      config: { auth: { permission: 'logistics.write' } },
      schema: {
        tags,
        summary: '补发: send another phone of the order’s SKU in place of a parcel confirmed lost',
        description:
          'Send an Idempotency-Key. The order stays shipped; the rent starts the day after the new parcel is signed ' +
          'for. 409 RENTAL_PARCEL_NOT_LOST (the parcel is not confirmed lost), RENTAL_PARCEL_STILL_LIVE (another ' +
          'outbound parcel of the order is on its way), RENTAL_RESHIP_OUT_OF_STOCK (no phone of the SKU in stock: ' +
          'cancel with `/cancel-order`), INVENTORY_UNIT_UNAVAILABLE / 422 INVENTORY_UNIT_SKU_MISMATCH for the scanned phone.',
        params: IdParams,
        body: Type.Object({ imei: Imei }, { additionalProperties: false }),
        response: { 201: Type.Object({ shipment: ShipmentDetailInline, order: Ref('RentalOrder') }) },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const carrier = shippingCarrier(ctx, ctx.database.db);
      const prepared = await prepareReship(ctx.database, deps, carrier, {
        shipmentId: request.params.id,
        imei: request.body.imei,
      });
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { shipment } = await reshipPreparedOrder(tx, deps, { prepared, staff });
        return {
          shipment: await getShipment(tx, shipment.id),
          order: presentOrder(await getOrder(tx, prepared.orderId)),
        };
      });
    },
  );

  app.post(
    '/v1/admin/shipments/:id/cancel-order',
    {
      config: { auth: { permission: 'orders.write' } },
      schema: {
        tags,
        summary:
          'The parcel is lost and no phone goes instead: cancel its order with a full refund of the first payment',
        description:
          'The refused parcel’s cancel-and-refund path; the deposit hold is released by the release sweep. 409 ' +
          'RENTAL_PARCEL_NOT_LOST, RENTAL_PARCEL_STILL_LIVE (a 补发 is on its way).',
        params: IdParams,
        body: ReasonBody,
        response: { 200: Ref('RentalOrder') },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      return command(ctx, request, reply, {}, async (tx) => {
        const order = await cancelLostOrder(tx, deps, {
          shipmentId: request.params.id,
          reason: request.body.reason,
          staff,
        });
        return presentOrder(await getOrder(tx, order.id));
      });
    },
  );
};
