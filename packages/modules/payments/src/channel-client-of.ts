// The client of a channel as configured in this app (sandbox or production); refuses an unconfigured one.

import type { AppContext } from '@zulin/platform';
import { type AgreementChannelClient, alipayAgreementClient } from './agreement-clients';
import {
  type AuthorisationChannelClient,
  alipayAuthorisationClient,
  wechatpayAuthorisationClient,
} from './authorisation-clients';
import { alipayClient, type PaymentChannelClient, wechatpayClient } from './channel-clients';
import { channelSettings, merchantIdOf } from './channel-settings';
import { PaymentsErrors } from './errors';
import type { PaymentChannelName } from './schema';

export async function paymentChannelClient(
  ctx: AppContext,
  channel: PaymentChannelName,
): Promise<PaymentChannelClient> {
  const settings = await channelSettings(ctx);
  if (channel === 'wechatpay' && settings.wechatpay) return wechatpayClient(settings.wechatpay, ctx.clock);
  if (channel === 'alipay' && settings.alipay) return alipayClient(settings.alipay, ctx.clock);
  throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({ detail: `${channel} is not configured on this server.` });
}

/** The deposit-authorisation client of a channel as configured here; refuses an unconfigured one. */
export async function authorisationChannelClient(
  ctx: AppContext,
  channel: PaymentChannelName,
): Promise<AuthorisationChannelClient> {
  const settings = await channelSettings(ctx);
  const client =
    channel === 'wechatpay' && settings.wechatpay
      ? wechatpayAuthorisationClient(settings.wechatpay, ctx.clock)
      : channel === 'alipay' && settings.alipay
        ? alipayAuthorisationClient(settings.alipay, ctx.clock)
        : undefined;
  if (!client) {
    throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({
      detail: `${channel} deposit authorisation is not configured on this server.`,
    });
  }
  return client;
}

/** The auto-debit agreement client of a channel (Alipay cycle pay); refuses an unconfigured one. */
export async function agreementChannelClient(
  ctx: AppContext,
  channel: PaymentChannelName,
): Promise<AgreementChannelClient> {
  const settings = await channelSettings(ctx);
  if (channel === 'alipay' && settings.alipay) {
    const trades = alipayClient(settings.alipay, ctx.clock);
    return alipayAgreementClient(settings.alipay, ctx.clock, (no) => trades.query(no));
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
