// Carrier claims at the finance desk (carrier-claims.ts): the list and one claim with its payments
// (`orders.read`, as the returns desk reads them), a carrier's payment recorded from the bank
// statement, a write-off asked for, and a second person's decision on it (`ledger.write`). Every
// command is idempotent under an Idempotency-Key and answers the claim as it now stands.
import type { Executor } from '@zulin/db';
import { customerLabels, staffNames, staffOf } from '@zulin/identity';
import { command, IdParams, Nullable, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import {
  type CarrierClaimDirection,
  type CarrierClaimPaymentRow,
  type CarrierClaimRow,
  carrierClaimDirections,
  carrierClaimStates,
  carrierClaimWithPayments,
  carrierPaymentChannel,
  customersOfClaims,
  decideClaimWriteOff,
  listCarrierClaims,
  outstandingOf,
  recordClaimPayment,
  requestClaimWriteOff,
} from '../carrier-claims';
import { RentalLimits } from '../limits';

const tags = ['rentals'];
const State = Type.Union(carrierClaimStates.map((state) => Type.Literal(state)));
const L = RentalLimits;

export const RentalCarrierClaimSchema = Type.Object(
  {
    id: Type.String(),
    orderId: Type.String(),
    customer: Nullable(
      Type.Object({
        id: Type.String(),
        label: Nullable(Type.String({ description: 'masked name and phone, as the console shows a customer' })),
      }),
    ),
    shipmentId: Type.String(),
    direction: Type.Unsafe<CarrierClaimDirection>(
      Type.Union(
        carrierClaimDirections.map((d) => Type.Literal(d)),
        {
          description: 'which parcel was lost: outbound (on its way to the customer) or return (after collection)',
        },
      ),
    ),
    carrier: Type.String(),
    waybillNo: Type.String(),
    imei: Nullable(Type.String()),
    state: State,
    amountMinor: Type.Integer({
      description: 'what the carrier owes: the residual value, capped at the declared value',
    }),
    residualValueMinor: Type.Integer({ description: 'the phone’s residual value the day the courier collected it' }),
    declaredValueMinor: Type.Integer({ description: 'the value declared on the lost parcel’s waybill' }),
    paidMinor: Type.Integer({ description: 'what the carrier has paid so far' }),
    writtenOffMinor: Type.Integer({ description: 'what was written off with a second person’s approval' }),
    outstandingMinor: Type.Integer({ description: 'still owed: amount − paid − written off' }),
    reason: Type.String(),
    lostOn: Type.String({ format: 'date' }),
    filedBy: Type.String(),
    filedByName: Nullable(Type.String()),
    filedAt: Type.String({ format: 'date-time' }),
    bookedTransferId: Nullable(Type.String({ description: 'the ledger transfer that booked the receivable' })),
    writeOff: Nullable(
      Type.Object({
        reason: Type.String(),
        requestedBy: Type.String(),
        requestedByName: Nullable(Type.String()),
        requestedAt: Type.String({ format: 'date-time' }),
      }),
    ),
    decision: Nullable(
      Type.Object({
        decidedBy: Type.String(),
        decidedByName: Nullable(Type.String()),
        decidedAt: Type.String({ format: 'date-time' }),
        note: Nullable(Type.String()),
      }),
    ),
    closedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'RentalCarrierClaim' },
);

const Payment = Type.Object({
  id: Type.String(),
  amountMinor: Type.Integer(),
  reference: Type.String(),
  receivedOn: Type.String({ format: 'date' }),
  transferId: Type.String(),
  recordedBy: Type.String(),
  recordedByName: Nullable(Type.String()),
  recordedAt: Type.String({ format: 'date-time' }),
});

const ClaimWithPayments = Type.Object({
  claim: Ref('RentalCarrierClaim'),
  payments: Type.Array(Payment),
  paymentChannel: Type.String({ description: 'the clearing account a carrier’s payment is booked to' }),
});

/** Claims as staff read them, with the customer and the people by name. */
export async function presentClaims(db: Executor, masterKey: Buffer, rows: readonly CarrierClaimRow[]) {
  const names = await staffNames(
    db,
    rows.flatMap((r) => [r.filedBy, r.writeOffRequestedBy, r.decidedBy].filter((id): id is string => id !== null)),
  );
  const nameOf = (id: string) => names.get(id) ?? null;
  const customers = await customersOfClaims(db, rows);
  const labels = await customerLabels(db, masterKey, [...customers.values()]);
  const customerOf = (orderId: string) => {
    const id = customers.get(orderId);
    return id === undefined ? null : { id, label: labels.get(id)?.label ?? null };
  };
  return rows.map((row) => ({
    id: row.id,
    orderId: row.orderId,
    customer: customerOf(row.orderId),
    shipmentId: row.shipmentId,
    direction: row.direction,
    carrier: row.carrier,
    waybillNo: row.waybillNo,
    imei: row.imei,
    state: row.state,
    amountMinor: row.amountMinor,
    residualValueMinor: row.residualValueMinor,
    declaredValueMinor: row.declaredValueMinor,
    paidMinor: row.paidMinor,
    writtenOffMinor: row.writtenOffMinor,
    outstandingMinor: outstandingOf(row),
    reason: row.reason,
    lostOn: row.lostOn,
    filedBy: row.filedBy,
    filedByName: nameOf(row.filedBy),
    filedAt: row.filedAt.toISOString(),
    bookedTransferId: row.bookedTransferId,
    writeOff:
      row.writeOffReason === null || row.writeOffRequestedBy === null || row.writeOffRequestedAt === null
        ? null
        : {
            reason: row.writeOffReason,
            requestedBy: row.writeOffRequestedBy,
            requestedByName: nameOf(row.writeOffRequestedBy),
            requestedAt: row.writeOffRequestedAt.toISOString(),
          },
    decision:
      row.decidedBy === null || row.decidedAt === null
        ? null
        : {
            decidedBy: row.decidedBy,
            decidedByName: nameOf(row.decidedBy),
            decidedAt: row.decidedAt.toISOString(),
            note: row.decisionNote,
          },
    closedAt: row.closedAt?.toISOString() ?? null,
  }));
}

async function presentWithPayments(
  db: Executor,
  masterKey: Buffer,
  claim: CarrierClaimRow,
  payments: readonly CarrierClaimPaymentRow[],
) {
  const [presented] = await presentClaims(db, masterKey, [claim]);
  const names = await staffNames(
    db,
    payments.map((p) => p.recordedBy),
  );
  return {
    claim: presented,
    payments: payments.map((p) => ({
      id: p.id,
      amountMinor: p.amountMinor,
      reference: p.reference,
      receivedOn: p.receivedOn,
      transferId: p.transferId,
      recordedBy: p.recordedBy,
      recordedByName: names.get(p.recordedBy) ?? null,
      recordedAt: p.recordedAt.toISOString(),
    })),
    paymentChannel: carrierPaymentChannel,
  };
}

const Note = Type.String({
  minLength: L.claimWriteOffReasonLengthMin,
  maxLength: L.claimWriteOffReasonLengthMax,
});

export const rentalCarrierClaimRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const db = ctx.database.db;
  const answer = async (tx: Executor, claimId: string) => {
    const { claim, payments } = await carrierClaimWithPayments(tx, claimId);
    return presentWithPayments(tx, ctx.config.masterKey, claim, payments);
  };

  app.get(
    '/v1/admin/carrier-claims',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags,
        summary: 'Carrier claims for lost return parcels, newest first, filtered by state, carrier and the day lost',
        querystring: Type.Object(
          {
            state: Type.Optional(State),
            carrier: Type.Optional(
              Type.String({ pattern: '^[a-z0-9_]{1,32}$', description: 'a carrier code, e.g. sf' }),
            ),
            lostFrom: Type.Optional(Type.String({ format: 'date', description: 'lost on or after this day' })),
            lostTo: Type.Optional(Type.String({ format: 'date', description: 'lost on or before this day' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            data: Type.Array(Ref('RentalCarrierClaim')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const page = await listCarrierClaims(db, request.query);
      return { data: await presentClaims(db, ctx.config.masterKey, page.data), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/admin/carrier-claims/:id',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags,
        summary: 'One carrier claim with the carrier’s payments',
        params: IdParams,
        response: { 200: ClaimWithPayments },
      },
    },
    async (request) => answer(db, request.params.id),
  );

  app.post(
    '/v1/admin/carrier-claims/:id/payments',
    {
      config: { auth: { permission: 'ledger.write' } },
      schema: {
        tags,
        summary: 'Record a payment the carrier made on a claim (bank clearing debited, the claim receivable credited)',
        description:
          'At most what is outstanding (422 RENTAL_CLAIM_PAYMENT_TOO_LARGE), received between the day of the loss and ' +
          'today (422 RENTAL_CLAIM_PAYMENT_DATE_INVALID), under a reference new to the claim (409 ' +
          'RENTAL_CLAIM_PAYMENT_DUPLICATE); only a `filed` claim takes payments (409 RENTAL_CLAIM_NOT_OPEN). Paid in ' +
          'full, the claim is `paid`.',
        params: IdParams,
        body: Type.Object(
          {
            amountMinor: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'fen' }),
            reference: Type.String({
              minLength: 1,
              maxLength: L.carrierPaymentReferenceLengthMax,
              pattern: '\\S',
              description: 'the carrier’s payment reference on the bank statement',
            }),
            receivedOn: Type.String({ format: 'date', description: 'the day the money arrived' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ClaimWithPayments },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      return command(ctx, request, reply, {}, async (tx) => {
        const { claim } = await recordClaimPayment(tx, deps, { claimId: request.params.id, ...request.body, staff });
        return answer(tx, claim.id);
      });
    },
  );

  app.post(
    '/v1/admin/carrier-claims/:id/write-off',
    {
      config: { auth: { permission: 'ledger.write' } },
      schema: {
        tags,
        summary: 'Ask to write off what the carrier will not pay on a claim; a second person decides',
        description: 'Only a `filed` claim (409 RENTAL_CLAIM_NOT_OPEN). The claim waits as `write_off_requested`.',
        params: IdParams,
        body: Type.Object({ reason: Note }, { additionalProperties: false }),
        response: { 200: ClaimWithPayments },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      return command(ctx, request, reply, {}, async (tx) => {
        const claim = await requestClaimWriteOff(tx, deps, {
          claimId: request.params.id,
          reason: request.body.reason,
          staff,
        });
        return answer(tx, claim.id);
      });
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/v1/admin/carrier-claims/:id/write-off/${decision}`,
      {
        config: { auth: { permission: 'ledger.write' } },
        schema: {
          tags,
          summary:
            decision === 'approve'
              ? 'Approve a claim’s write-off: what is outstanding goes to write-offs (5200) and the claim ends written off'
              : 'Reject a claim’s write-off: the claim is filed again and the carrier chased further',
          description:
            'By someone other than who asked (403 RENTAL_CLAIM_WRITE_OFF_SELF_APPROVAL); only while a write-off waits ' +
            '(409 RENTAL_CLAIM_WRITE_OFF_NOT_REQUESTED).',
          params: IdParams,
          body: Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false }),
          response: { 200: ClaimWithPayments },
        },
      },
      async (request, reply) => {
        const staff = staffOf(request);
        return command(ctx, request, reply, {}, async (tx) => {
          const claim = await decideClaimWriteOff(tx, deps, {
            claimId: request.params.id,
            approve: decision === 'approve',
            note: request.body.note?.trim() ?? null,
            staff,
          });
          return answer(tx, claim.id);
        });
      },
    );
  }
};
