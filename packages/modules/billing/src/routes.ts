// Billing's HTTP API: a customer's bills and paying them from the wallet; staff search, manual
// charges and waivers. Thin: validate, authorize, call the use case, shape the reply.
import { customerIdOf, staffOf } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import {
  BillPaymentSchema,
  BillSchema,
  BillWaiverRequestSchema,
  presentBill,
  presentPayment,
  presentWaiver,
  waiverStatuses,
} from './api-schemas';
import type { BillingDeps } from './deps';
import { issueManualCharge } from './issue-manual-charge';
import { type BillLineKind, billLineKinds, billStatuses } from './kinds';
import { BillingLimits } from './limits';
import { payBillFromWallet } from './pay-bill';
import { type BillFilter, getBill, listBills, outstandingSummary } from './read-bills';
import { inTransaction } from './run';
import { approveWaiver, listWaiverRequests, nameWaivers, rejectWaiver, requestWaiver } from './waiver-requests';

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'page size (default 20, at most 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 1024 })),
};
const StatusFilter = Type.Optional(
  Type.Union(
    [...billStatuses, 'unpaid'].map((s) => Type.Literal(s)),
    {
      description: 'unpaid = open or overdue (listed soonest due first)',
    },
  ),
);
const BillPage = Type.Object({
  data: Type.Array(Type.Unsafe({ $ref: 'Bill#' })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
const ref = (id: string) => Type.Unsafe({ $ref: `${id}#` });

export const billingRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(BillPaymentSchema);
  app.addSchema(BillSchema);
  app.addSchema(BillWaiverRequestSchema);
  const deps: BillingDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone };
  const run = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(ctx.database, fn);

  app.get(
    '/v1/bills',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['bills'],
        summary: 'My bills (rent, installments, fees), with what is still owed',
        querystring: Type.Object({ status: StatusFilter, ...PageQuery }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            data: Type.Array(ref('Bill')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            summary: Type.Object({
              unpaidMinor: Type.Integer(),
              overdueMinor: Type.Integer(),
              unpaidBills: Type.Integer(),
            }),
          }),
        },
      },
    },
    async (request) => {
      const customerId = customerIdOf(request);
      const { status, limit, cursor } = request.query as { status?: BillFilter; limit?: number; cursor?: string };
      // The caller's own id, never one from the query string.
      const [page, summary] = await run(
        async (tx) =>
          [
            await listBills(tx, deps, { customerId, status, limit, cursor }),
            await outstandingSummary(tx, customerId),
          ] as const,
      );
      return { data: page.data.map(presentBill), nextCursor: page.nextCursor, summary };
    },
  );

  app.get(
    '/v1/bills/:id',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['bills'],
        summary: 'One of my bills, its lines and payments',
        params: Id,
        response: { 200: ref('Bill') },
      },
    },
    async (request) =>
      presentBill(await run((tx) => getBill(tx, deps, (request.params as { id: string }).id, customerIdOf(request)))),
  );

  app.post(
    '/v1/bills/:id/pay',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['bills'],
        summary: 'Pay a bill from the wallet, in full (default) or in part',
        params: Id,
        body: Type.Object(
          {
            method: Type.Literal('wallet', {
              description: 'wallet balance (card and channel payments arrive with the payments module)',
            }),
            amountMinor: Type.Optional(Type.Integer({ minimum: 1, description: 'defaults to what is still owed' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ payment: ref('BillPayment'), bill: ref('Bill') }) },
      },
    },
    async (request, reply) => {
      const body = request.body as { amountMinor?: number };
      const result = await run((tx) =>
        payBillFromWallet(tx, deps, {
          billId: (request.params as { id: string }).id,
          customerId: customerIdOf(request),
          ...(body.amountMinor === undefined ? {} : { amountMinor: body.amountMinor }),
        }),
      );
      return reply.status(201).send({ payment: presentPayment(result.payment), bill: presentBill(result.bill) });
    },
  );

  app.get(
    '/v1/admin/bills',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags: ['bills'],
        summary: 'Search bills by customer, status, source and due date',
        querystring: Type.Object({
          customerId: Type.Optional(Type.String({ maxLength: 64 })),
          status: StatusFilter,
          sourceType: Type.Optional(Type.String({ maxLength: BillingLimits.sourceTypeLengthMax })),
          sourceId: Type.Optional(Type.String({ maxLength: BillingLimits.sourceIdLengthMax })),
          dueFrom: Type.Optional(DateString),
          dueTo: Type.Optional(DateString),
          ...PageQuery,
        }),
        response: { 200: BillPage },
      },
    },
    async (request) => {
      const page = await run((tx) => listBills(tx, deps, request.query as Parameters<typeof listBills>[2]));
      return { data: page.data.map(presentBill), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/admin/bills/:id',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags: ['bills'],
        summary: 'One bill with its lines and payments',
        params: Id,
        response: { 200: ref('Bill') },
      },
    },
    async (request) => presentBill(await run((tx) => getBill(tx, deps, (request.params as { id: string }).id))),
  );

  app.post(
    '/v1/admin/bills',
    {
      config: { auth: { permission: 'bills.write' } },
      schema: {
        tags: ['bills'],
        summary: 'Issue a one-off charge to a customer (a fee, damage, a penalty); audited',
        body: Type.Object(
          {
            customerId: Type.String({ maxLength: 64 }),
            title: Type.String({ minLength: 1, maxLength: BillingLimits.titleLengthMax }),
            dueDate: DateString,
            lines: Type.Array(
              Type.Object(
                {
                  kind: Type.Union(billLineKinds.map((k) => Type.Literal(k))),
                  description: Type.String({ minLength: 1, maxLength: BillingLimits.descriptionLengthMax }),
                  amountMinor: Type.Integer({ minimum: 1, maximum: BillingLimits.billMaxMinor }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: BillingLimits.linesMax },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: ref('Bill') },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        customerId: string;
        title: string;
        dueDate: string;
        lines: { kind: BillLineKind; description: string; amountMinor: number }[];
      };
      const bill = await run((tx) => issueManualCharge(tx, deps, { staff: staffOf(request), ...body }));
      return reply.status(201).send(presentBill(bill));
    },
  );

  app.post(
    '/v1/admin/bills/:id/waivers',
    {
      config: { auth: { permission: 'bills.write' } },
      schema: {
        tags: ['bills'],
        summary: 'Ask to waive what is left of some lines (or all) of a bill; another staff member approves',
        params: Id,
        body: Type.Object(
          {
            reason: Type.String({ minLength: 1, maxLength: 500 }),
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
        response: { 201: ref('BillWaiverRequest') },
      },
    },
    async (request, reply) => {
      const body = request.body as { reason: string; positions?: number[] };
      const [created] = await run(async (tx) =>
        nameWaivers(tx, [
          await requestWaiver(tx, deps, {
            ...body,
            billId: (request.params as { id: string }).id,
            staff: staffOf(request),
          }),
        ]),
      );
      assert(created, 'a created waiver request is named');
      return reply.status(201).send(presentWaiver(created));
    },
  );

  app.get(
    '/v1/admin/bill-waivers',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags: ['bills'],
        summary: 'Waiver requests, newest first (status=pending: the approval queue)',
        querystring: Type.Object({
          status: Type.Optional(Type.Union(waiverStatuses.map((s) => Type.Literal(s)))),
          billId: Type.Optional(Type.String({ maxLength: 64 })),
          ...PageQuery,
        }),
        response: {
          200: Type.Object({
            data: Type.Array(ref('BillWaiverRequest')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const page = await run(async (tx) => {
        const found = await listWaiverRequests(tx, request.query as Parameters<typeof listWaiverRequests>[1]);
        return { data: await nameWaivers(tx, found.data), nextCursor: found.nextCursor };
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
        params: Id,
        body: Type.Optional(
          Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
        ),
        response: { 200: Type.Object({ request: ref('BillWaiverRequest'), bill: ref('Bill') }) },
      },
    },
    async (request) => {
      const note = (request.body as { note?: string } | undefined)?.note;
      const result = await run(async (tx) => {
        const approved = await approveWaiver(tx, deps, {
          requestId: (request.params as { id: string }).id,
          staff: staffOf(request),
          ...(note ? { note } : {}),
        });
        return { ...approved, named: await nameWaivers(tx, [approved.request]) };
      });
      const [named] = result.named;
      assert(named, 'an approved waiver request is named');
      return { request: presentWaiver(named), bill: presentBill(result.bill) };
    },
  );

  app.post(
    '/v1/admin/bill-waivers/:id/reject',
    {
      config: { auth: { permission: 'bills.write' } },
      schema: {
        tags: ['bills'],
        summary: 'Reject a waiver request (not your own), with a note',
        params: Id,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: ref('BillWaiverRequest') },
      },
    },
    async (request) => {
      const { note } = request.body as { note: string };
      const [rejected] = await run(async (tx) =>
        nameWaivers(tx, [
          await rejectWaiver(tx, deps, {
            requestId: (request.params as { id: string }).id,
            staff: staffOf(request),
            note,
          }),
        ]),
      );
      assert(rejected, 'a rejected waiver request is named');
      return presentWaiver(rejected);
    },
  );
};
