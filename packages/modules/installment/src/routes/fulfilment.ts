// An installment order's phone (issue #15): the shipping desk's queue of installment orders and
// shipping one by its scanned IMEI (the carrier is asked before the command, as rental's desk does),
// the customer's parcel tracking, and the pay-off certificate once the phone is the customer's.
import { customerIdOf, staffOf } from '@zulin/identity';
import { today } from '@zulin/kernel';
import { getShipment, orderTracking, ShipmentDetailInline, shippingCarrier } from '@zulin/logistics';
import { command, IdParams, Nullable, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { installmentDeps } from '../deps';
import { InstallmentErrors } from '../errors';
import { loadOrder, viewOrder } from '../orders';
import { payoffCertificate, payoffCertificatePdf } from '../payoff-certificate';
import { prepareInstallmentShipment, shipInstallmentOrder } from '../ship-order';
import { readInstallmentShippingQueue } from '../shipping-queue';

const QueueEntry = Type.Object({
  orderId: Type.String(),
  activatedOn: Nullable(Type.String({ format: 'date', description: 'the day the down payment was paid' })),
  skuId: Type.String(),
  product: Type.String({ description: 'brand, model, storage and colour' }),
  recipientName: Nullable(Type.String({ description: 'masked; null for an order placed without an address' })),
  recipientPhone: Nullable(Type.String({ description: 'masked' })),
  city: Nullable(Type.String()),
  reservedUnitId: Nullable(Type.String()),
  reservedImei: Nullable(Type.String()),
});

const TrackedParcel = Type.Object({
  direction: Type.String(),
  carrier: Type.String(),
  waybillNo: Type.String(),
  state: Type.String(),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
  events: Type.Array(
    Type.Object({
      state: Type.String(),
      at: Type.String({ format: 'date-time' }),
      localTime: Type.String({ description: 'YYYY-MM-DD HH:mm in the business time zone' }),
      location: Type.String(),
      description: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
      exceptionReason: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const fulfilmentRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = installmentDeps(ctx);

  app.get(
    '/v1/admin/installment-orders/shipping-queue',
    {
      config: { auth: { permission: 'logistics.read' } },
      schema: {
        tags: ['shipments (admin)'],
        summary: 'Installment orders waiting to ship (down payment paid), oldest first, with the phone reserved',
        response: { 200: Type.Object({ data: Type.Array(QueueEntry) }) },
      },
    },
    async () => ({ data: await readInstallmentShippingQueue(ctx.database, deps) }),
  );

  app.post(
    '/v1/admin/installment-orders/:id/ship',
    {
      config: { auth: { permission: 'logistics.write' } },
      schema: {
        tags: ['shipments (admin)'],
        summary: 'Ship an installment order: allocate the scanned phone, create the waybill, book the courier',
        description:
          'Send an Idempotency-Key. 409 INSTALLMENT_ORDER_NOT_SHIPPABLE for an order not waiting to ship; 409 ' +
          'INSTALLMENT_ADDRESS_MISSING for one placed without an address; 422 INVENTORY_UNIT_SKU_MISMATCH, 409 ' +
          'INVENTORY_UNIT_UNAVAILABLE and 404 INVENTORY_UNIT_NOT_FOUND for a wrong scan, as for a rental.',
        params: IdParams,
        body: Type.Object(
          { imei: Type.String({ pattern: '^[0-9]{15}$', description: 'the scanned phone' }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ shipment: ShipmentDetailInline, order: Ref('InstallmentOrder') }) },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const carrier = shippingCarrier(ctx, ctx.database.db);
      const prepared = await prepareInstallmentShipment(ctx.database, deps, carrier, {
        orderId: request.params.id,
        imei: request.body.imei,
      });
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { order, shipment } = await shipInstallmentOrder(tx, deps, { prepared, staff });
        return { shipment: await getShipment(tx, shipment.id), order: await viewOrder(tx, deps, order) };
      });
    },
  );

  app.get(
    '/v1/installment-orders/:id/tracking',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['installments'],
        summary: 'My installment order’s parcel: carrier, waybill, state and tracking events, oldest first',
        params: IdParams,
        response: { 200: Type.Object({ orderId: Type.String(), parcels: Type.Array(TrackedParcel) }) },
      },
    },
    async (request) => {
      const db = ctx.database.db;
      const order = await loadOrder(db, request.params.id, { customerId: customerIdOf(request) });
      return { orderId: order.id, parcels: await orderTracking(db, order.id, ctx.config.timeZone) };
    },
  );

  app.get(
    '/v1/installment-orders/:id/payoff-certificate',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['installments'],
        summary: 'The pay-off certificate (结清证明) of my paid-off order: the phone, its IMEI and everything paid',
        description: '409 INSTALLMENT_CERTIFICATE_NOT_READY until the order is paid off and its phone has shipped.',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const db = ctx.database.db;
      const order = await loadOrder(db, request.params.id, { customerId: customerIdOf(request) });
      if (order.status !== 'paid_off') {
        throw InstallmentErrors.INSTALLMENT_CERTIFICATE_NOT_READY({ detail: `The order is ${order.status}.` });
      }
      const certificate = await payoffCertificate(db, deps, order);
      const pdf = await payoffCertificatePdf(certificate, {
        now: ctx.clock.now(),
        issuedOn: today(ctx.clock, ctx.config.timeZone),
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="payoff-certificate-${order.id}.pdf"`)
        .send(pdf);
    },
  );
};
