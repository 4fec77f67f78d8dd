// Demo data only (seeds run before the server listens, so no HTTP): a recorded payment order is paid
// through the sandbox in-process, as a person would at its cashier — the sandbox opens the trade for
// our out_trade_no (what its gateway does on our create), the cashier's pay button marks it paid and
// queues the channel's signed callback, and we apply what the channel now reports (as the janitor's
// query would), posting clearing → the order's account. The callback, when the sweep later sends it,
// is a duplicate and changes nothing. Refused outside sandbox mode.
import { type Database, transaction } from '@zulin/db';
import { assert } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { channelSettings, merchantIdOf } from './channel-settings';
import { PaymentsErrors } from './errors';
import { applyChannelTrade, getPaymentOrder, type PaymentOrder, recordSubmission } from './payment-orders';
import { sandboxKeys } from './sandbox-keys';
import { actAtCashier, openTrade, sandboxCashierUrl } from './sandbox-trades';

export async function payInSandbox(ctx: AppContext, database: Database, orderId: string): Promise<PaymentOrder> {
  if (!ctx.config.sandbox) throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({ detail: 'Sandbox mode only.' });
  const settings = await channelSettings(ctx);
  const keys = await sandboxKeys(database.db, ctx.clock.now());
  const deps = { clock: ctx.clock, keys };
  return transaction(database, async (tx) => {
    const order = await getPaymentOrder(tx, orderId);
    if (order.state === 'succeeded') return order;
    const merchantId = merchantIdOf(settings, order.channel);
    const notifyUrl = order.channel === 'wechatpay' ? settings.wechatpay?.notifyUrl : settings.alipay?.notifyUrl;
    assert(merchantId !== undefined && notifyUrl !== undefined, 'the sandbox configures both channels');
    const opened = await openTrade(tx, deps, {
      channel: order.channel,
      merchantId,
      outTradeNo: order.outTradeNo,
      amountMinor: order.amountMinor,
      description: order.description,
      notifyUrl,
    });
    assert('trade' in opened, 'a recorded order opens its sandbox trade');
    await recordSubmission(tx, ctx.clock, order.id, {
      outcome: 'ok',
      value: { cashierUrl: sandboxCashierUrl(opened.trade) },
    });
    const paid = await actAtCashier(tx, deps, opened.trade.id, 'pay');
    assert('trade' in paid, 'an open sandbox trade can be paid');
    const applied = await applyChannelTrade(tx, ctx.clock, {
      state: 'paid',
      merchantId,
      amountMinor: paid.trade.amountMinor,
      channelTradeNo: paid.trade.channelTradeNo,
      channel: order.channel,
      outTradeNo: order.outTradeNo,
      expectedMerchantId: merchantId,
      source: 'sandbox_seed',
    });
    assert(applied?.state === 'succeeded', 'the demo payment succeeded');
    return applied;
  });
}
