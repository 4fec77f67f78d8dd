// Points (100 = ¥1 off) and, for staff, points awards and cashback.
import { customerIdOf } from '@zulin/identity';
import { command, IdString, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { awardPoints } from '../award-points';
import { grantCashback } from '../cashback';
import type { WalletDeps } from '../deps';
import { WalletLimits } from '../limits';
import { pointsSummary } from '../points';
import { redeemPoints } from '../redeem-points';
import { customer, Minor } from './shared';

export const pointsRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: WalletDeps = { clock: ctx.clock, masterKey: ctx.config.masterKey, timeZone: ctx.config.timeZone };

  app.get(
    '/v1/points',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'My points: balance, cash value (100 points = ¥1) and lots by expiry',
        response: { 200: Ref('Points') },
      },
    },
    async (request) => {
      const p = await pointsSummary(ctx.database.db, ctx.clock, customerIdOf(request));
      return {
        ...p,
        lots: p.lots.map((l) => ({ ...l, earnedAt: l.earnedAt.toISOString(), expiresAt: l.expiresAt.toISOString() })),
      };
    },
  );

  app.post(
    '/v1/points/redemptions',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Redeem points into my wallet: 100 points = ¥1, oldest points first',
        body: Type.Object(
          { points: Type.Integer({ minimum: 100, maximum: 100_000_000, multipleOf: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ points: Type.Integer(), creditedMinor: Type.Integer(), transferId: Type.String() }),
        },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        redeemPoints(tx, ctx.clock, { customerId: customerIdOf(request), points: request.body.points }),
      ),
  );

  app.post(
    '/v1/admin/wallet/points-awards',
    {
      config: { auth: { permission: 'wallet.manage' } },
      schema: {
        tags: ['wallet-admin'],
        summary: 'Award points to a customer (once per sourceRef)',
        body: Type.Object(
          {
            customerId: IdString('the customer'),
            points: Type.Integer({ minimum: 1, maximum: WalletLimits.pointsAwardMax }),
            reason: Type.String({ minLength: 1, maxLength: 100 }),
            sourceRef: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ lotId: Type.String(), awarded: Type.Boolean() }) },
      },
    },
    (request, reply) => command(ctx, request, reply, { status: 201 }, (tx) => awardPoints(tx, deps, request.body)),
  );

  app.post(
    '/v1/admin/wallet/cashbacks',
    {
      config: { auth: { permission: 'wallet.manage' } },
      schema: {
        tags: ['wallet-admin'],
        summary: 'Grant cashback into a customer wallet from marketing expense (once per sourceRef)',
        body: Type.Object(
          {
            customerId: IdString('the customer'),
            amountMinor: Minor(`cashback, at most ${WalletLimits.cashbackMaxMinor}`),
            reason: Type.String({ minLength: 1, maxLength: 100 }),
            sourceRef: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ cashbackId: Type.String(), granted: Type.Boolean() }) },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) => grantCashback(tx, ctx.clock, request.body)),
  );
};
