// Shipments in the console: the list (direction, states, order, waybill), one with its tracking
// timeline, and its label as a PDF (the carrier renders it from the waybill it keeps).
import { IdParams, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { ShipmentDirectionSchema, ShipmentPageSchema, ShipmentStateSchema } from '../api-schemas';
import { shippingCarrier } from '../carriers';
import { LogisticsErrors } from '../errors';
import { storePickupCarrier } from '../pickup-stores';
import { getShipment, listShipments } from '../shipments';
import { storePickupCarrierCode } from '../store-pickup';

const read = { auth: { permission: 'logistics.read' as const } };
const tags = ['shipments (admin)'];

export const shipmentRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

  app.get(
    '/v1/admin/shipments',
    {
      config: read,
      schema: {
        tags,
        summary: 'Shipments, newest first: outbound parcels and return pick-ups, by direction, state, order or waybill',
        querystring: Type.Object({
          direction: Type.Optional(ShipmentDirectionSchema),
          state: Type.Optional(Type.Array(ShipmentStateSchema, { maxItems: 8, description: 'any of these states' })),
          orderId: Type.Optional(Type.String({ maxLength: 64 })),
          waybillNo: Type.Optional(Type.String({ maxLength: 32 })),
          suspectedLost: Type.Optional(
            Type.Boolean({ description: 'only parcels flagged as possibly lost and not finished (疑似丢失)' }),
          ),
          awaitingLostDecision: Type.Optional(
            Type.Boolean({
              description:
                'only outbound parcels still waiting for a decision (丢失处理): flagged and travelling, or confirmed lost and neither re-shipped nor cancelled',
            }),
          ),
          ...PageQuery,
        }),
        response: { 200: ShipmentPageSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return listShipments(db, {
        direction: q.direction,
        states: q.state,
        orderRef: q.orderId,
        waybillNo: q.waybillNo,
        suspectedLost: q.suspectedLost,
        awaitingLostDecision: q.awaitingLostDecision,
        limit: q.limit,
        cursor: q.cursor,
      });
    },
  );

  app.get(
    '/v1/admin/shipments/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One shipment with every tracking event received, oldest first',
        params: IdParams,
        response: { 200: Ref('ShipmentDetail') },
      },
    },
    async (request) => getShipment(db, request.params.id),
  );

  app.get(
    '/v1/admin/shipments/:id/label.pdf',
    {
      config: read,
      schema: {
        tags,
        summary: 'The shipment’s label (100 × 150 mm PDF) to print and stick on the parcel',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const shipment = await getShipment(db, request.params.id);
      const carrier =
        shipment.carrier === storePickupCarrierCode
          ? await storePickupCarrier(db, ctx.clock)
          : shippingCarrier(ctx, db);
      if (carrier.code !== shipment.carrier) {
        throw LogisticsErrors.LOGISTICS_CARRIER_UNSUPPORTED({ detail: `No adapter for ${shipment.carrier} here.` });
      }
      const pdf = await carrier.labelPdf(shipment.waybillNo);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="label-${shipment.waybillNo}.pdf"`)
        .send(pdf);
    },
  );
};
