// The logistics module's request and response schemas (TypeBox): shipments with their tracking events.
import { Nullable, PageOf, Ref } from '@zulin/platform';
import { Type } from 'typebox';
import { LogisticsLimits } from './limits';
import { lostParcelSettingsSchema } from './logistics-settings';
import { type ShipmentState, shipmentStates } from './shipment-states';
import type { StoreScan } from './store-pickup';

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
  suspectedLostAt: Nullable(Type.String({ format: 'date-time', description: 'flagged as possibly lost' })),
  suspectedLostReason: Nullable(
    Type.Unsafe<'carrier_lost' | 'no_scan'>(Type.Union([Type.Literal('carrier_lost'), Type.Literal('no_scan')])),
  ),
  lostAt: Nullable(Type.String({ format: 'date-time', description: 'confirmed lost by staff' })),
  lostBy: Nullable(Type.String({ description: 'the staff member who confirmed it' })),
  lostReason: Nullable(Type.String()),
  lostSettledAt: Nullable(
    Type.String({
      format: 'date-time',
      description: 'a lost parcel decided: re-shipped (补发) or its order cancelled',
    }),
  ),
  lostSettlement: Nullable(
    Type.Unsafe<'reshipped' | 'order_cancelled'>(
      Type.Union([Type.Literal('reshipped'), Type.Literal('order_cancelled')]),
    ),
  ),
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

const addressField = Type.String({ minLength: 1, maxLength: LogisticsLimits.addressFieldLengthMax });

/** A delivery address as a request body takes it (checked further by `checkAddress`): rental and installment checkouts. */
export const AddressBody = Type.Object(
  {
    name: addressField,
    phone: Type.String({ minLength: 1, maxLength: 20, description: '+86 and 11 digits' }),
    province: addressField,
    city: addressField,
    district: addressField,
    line: addressField,
  },
  { additionalProperties: false },
);

const AddressSchema = Type.Object({
  name: Type.String(),
  phone: Type.String(),
  province: Type.String(),
  city: Type.String(),
  district: Type.String(),
  line: Type.String(),
});

export const PickupStoreSchema = Type.Object(
  {
    code: Type.String(),
    name: LocalText,
    address: AddressSchema,
    addressLine: Type.String(),
    phone: Type.String(),
    openHour: Type.Integer({ minimum: 0, maximum: 24, description: 'Beijing time' }),
    closeHour: Type.Integer({ minimum: 0, maximum: 24 }),
  },
  { $id: 'PickupStore' },
);

const storeScanValues = [
  'sent_to_store',
  'ready_at_store',
  'collected',
  'uncollected',
  'dropped_off',
  'sent_to_warehouse',
  'received_at_warehouse',
] as const satisfies readonly StoreScan[];
type ExhaustiveScans = Exclude<StoreScan, (typeof storeScanValues)[number]> extends never ? true : never;
const exhaustiveScans: ExhaustiveScans = true;
void exhaustiveScans;
export const StoreScanSchema = Type.Unsafe<StoreScan>(Type.Union(storeScanValues.map((s) => Type.Literal(s))));

export const StoreParcelSchema = Type.Object(
  {
    waybillNo: Type.String(),
    storeCode: Type.String(),
    direction: ShipmentDirectionSchema,
    orderRef: Type.String({ description: 'the rental order' }),
    shipmentId: Nullable(Type.String()),
    state: Nullable(ShipmentStateSchema),
    recipientName: Type.String({ description: 'masked' }),
    recipientPhone: Type.String({ description: 'masked' }),
    contents: Type.String(),
    imei: Nullable(Type.String()),
    nextScans: Type.Array(StoreScanSchema, { description: 'what the counter may scan next' }),
    shelfUntil: Nullable(Type.String({ format: 'date-time', description: 'uncollected after this, it goes back' })),
    events: Type.Array(Ref('TrackingEvent')),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'StoreParcel' },
);
export const StoreParcelPageSchema = PageOf(Ref('StoreParcel'));

/** The lost-parcel settings in force, their defaults, and who last changed them (logistics-settings.ts). */
export const LostParcelSettingsViewSchema = Type.Object(
  {
    settings: lostParcelSettingsSchema,
    defaults: { ...lostParcelSettingsSchema, description: 'what each setting is when nothing is stored' },
    updatedBy: Nullable(Type.String()),
    updatedByName: Nullable(Type.String({ description: 'the staff member who last changed them' })),
    updatedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'LostParcelSettings', title: 'LostParcelSettings' },
);
