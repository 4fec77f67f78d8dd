// Dropping an open after-sale action (abandon-after-sale.ts): the customer cancels a renewal not yet
// signed, a buyout not yet paid, or a return before the courier's pick-up.
import { customerIdOf } from '@zulin/identity';
import { cancelShipment, liveShipmentOf, shippingCarrier, withdrawWaybill } from '@zulin/logistics';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { type AbandonableKind, abandonAfterSale } from '../abandon-after-sale';
import { presentOrder } from '../api-schemas';
import type { RentalDeps } from '../deps';
import { getOrder } from '../read-orders';

const kinds = ['renewal', 'buyout', 'return'] as const satisfies readonly AbandonableKind[];

export const rentalAfterSaleRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: RentalDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };

  app.post(
    '/v1/rentals/:id/after-sale/abandon',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'Drop my open renewal, buyout or return before it is signed, paid or picked up',
        description:
          'The exit bill the action issued is withdrawn (nothing may be paid on it yet); a buyout or return ' +
          'resumes the rent schedule. Send an Idempotency-Key.',
        params: IdParams,
        body: Type.Object(
          {
            kind: Type.Unsafe<AbandonableKind>(Type.Union(kinds.map((k) => Type.Literal(k)))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ref('RentalOrder') },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      // A dropped return withdraws its pick-up waybill: the carrier first (it refuses once the parcel
      // was collected), the shipment in the command's transaction.
      const pickup =
        request.body.kind === 'return'
          ? await liveShipmentOf(ctx.database.db, { orderRef: request.params.id, direction: 'return' })
          : null;
      if (pickup !== null && pickup.summary.customerId === customerId && pickup.state === 'created') {
        await withdrawWaybill(shippingCarrier(ctx, ctx.database.db), {
          shipment: pickup,
          now: ctx.clock.now(),
        });
      }
      return command(ctx, request, reply, {}, async (tx) => {
        const order = await abandonAfterSale(tx, deps, {
          orderId: request.params.id,
          customerId,
          kind: request.body.kind,
        });
        if (pickup !== null && pickup.summary.customerId === customerId) {
          await cancelShipment(tx, { shipmentId: pickup.id, now: ctx.clock.now() });
        }
        return presentOrder(await getOrder(tx, order.id));
      });
    },
  );
};
