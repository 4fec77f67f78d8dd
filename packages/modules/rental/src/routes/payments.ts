// Paying a rental order (pay-order.ts): the first payment through a payments payment order at the
// channel's cashier, or from the wallet balance (`paymentInstrument: 'wallet'`), and the deposit not
// waived through a deposit authorisation at the channel, or held on the wallet
// (`depositInstrument: 'wallet'`). The channel is asked before the command's transaction opens
// (payments records each attempt before it calls); what the wallet pays and holds is checked against
// its available balance before anything is written, then taken in the command's transaction together
// with the order, which records the deposit's answer too. A channel payment's success moves the order
// on later (payments.payment_succeeded); one from the wallet, at once.
import { customerIdOf } from '@zulin/identity';
import { platformAccount } from '@zulin/ledger';
import {
  assertWalletCanHold,
  authorisationChannelClient,
  authoriseDeposit,
  type DepositAuthorisation,
  findOpenPaymentOrder,
  holdDepositOnWallet,
  type PaymentOrder,
  paymentChannelClient,
  startPayment,
} from '@zulin/payments';
import { command, IdParams, Ref, type RoutesPlugin, refuse } from '@zulin/platform';
import { Type } from 'typebox';
import { presentOrder } from '../api-schemas';
import type { RentalDeps } from '../deps';
import { RentalErrors } from '../errors';
import { payFirstPaymentFromWallet } from '../first-payment';
import { checkOrderPayable, firstPaymentPurpose, type PayInstrument, recordDepositAnswer } from '../pay-order';
import { getOrder } from '../read-orders';

const Channel = Type.Unsafe<'alipay' | 'wechatpay'>(Type.Union([Type.Literal('alipay'), Type.Literal('wechatpay')]));
const Instrument = Type.Unsafe<'alipay' | 'wechatpay' | 'wallet'>(
  Type.Union([Type.Literal('alipay'), Type.Literal('wechatpay'), Type.Literal('wallet')]),
);

function presentPayment(p: PaymentOrder | null) {
  if (p === null) return null;
  return {
    id: p.id,
    channel: p.channel,
    amountMinor: p.amountMinor,
    state: p.state,
    cashierUrl: p.state === 'pending' ? p.cashierUrl : null,
  };
}

function presentDeposit(a: DepositAuthorisation | null) {
  if (a === null) return null;
  return {
    id: a.id,
    channel: a.channel,
    state: a.state,
    amountMinor: a.amountMinor,
    creditMinor: a.creditMinor,
    fundMinor: a.fundMinor,
  };
}

