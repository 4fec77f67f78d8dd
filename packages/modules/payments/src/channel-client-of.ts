// The client of a channel as configured in this app (sandbox or production); refuses an unconfigured one.

import type { AppContext } from '@zulin/platform';
import { type AgreementChannelClient, alipayAgreementClient } from './agreement-clients';
import {
  type AuthorisationChannelClient,
  alipayAuthorisationClient,
  wechatpayAuthorisationClient,
} from './authorisation-clients';
import { channelGuard } from './channel-breakers';
import { alipayClient, type PaymentChannelClient, wechatpayClient } from './channel-clients';
import { channelSettings, merchantIdOf } from './channel-settings';
import { PaymentsErrors } from './errors';
import type { AuthorisationInstrumentName, PaymentChannelName } from './schema';
import { type WalletInstrument, walletInstrument } from './wallet-holds';
import { wechatpayAgreementClient } from './wechatpay-agreement-clients';

export async function paymentChannelClient(
  ctx: AppContext,
  channel: PaymentChannelName,
): Promise<PaymentChannelClient> {
  const settings = await channelSettings(ctx);
  const guard = channelGuard(ctx.database, ctx.clock, channel);
  if (channel === 'wechatpay' && settings.wechatpay) return wechatpayClient(settings.wechatpay, ctx.clock, guard);
  if (channel === 'alipay' && settings.alipay) return alipayClient(settings.alipay, ctx.clock, guard);
  throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({ detail: `${channel} is not configured on this server.` });
}

/** The deposit-authorisation client of a channel as configured here (or the wallet); refuses an unconfigured one. */
export async function authorisationChannelClient(
  ctx: AppContext,
  channel: AuthorisationInstrumentName,
): Promise<AuthorisationChannelClient | WalletInstrument> {
  // The wallet hold is ours alone: there in every mode, production included.
  if (channel === 'wallet') return walletInstrument;
  const settings = await channelSettings(ctx);
  const guard = channelGuard(ctx.database, ctx.clock, channel);
  const client =
    channel === 'wechatpay' && settings.wechatpay
      ? wechatpayAuthorisationClient(settings.wechatpay, ctx.clock, guard)
      : channel === 'alipay' && settings.alipay
        ? alipayAuthorisationClient(settings.alipay, ctx.clock, guard)
        : undefined;
  if (!client) {
    throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({
      detail: `${channel} deposit authorisation is not configured on this server.`,
    });
  }
  return client;
}

/**
 * The auto-debit agreement client of a channel (Alipay cycle pay; WeChat entrusted debit, which also
 * needs ZULIN_WECHATPAY_PAPAY_PLAN_ID); refuses an unconfigured one.
 */
export async function agreementChannelClient(
  ctx: AppContext,
  channel: PaymentChannelName,
): Promise<AgreementChannelClient> {
  const settings = await channelSettings(ctx);
  if (channel === 'alipay' && settings.alipay) {
    const guard = channelGuard(ctx.database, ctx.clock, channel);
    const trades = alipayClient(settings.alipay, ctx.clock, guard);
    return alipayAgreementClient(settings.alipay, ctx.clock, (no) => trades.query(no), guard);
  }
  const wechatpay = settings.wechatpay;
  if (channel === 'wechatpay' && wechatpay?.papayPlanId) {
    const guard = channelGuard(ctx.database, ctx.clock, channel);
    const trades = wechatpayClient(wechatpay, ctx.clock, guard);
    const papayPlanId = wechatpay.papayPlanId;
    return wechatpayAgreementClient({ ...wechatpay, papayPlanId }, ctx.clock, (no) => trades.query(no), guard);
  }
  throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({
    detail: `${channel} auto-debit agreements are not available on this server.`,
  });
}

/** A configured channel's payment client with the merchant id its answers must carry; undefined if not configured. */
export async function configuredPaymentChannel(
  ctx: AppContext,
  channel: PaymentChannelName,
): Promise<{ client: PaymentChannelClient; merchantId: string } | undefined> {
  const merchantId = merchantIdOf(await channelSettings(ctx), channel);
  if (merchantId === undefined) return undefined;
  return { client: await paymentChannelClient(ctx, channel), merchantId };
}
