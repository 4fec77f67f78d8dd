// AA bill splits: ask friends by phone to pay equal shares into my wallet.
import { customerIdOf, parsePhone } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentBillSplit } from '../api-schemas';
import { getBillSplit, listBillSplits } from '../bill-splits';
import { createBillSplit } from '../create-bill-split';
import type { WalletDeps } from '../deps';
import { WalletLimits } from '../limits';
import { payBillSplitShare } from '../pay-bill-split-share';
import { customer, Minor } from './shared';

export const billSplitRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: WalletDeps = { clock: ctx.clock, masterKey: ctx.config.masterKey, timeZone: ctx.config.timeZone };

  app.post(
    '/v1/bill-splits',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Split a bill (AA): ask friends by phone to pay equal shares into my wallet',
        body: Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 60 }),
            totalMinor: Minor('the whole bill'),
            friendPhones: Type.Array(Type.String({ maxLength: 20 }), {
              minItems: 1,
              maxItems: WalletLimits.billSplitFriendsMax,
            }),
            includeRequester: Type.Optional(
              Type.Boolean({ default: true, description: 'I pay a share too (it counts as paid)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('BillSplit') },
      },
    },
    (request, reply) => {
      const body = request.body;
      const friendPhones = body.friendPhones.map((p, i) => parsePhone(p, `/body/friendPhones/${i}`));
      return command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentBillSplit(
          await createBillSplit(tx, deps, {
            customerId: customerIdOf(request),
            title: body.title,
            totalMinor: body.totalMinor,
            friendPhones,
            includeRequester: body.includeRequester ?? true,
          }),
        ),
      );
    },
  );

  app.get(
    '/v1/bill-splits',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Bill splits I asked for or was asked to pay (latest 50)',
        response: { 200: Type.Object({ data: Type.Array(Ref('BillSplit')) }) },
      },
    },
    async (request) => ({
      data: (await listBillSplits(ctx.database.db, deps.masterKey, customerIdOf(request))).map(presentBillSplit),
    }),
  );

  app.get(
    '/v1/bill-splits/:id',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'One bill split and its shares',
        params: IdParams,
        response: { 200: Ref('BillSplit') },
      },
    },
    async (request) =>
      presentBillSplit(await getBillSplit(ctx.database.db, deps.masterKey, customerIdOf(request), request.params.id)),
  );

  app.post(
    '/v1/bill-splits/:id/pay',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Pay my share of a bill split from my wallet',
        params: IdParams,
        response: { 200: Ref('BillSplit') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentBillSplit(
          await payBillSplitShare(tx, deps, { customerId: customerIdOf(request), splitId: request.params.id }),
        ),
      ),
  );
};
