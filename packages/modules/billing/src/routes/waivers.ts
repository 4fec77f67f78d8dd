// Waivers: one staff member asks to waive what is left of a bill, another approves or rejects.
import { staffOf } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { inSnapshot } from '@zulin/ledger';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentWaiver, waiverStatuses } from '../api-schemas';
import { approveWaiver } from '../approve-waiver';
import type { BillingDeps } from '../deps';
import { BillingLimits } from '../limits';
import { rejectWaiver } from '../reject-waiver';
import { requestWaiver } from '../request-waiver';
import { presentBillsForStaff } from '../staff-bill-views';
import { listWaiverRequests, nameWaivers } from '../waiver-requests';
import { PageQuery } from './shared';

export const waiverRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: BillingDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone };

  app.post(
    '/v1/admin/bills/:id/waivers',
    {
      config: { auth: { permission: 'bills.write' } },
      schema: {
        tags: ['bills'],
        summary: 'Ask to waive what is left of some lines (or all) of a bill; another staff member approves',
        params: IdParams,
        body: Type.Object(
          {
            reason: Type.String({ minLength: 1, maxLength: BillingLimits.waiverTextLengthMax }),
            positions: Type.Optional(
              Type.Array(Type.Integer({ minimum: 0 }), {
                minItems: 1,
                maxItems: BillingLimits.linesMax,
                uniqueItems: true,
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('BillWaiverRequest') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const [created] = await nameWaivers(tx, ctx.config.masterKey, [
          await requestWaiver(tx, deps, { ...request.body, billId: request.params.id, staff: staffOf(request) }),
        ]);
        assert(created, 'a created waiver request is named');
        return presentWaiver(created);
      }),
  );

  app.get(
    '/v1/admin/bill-waivers',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags: ['bills'],
        summary: 'Waiver requests, newest first (status=pending: the approval queue)',
        querystring: Type.Object({
          status: Type.Optional(
            Type.Unsafe<(typeof waiverStatuses)[number]>(Type.Union(waiverStatuses.map((s) => Type.Literal(s)))),
          ),
          billId: Type.Optional(Type.String({ maxLength: 64 })),
          ...PageQuery,
        }),
        response: {
          200: Type.Object({
            data: Type.Array(Ref('BillWaiverRequest')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const page = await inSnapshot(ctx.database, async (tx) => {
        const found = await listWaiverRequests(tx, request.query);
        return { data: await nameWaivers(tx, ctx.config.masterKey, found.data), nextCursor: found.nextCursor };
      });
      return { data: page.data.map(presentWaiver), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/admin/bill-waivers/:id/approve',
    {
      config: { auth: { permission: 'bills.write' } },
      schema: {
        tags: ['bills'],
        summary: 'Approve a waiver request (not your own): the waiver is booked on what is left now',
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            { note: Type.Optional(Type.String({ maxLength: BillingLimits.waiverTextLengthMax })) },
            { additionalProperties: false },
          ),
        ),
        response: { 200: Type.Object({ request: Ref('BillWaiverRequest'), bill: Ref('AdminBill') }) },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const note = request.body?.note;
        const approved = await approveWaiver(tx, deps, {
          requestId: request.params.id,
          staff: staffOf(request),
          ...(note ? { note } : {}),
        });
        const [named] = await nameWaivers(tx, ctx.config.masterKey, [approved.request]);
        assert(named, 'an approved waiver request is named');
        const [bill] = await presentBillsForStaff(tx, ctx.config.masterKey, [approved.bill]);
        assert(bill, 'the approved bill is presented');
        return { request: presentWaiver(named), bill };
      }),
  );

  app.post(
    '/v1/admin/bill-waivers/:id/reject',
    {
      config: { auth: { permission: 'bills.write' } },
      schema: {
        tags: ['bills'],
        summary: 'Reject a waiver request (not your own), with a note',
        params: IdParams,
        body: Type.Object(
          { note: Type.String({ minLength: 1, maxLength: BillingLimits.waiverTextLengthMax }) },
          { additionalProperties: false },
        ),
        response: { 200: Ref('BillWaiverRequest') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const [rejected] = await nameWaivers(tx, ctx.config.masterKey, [
          await rejectWaiver(tx, deps, {
            requestId: request.params.id,
            staff: staffOf(request),
            note: request.body.note,
          }),
        ]);
        assert(rejected, 'a rejected waiver request is named');
        return presentWaiver(rejected);
      }),
  );
};
