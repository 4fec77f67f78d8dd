// The logistics module's request and response schemas (TypeBox): shipments with their tracking events.
import { PageOf, Ref } from '@zulin/platform';
import { Type } from 'typebox';
import { type ShipmentState, shipmentStates } from './shipment-states';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const LocalText = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

export const ShipmentStateSchema = Type.Unsafe<ShipmentState>(Type.Union(shipmentStates.map((s) => Type.Literal(s))));
export const ShipmentDirectionSchema = Type.Unsafe<'outbound' | 'return'>(
  Type.Union([Type.Literal('outbound'), Type.Literal('return')]),
);

const trackingEventFields = {
  eventId: Type.String(),
  carrier: Type.String(),
  waybillNo: Type.String(),
  state: ShipmentStateSchema,
  carrierCode: Type.String(),
  occurredAt: Type.String({ description: 'ISO 8601 with the carrier’s offset' }),
  location: Type.String(),
  description: LocalText,
  exceptionReason: Type.Optional(Type.String()),
  signedBy: Type.Optional(Type.String()),
};
export const TrackingEventSchema = Type.Object(trackingEventFields, { $id: 'TrackingEvent' });

const ShipmentFields = {
  id: Type.String(),
  direction: ShipmentDirectionSchema,
  orderRef: Type.String({ description: 'the rental order' }),
  carrier: Type.String(),
  waybillNo: Type.String(),
  state: ShipmentStateSchema,
  summary: Type.Object({
    recipientName: Type.String({ description: 'masked' }),
    recipientPhone: Type.String({ description: 'masked' }),
    city: Type.String(),
    contents: Type.String(),
    imei: Nullable(Type.String()),
    unitId: Nullable(Type.String()),
    customerId: Nullable(Type.String()),
    pickupWindowStart: Type.Optional(Type.String()),
    pickupWindowEnd: Type.Optional(Type.String()),
  }),
  lastEventAt: Nullable(Type.String({ format: 'date-time' })),
  firstScanAt: Nullable(Type.String({ format: 'date-time' })),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
  lastEvent: Nullable(Ref('TrackingEvent')),
  createdAt: Type.String({ format: 'date-time' }),
};

export const ShipmentSchema = Type.Object(ShipmentFields, { $id: 'Shipment' });
export const ShipmentDetailSchema = Type.Object(
  { ...ShipmentFields, events: Type.Array(Ref('TrackingEvent')) },
  { $id: 'ShipmentDetail' },
);
/**
 * The same shipment with its events written out, for another module's route (a schema registered
 * here is not visible in another module's routes).
 */
export const ShipmentDetailInline = Type.Object({
  ...ShipmentFields,
  lastEvent: Nullable(Type.Object(trackingEventFields)),
  events: Type.Array(Type.Object(trackingEventFields)),
});

export const ShipmentPageSchema = PageOf(Ref('Shipment'));
