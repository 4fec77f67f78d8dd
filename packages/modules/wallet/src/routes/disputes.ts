// Disputes on a wallet transaction: opened by the customer, resolved by support within the SLA.
import type { Executor } from '@zulin/db';
import { customerIdOf, staffOf } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { inSnapshot } from '@zulin/ledger';
import { readPaymentsSettings } from '@zulin/payments';
import { command, IdParams, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentAdminDispute, presentDispute } from '../api-schemas';
import { approveDisputeRefund } from '../approve-dispute-refund';
import { declineDisputeRefund } from '../decline-dispute-refund';
import { viewDisputes } from '../dispute-views';
import { type Dispute, getDispute, listDisputes } from '../disputes';
import { WalletLimits } from '../limits';
import { openDispute } from '../open-dispute';
import { resolveDispute } from '../resolve-dispute';
import { customer, Minor } from './shared';

const DisputeTypeSchema = Type.Union([
  Type.Literal('charged_but_failed'),
  Type.Literal('charged_twice'),
  Type.Literal('refund_not_received'),
]);

export const disputeRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  // One approval threshold for every refund staff make: payments' setting (GET/PUT
  // /v1/admin/payments-settings), read in the transaction that decides, so a change applies at once.
  const approvalAboveMinor = async (tx: Executor) => (await readPaymentsSettings(tx)).refundApprovalAboveMinor;
  const presentForStaff = async (tx: Executor, disputes: readonly Dispute[]) => {
    const threshold = await approvalAboveMinor(tx);
    return (await viewDisputes(tx, ctx.config.masterKey, disputes)).map((d) => presentAdminDispute(d, threshold));
  };
  const presentOneForStaff = async (tx: Executor, dispute: Dispute) => {
    const [presented] = await presentForStaff(tx, [dispute]);
    assert(presented, 'one dispute presented');
    return presented;
  };

  app.post(
    '/v1/disputes',
    {
      config: customer,
      schema: {
        tags: ['disputes'],
        summary: 'Dispute a wallet transaction (SLA 3 days)',
        body: Type.Object(
          {
            transferId: Type.String({
              minLength: 1,
              maxLength: 128,
              description: 'the id of a transaction in my wallet history',
            }),
            type: DisputeTypeSchema,
            description: Type.String({ minLength: 1, maxLength: 1000 }),
            evidence: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    kind: Type.Union([Type.Literal('text'), Type.Literal('upload')]),
                    text: Type.Optional(Type.String({ maxLength: 1000 })),
                    uploadId: Type.Optional(Type.String({ maxLength: 64 })),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: WalletLimits.disputeEvidenceMax },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('Dispute') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentDispute(
          await openDispute(tx, ctx.clock, {
            ...request.body,
            customerId: customerIdOf(request),
            evidence: request.body.evidence ?? [],
          }),
        ),
      ),
  );

  app.get(
    '/v1/disputes/:id',
    {
      config: customer,
      schema: {
        tags: ['disputes'],
        summary: 'One of my disputes',
        params: IdParams,
        response: { 200: Ref('Dispute') },
      },
    },
    async (request) => presentDispute(await getDispute(db, ctx.clock, request.params.id, customerIdOf(request))),
  );

  app.get(
    '/v1/disputes',
    {
      config: customer,
      schema: {
        tags: ['disputes'],
        summary: 'My disputes, newest first',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(Ref('Dispute')) },
      },
    },
    async (request) => {
      const page = await listDisputes(db, ctx.clock, { ...request.query, customerId: customerIdOf(request) });
      return { data: page.data.map(presentDispute), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/admin/disputes',
    {
      config: { auth: { permission: 'disputes.read' } },
      schema: {
        tags: ['disputes'],
        summary: 'Dispute queue: open cases by SLA due time (status=open), or all newest first',
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('rejected')])),
          customerId: Type.Optional(Type.String({ maxLength: 64 })),
          breached: Type.Optional(
            Type.Boolean({ description: 'true: only disputes the SLA tick marked breached; false: only the others' }),
          ),
          ...PageQuery,
        }),
        response: { 200: PageOf(Ref('AdminDispute')) },
      },
    },
    async (request) =>
      inSnapshot(ctx.database, async (tx) => {
        const page = await listDisputes(tx, ctx.clock, request.query);
        return { data: await presentForStaff(tx, page.data), nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/v1/admin/disputes/:id',
    {
      config: { auth: { permission: 'disputes.read' } },
      schema: { tags: ['disputes'], summary: 'One dispute', params: IdParams, response: { 200: Ref('AdminDispute') } },
    },
    async (request) =>
      inSnapshot(ctx.database, async (tx) =>
        presentOneForStaff(tx, await getDispute(tx, ctx.clock, request.params.id)),
      ),
  );

  app.post(
    '/v1/admin/disputes/:id/resolve',
    {
      config: { auth: { permission: 'disputes.handle' } },
      schema: {
        tags: ['disputes'],
        summary:
          'Resolve a dispute: refund (from suspense), reversal (of the disputed charge) or reject; a refund or reversal above the approval amount is proposed and waits for a second staff member',
        params: IdParams,
        body: Type.Object(
          {
            outcome: Type.Union([Type.Literal('refund'), Type.Literal('reversal'), Type.Literal('rejected')]),
            amountMinor: Type.Optional(Minor('defaults to the disputed amount')),
            note: Type.String({ minLength: 1, maxLength: 1000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ref('AdminDispute') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentOneForStaff(
          tx,
          await resolveDispute(tx, ctx.clock, {
            disputeId: request.params.id,
            staff: staffOf(request),
            approvalAboveMinor: await approvalAboveMinor(tx),
            ...request.body,
          }),
        ),
      ),
  );

  app.post(
    '/v1/admin/disputes/:id/approve-refund',
    {
      config: { auth: { permission: 'disputes.handle' } },
      schema: {
        tags: ['disputes'],
        summary: 'Approve a proposed refund or reversal (not your own): the money moves now',
        params: IdParams,
        response: { 200: Ref('AdminDispute') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentOneForStaff(
          tx,
          await approveDisputeRefund(tx, ctx.clock, { disputeId: request.params.id, staff: staffOf(request) }),
        ),
      ),
  );

  app.post(
    '/v1/admin/disputes/:id/decline-refund',
    {
      config: { auth: { permission: 'disputes.handle' } },
      schema: {
        tags: ['disputes'],
        summary: 'Decline a proposed refund or reversal, with a note: nothing moves and the case stays open',
        params: IdParams,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
        response: { 200: Ref('AdminDispute') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentOneForStaff(
          tx,
          await declineDisputeRefund(tx, ctx.clock, {
            disputeId: request.params.id,
            staff: staffOf(request),
            note: request.body.note,
          }),
        ),
      ),
  );
};
