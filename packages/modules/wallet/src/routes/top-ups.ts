// Top-ups: a payment order of the payments module at Alipay or WeChat Pay; the wallet is credited
// when the channel confirms. In sandbox mode the customer pays at the sandbox's cashier (H5 /cashier).
import { customerIdOf } from '@zulin/identity';
import { paymentChannelClient, submitPayment } from '@zulin/payments';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentTopUp } from '../api-schemas';
import { createTopUp } from '../create-top-up';
import { WalletLimits } from '../limits';
import { getTopUp, type TopUpChannel } from '../top-ups';
import { customer, Minor } from './shared';

export const topUpRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    '/v1/wallet/top-ups',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary:
          'Start a top-up: a payment order at Alipay or WeChat Pay (paymentId: GET /v1/payments/{id} gives the cashier); the wallet is credited when the channel confirms',
        body: Type.Object(
          {
            amountMinor: Minor(`amount to add, ${WalletLimits.topUpMinMinor} to ${WalletLimits.topUpMaxMinor}`),
            channel: Type.Optional(
              Type.Unsafe<TopUpChannel>(
                Type.Union([Type.Literal('alipay'), Type.Literal('wechatpay')], {
                  description: 'the payment channel (default alipay)',
                }),
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('WalletTopUp') },
      },
    },
    async (request, reply) => {
      const channel = request.body.channel ?? 'alipay';
      // The top-up, its payment order and the key's answer commit together; the channel is called
      // after the commit (payments' sweep sends an order this request did not get to).
      const client = await paymentChannelClient(ctx, channel);
      const answer = await command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentTopUp(
          await createTopUp(tx, ctx.clock, {
            amountMinor: request.body.amountMinor,
            channel,
            customerId: customerIdOf(request),
          }),
        ),
      );
      if (answer.paymentId && answer.paymentState === 'created') {
        try {
          await submitPayment(ctx.database, { clock: ctx.clock, client }, answer.paymentId);
        } catch (error) {
          request.log.warn(
            { err: error, paymentId: answer.paymentId },
            'submitting the top-up failed; the sweep retries',
          );
        }
      }
      return answer;
    },
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
};
