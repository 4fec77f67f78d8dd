// The client of a channel as configured in this app (sandbox or production); refuses an unconfigured one.
import type { AppContext } from '@zulin/platform';
import { alipayClient, type PaymentChannelClient, wechatpayClient } from './channel-clients';
import { channelSettings } from './channel-settings';
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
