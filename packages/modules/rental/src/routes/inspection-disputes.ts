// The console's side of an inspection dispute (resolve-inspection-dispute.ts): what an adjusted
// outcome would move (nothing stored), the outcome itself, and a second person's approval of the
// money given back above payments' refund approval threshold. Resolving takes `orders.write` (the
// after-sales desk, as faults do); approving takes `payments.refund` (finance, who approve refunds).
import { staffOf } from '@zulin/identity';
import { today } from '@zulin/kernel';
import { getAuthorisation, readPaymentsSettings } from '@zulin/payments';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { approveDisputeCredit } from '../approve-dispute-credit';
import { RentalErrors } from '../errors';
import { DisputeCreditQuoteSchema, presentInspection, ResolveDisputeBody } from '../inspection-schemas';
import { inspectionOfOrder, readOrderRow } from '../inspections';
import { disputeCreditPlan, disputeMoneyOf, resolveInspectionDispute } from '../resolve-inspection-dispute';

const tags = ['rentals'];

export const rentalInspectionDisputeRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const db = ctx.database.db;
  const present = (row: Parameters<typeof presentInspection>[0]) =>
    presentInspection(row, {
      photoUrl: (file) => `/v1/admin/inspections/${row.orderId}/photos/${file}`,
      today: today(ctx.clock, ctx.config.timeZone),
    });

  app.post(
    '/v1/admin/rentals/:id/inspection/dispute/quote',
    {
      config: { auth: { permission: 'orders.read' }, effects: 'none' },
      schema: {
        tags,
        summary: 'What crediting a disputed inspection would move: waived on the bill, given back, to where',
        params: IdParams,
        body: Type.Object(
          { creditMinor: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }) },
          { additionalProperties: false },
        ),
        response: { 200: DisputeCreditQuoteSchema },
      },
    },
    async (request) => {
      const order = await readOrderRow(db, request.params.id);
      const inspection = await inspectionOfOrder(db, order.id);
      if (inspection === undefined) throw RentalErrors.RENTAL_INSPECTION_NOT_FOUND();
      const plan = disputeCreditPlan(await disputeMoneyOf(db, deps, inspection), request.body.creditMinor);
      const refundMinor = plan.legs.reduce((sum, l) => sum + l.amountMinor, 0);
      const threshold = (await readPaymentsSettings(db)).refundApprovalAboveMinor;
      const hold =
        order.depositAuthorisationId === null ? null : await getAuthorisation(db, order.depositAuthorisationId);
      return {
        creditMinor: request.body.creditMinor,
        waivedMinor: plan.waivedMinor,
        billId: inspection.billId,
        refundMinor,
        refunds: plan.legs.map((l) => ({ to: l.to, from: l.from, amountMinor: l.amountMinor, refundId: null })),
        depositInstrument: hold?.channel ?? null,
        // The whole credit counts: what is waived (a write-off) and what is given back.
        needsApproval: request.body.creditMinor > threshold,
        approvalAboveMinor: threshold,
      };
    },
  );

  app.post(
    '/v1/admin/rentals/:id/inspection/dispute/resolve',
    {
      config: { auth: { permission: 'orders.write' } },
      schema: {
        tags,
        summary: 'Resolve a disputed inspection: upheld (the charge stands) or adjusted (a credit given back)',
        description:
          'adjusted: creditMinor 1 … the charge; the unpaid bill is waived first, then the capture goes back to the ' +
          'wallet and the bill’s payments are refunded. Above the refund approval threshold the money waits for a ' +
          'second person (…/dispute/approve). No dispute: RENTAL_INSPECTION_NOT_DISPUTED; twice: ' +
          'RENTAL_DISPUTE_ALREADY_RESOLVED; a bad credit: RENTAL_DISPUTE_RESOLUTION_INVALID. Send an Idempotency-Key.',
        params: IdParams,
        body: ResolveDisputeBody,
        response: { 200: Ref('RentalInspection') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        present(
          await resolveInspectionDispute(tx, deps, {
            orderId: request.params.id,
            staff: staffOf(request),
            outcome: request.body.outcome,
            creditMinor: request.body.creditMinor,
            note: request.body.note,
          }),
        ),
      ),
  );

  app.post(
    '/v1/admin/rentals/:id/inspection/dispute/approve',
    {
      config: { auth: { permission: 'payments.refund' } },
      schema: {
        tags,
        summary: 'Approve the money a dispute outcome gives back above the refund threshold (never its resolver)',
        params: IdParams,
        response: { 200: Ref('RentalInspection') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        present(await approveDisputeCredit(tx, deps, { orderId: request.params.id, staff: staffOf(request) })),
      ),
  );
};
