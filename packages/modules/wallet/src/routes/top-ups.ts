// Top-ups: a payment order at a channel; the wallet is credited when the channel confirms. In
// sandbox mode, the sandbox cashier's "pay" button.
import { customerIdOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentTopUp } from '../api-schemas';
import { createTopUp } from '../create-top-up';
import type { WalletDeps } from '../deps';
import { WalletLimits } from '../limits';
import { payAtSandboxCashier } from '../pay-at-sandbox-cashier';
import { getTopUp } from '../top-ups';
import { customer, Minor } from './shared';

export const topUpRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: WalletDeps = { clock: ctx.clock, masterKey: ctx.config.masterKey, timeZone: ctx.config.timeZone };

  app.post(
    '/v1/wallet/top-ups',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Start a top-up: a payment order at a channel; the wallet is credited when the channel confirms',
        body: Type.Object(
          {
            amountMinor: Minor(`amount to add, ${WalletLimits.topUpMinMinor} to ${WalletLimits.topUpMaxMinor}`),
            channel: Type.Optional(Type.Literal('sandbox')),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('WalletTopUp') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentTopUp(await createTopUp(tx, ctx.clock, { ...request.body, customerId: customerIdOf(request) })),
      ),
  );

  app.get(
    '/v1/wallet/top-ups/:id',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'One of my top-ups and its status',
        params: IdParams,
        response: { 200: Ref('WalletTopUp') },
      },
    },
    async (request) => presentTopUp(await getTopUp(ctx.database.db, customerIdOf(request), request.params.id)),
  );

  if (!ctx.config.sandbox) return;
  app.post(
    '/v1/wallet/sandbox-cashier/:outTradeNo/pay',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['sandbox'],
        summary: 'Sandbox cashier: pay (or fail) a top-up; the channel then sends its signed notification',
        description: 'Only in sandbox mode.',
        params: Type.Object({ outTradeNo: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Optional(
          Type.Object({ outcome: Type.Optional(Type.Union([Type.Literal('succeeded'), Type.Literal('failed')])) }),
        ),
        response: { 202: Type.Object({ notificationId: Type.String(), duplicate: Type.Boolean() }) },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 202 }, (tx) =>
        payAtSandboxCashier(tx, deps, request.params.outTradeNo, request.body?.outcome),
      ),
  );
};