export const rentalPaymentRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: RentalDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };

  app.post(
    '/v1/rentals/:id/pay',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'Pay a signed order: the first payment (cashier or wallet) and the deposit not waived held',
        description:
          'Starts (or answers the open) payment of the first payment at the channel’s cashier and asks the same ' +
          'channel to hold the deposit to hold (Alipay fund authorisation or WeChat Pay Score; the credit covers ' +
          'part or all of it). With `paymentInstrument: "wallet"` the wallet balance pays the first payment at ' +
          'once; with `depositInstrument: "wallet"` it holds the deposit. What the wallet pays and holds together ' +
          'is refused with PAYMENTS_WALLET_BALANCE_INSUFFICIENT and nothing written when the available balance is ' +
          'short. `channel` is needed when the cashier or the channel’s hold is used (RENTAL_PAY_CHANNEL_REQUIRED). ' +
          'The order becomes paid when the payment is confirmed and the hold authorised.',
        params: IdParams,
        body: Type.Object(
          {
            channel: Type.Optional(Channel),
            paymentInstrument: Type.Optional(
              Type.Unsafe<PayInstrument>(
                Type.Union([Type.Literal('channel'), Type.Literal('wallet')], {
                  description:
                    'what pays the first payment: `channel` (default: the channel’s cashier) or `wallet` (the ' +
                    'wallet balance, at once)',
                }),
              ),
            ),
            payerToken: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 128,
                description: 'for the deposit hold: the Alipay auth code or the WeChat openid of the payer',
              }),
            ),
            depositInstrument: Type.Optional(
              Type.Unsafe<PayInstrument>(
                Type.Union([Type.Literal('channel'), Type.Literal('wallet')], {
                  description:
                    'what holds the deposit: `channel` (default: the paying channel’s authorisation, needs ' +
                    'payerToken) or `wallet` (a hold on the wallet balance)',
                }),
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            order: Ref('RentalOrder'),
            walletPayment: Type.Union([
              Type.Object({
                amountMinor: Type.Integer({ description: 'the first payment, paid from the wallet balance' }),
                transferId: Type.String({ description: 'the ledger transfer wallet → receivables' }),
              }),
              Type.Null(),
            ]),
            channelPayment: Type.Union([
              Type.Object({
                id: Type.String(),
                channel: Channel,
                amountMinor: Type.Integer(),
                state: Type.String({ description: 'created, pending, succeeded, failed, closed, unknown' }),
                cashierUrl: Type.Union([Type.String(), Type.Null()], { description: 'where the payer pays' }),
              }),
              Type.Null(),
            ]),
            deposit: Type.Union([
              Type.Object({
                id: Type.String(),
                channel: Instrument,
                state: Type.String({ description: 'authorised, unknown, failed, …' }),
                amountMinor: Type.Integer({ description: 'the hold' }),
                creditMinor: Type.Integer({ description: 'of the hold, what the payer’s credit covers' }),
                fundMinor: Type.Integer({ description: 'of the hold, what is frozen in the payer’s account' }),
              }),
              Type.Null(),
            ]),
          }),
        },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      const { channel, payerToken } = request.body;
      const plan = await checkOrderPayable(ctx.database.db, deps, {
        orderId: request.params.id,
        customerId,
        channel,
        payerToken,
        paymentInstrument: request.body.paymentInstrument,
        depositInstrument: request.body.depositInstrument,
      });
      const { order } = plan;
      const walletPays = plan.paymentMinor !== null && plan.paymentInstrument === 'wallet';
      const walletDeposit = plan.depositInstrument === 'wallet' ? plan.deposit : null;
      // A short wallet is refused before anything is written (the command takes the money again, checked).
      if (plan.walletMinor > 0) {
        await assertWalletCanHold(ctx.database.db, deps.clock, customerId, plan.walletMinor, {
          what: !walletPays
            ? 'the deposit hold'
            : walletDeposit === null
              ? 'the first payment'
              : 'the first payment and the deposit hold',
        });
      }
      // The channel is called before the command's transaction opens, never while it is open; the
      // plan asked for `channel` wherever one is used.
      let payment: PaymentOrder | null = null;
      if (plan.paymentMinor !== null && !walletPays && channel !== undefined) {
        const where = { purpose: firstPaymentPurpose, reference: order.id, channel, amountMinor: plan.paymentMinor };
        payment =
          (await findOpenPaymentOrder(ctx.database.db, where)) ??
          (await startPayment(
            ctx.database,
            { clock: deps.clock, client: await paymentChannelClient(ctx, channel) },
            {
              customerId,
              amountMinor: plan.paymentMinor,
              description: '手机租赁首期款',
              purpose: firstPaymentPurpose,
              reference: order.id,
              creditAccountId: (await platformAccount(ctx.database.db, deps.clock, 'customer_receivables')).id,
            },
          ));
      }
      let deposit: DepositAuthorisation | null = null;
      if (plan.deposit !== null && walletDeposit === null && channel !== undefined) {
        deposit = await authoriseDeposit(
          ctx.database,
          { clock: deps.clock, client: await authorisationChannelClient(ctx, channel) },
          {
            customerId,
            amountMinor: plan.deposit.amountMinor,
            outRequestNo: plan.deposit.outRequestNo,
            description: '手机租赁押金',
            reference: order.id,
            payerToken: payerToken ?? '',
          },
        );
      }
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        if (deposit?.state === 'failed') {
          // The refused attempt is counted (the next takes a new request number) and the refusal said
          // (committed); the wallet pays nothing for an order whose hold was refused.
          await recordDepositAnswer(tx, deps, { orderId: order.id, customerId, authorisation: deposit });
          return refuse(RentalErrors.RENTAL_DEPOSIT_NOT_AUTHORISED({ detail: deposit.failureReason ?? undefined }));
        }
        if (walletDeposit !== null) {
          deposit = await holdDepositOnWallet(tx, deps.clock, {
            customerId,
            amountMinor: walletDeposit.amountMinor,
            outRequestNo: walletDeposit.outRequestNo,
            description: '手机租赁押金',
            reference: order.id,
          });
        }
        // A short wallet throws here, and the whole command — the hold above included — rolls back.
        const walletPayment = walletPays
          ? await payFirstPaymentFromWallet(tx, deps, { orderId: order.id, customerId })
          : null;
        await recordDepositAnswer(tx, deps, { orderId: order.id, customerId, authorisation: deposit });
        return {
          order: presentOrder(await getOrder(tx, order.id)),
          walletPayment,
          channelPayment: presentPayment(payment),
          deposit: presentDeposit(deposit),
        };
      });
    },
  );
};
