// A return parcel lost by the carrier after it collected it (confirm-return-lost.ts), at the returns
// desk: `GET /v1/admin/returns/:id/lost` (the order) says what confirming it would do — the hold
// released in full, to whom, and the carrier claim — or why it cannot be confirmed, and the claim once
// filed; `POST` confirms it in one command, then releases the hold with the channel after the commit
// (the release sweep finishes a release the channel left undecided). Reading needs `orders.read`;
// confirming `inventory.write`, as grading a return does.
import { customerLabels, staffOf } from '@zulin/identity';
import { isAppError } from '@zulin/kernel';
import { getShipment, LogisticsLimits, ShipmentDetailInline } from '@zulin/logistics';
import { authorisationChannelClient } from '@zulin/payments';
import { command, IdParams, Nullable, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentOrder } from '../api-schemas';
import { carrierClaimOf, confirmReturnLost, quoteReturnLost, returnParcelOf } from '../confirm-return-lost';
import { readOrderRow } from '../inspections';
import { getOrder } from '../read-orders';
import { releaseOrderDeposit } from '../release-deposits';
import { presentClaims } from './carrier-claims';

const tags = ['rentals'];

const DepositPlan = Type.Object({
  depositHeldMinor: Type.Integer({ description: 'left of the deposit hold now' }),
  chargeMinor: Type.Integer({ description: 'always 0: the customer owes nothing for the phone' }),
  captureMinor: Type.Integer(),
  billMinor: Type.Integer(),
  releaseMinor: Type.Integer({ description: 'released back to the payer (the whole hold left)' }),
});

export const rentalReturnLostRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const db = ctx.database.db;

  app.get(
    '/v1/admin/returns/:id/lost',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags,
        summary: 'A return parcel lost by the carrier: what confirming it would do, or the carrier claim filed',
        description:
          '`refusal` names the problem code a confirmation would answer now (RENTAL_RETURN_PARCEL_NOT_FOUND, ' +
          'RENTAL_RETURN_NOT_PICKED_UP, RENTAL_RETURN_ALREADY_DELIVERED, RENTAL_RETURN_PARCEL_ALREADY_LOST) or null; ' +
          '`preview` what it would do: the deposit settled with a zero charge (the hold released in full, to the payer ' +
          'named by `releaseTo`) and the claim on the carrier.',
        params: IdParams,
        response: {
          200: Type.Object({
            refusal: Nullable(Type.String()),
            preview: Nullable(
              Type.Object({
                shipmentId: Type.String(),
                carrier: Type.String(),
                waybillNo: Type.String(),
                releaseTo: Type.String({ description: 'the customer, masked' }),
                deposit: DepositPlan,
                claimMinor: Type.Integer(),
                residualValueMinor: Type.Integer(),
                declaredValueMinor: Type.Integer(),
              }),
            ),
            claim: Nullable(Ref('RentalCarrierClaim')),
          }),
        },
      },
    },
    async (request) => {
      const order = await readOrderRow(db, request.params.id);
      const claim = await carrierClaimOf(db, order.id);
      const answer = async () => {
        const parcel = await returnParcelOf(db, order.id);
        if (order.status !== 'returning') return { refusal: 'RENTAL_TRANSITION_NOT_ALLOWED', preview: null };
        const quote = await quoteReturnLost(db, deps, order, parcel);
        const label = (await customerLabels(db, ctx.config.masterKey, [order.customerId])).get(order.customerId);
        return {
          refusal: null,
          preview: {
            shipmentId: parcel.id,
            carrier: parcel.carrier,
            waybillNo: parcel.waybillNo,
            releaseTo: label?.label ?? order.customerId,
            deposit: { ...quote.deposit, chargeMinor: 0 },
            claimMinor: quote.claim.amountMinor,
            residualValueMinor: quote.claim.residualValueMinor,
            declaredValueMinor: quote.claim.declaredValueMinor,
          },
        };
      };
      const now = await answer().catch((error: unknown) => {
        if (isAppError(error)) return { refusal: error.code, preview: null };
        throw error;
      });
      return {
        ...now,
        claim: claim === undefined ? null : (await presentClaims(db, ctx.config.masterKey, [claim]))[0],
      };
    },
  );

  app.post(
    '/v1/admin/returns/:id/lost',
    {
      config: { auth: { permission: 'inventory.write' } },
      schema: {
        tags,
        summary:
          'Confirm a return parcel lost by the carrier after pick-up: the order settles with no charge, the hold is released in full, a carrier claim is filed',
        description:
          'The order (`:id`) must be returning with its return parcel collected by the courier. In one transaction: the ' +
          'parcel ends lost, the phone goes to inventory lost, the order moves returning → settled (`lose_return_parcel`), ' +
          'the return closes and a carrier claim is filed for the phone’s residual value; after the commit the hold is ' +
          'released with the channel (a sweep finishes it otherwise). 409 RENTAL_RETURN_PARCEL_NOT_FOUND, ' +
          'RENTAL_RETURN_NOT_PICKED_UP, RENTAL_RETURN_ALREADY_DELIVERED, RENTAL_RETURN_PARCEL_ALREADY_LOST, ' +
          `RENTAL_TRANSITION_NOT_ALLOWED; 422 LOGISTICS_LOST_REASON_INVALID (${LogisticsLimits.lostReasonLengthMin}–` +
          `${LogisticsLimits.lostReasonLengthMax} characters).`,
        params: IdParams,
        body: Type.Object(
          {
            reason: Type.String({
              minLength: LogisticsLimits.lostReasonLengthMin,
              maxLength: LogisticsLimits.lostReasonLengthMax,
              description: 'why (kept on the parcel, the order and the claim)',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            order: Ref('RentalOrder'),
            shipment: ShipmentDetailInline,
            claim: Ref('RentalCarrierClaim'),
            deposit: DepositPlan,
          }),
        },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const done = await command(ctx, request, reply, {}, async (tx) => {
        const lost = await confirmReturnLost(tx, deps, {
          orderId: request.params.id,
          reason: request.body.reason,
          staff,
        });
        return {
          order: presentOrder(await getOrder(tx, lost.order.id)),
          shipment: await getShipment(tx, lost.shipment.id),
          claim: (await presentClaims(tx, ctx.config.masterKey, [lost.claim]))[0],
          deposit: { ...lost.deposit, chargeMinor: 0 },
        };
      });
      // After the commit: the channel releases the hold (idempotent on our request number). The loss is
      // recorded whatever the channel does now: a release it leaves undecided, or an error here, is
      // finished by the release sweep, so it never turns the committed answer into a 500.
      const order = await readOrderRow(db, request.params.id);
      if (order.depositAuthorisationId !== null && order.depositReleasedAt === null && done.deposit.releaseMinor > 0) {
        await releaseOrderDeposit(
          ctx.database,
          { clock: ctx.clock, clientOf: (channel) => authorisationChannelClient(ctx, channel) },
          { orderId: order.id, authorisationId: order.depositAuthorisationId },
        ).catch((error: unknown) => {
          request.log.error(
            { err: error, orderId: order.id },
            'deposit release after a lost return failed; the sweep retries',
          );
          return false;
        });
      }
      return done;
    },
  );
};
