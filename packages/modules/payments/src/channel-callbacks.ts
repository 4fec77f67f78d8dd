// The channels' callbacks at `POST /v1/webhooks/wechatpay` and `/v1/webhooks/alipay`: verified over
// the exact bytes (WeChat Pay: signature, 300 s, either key mode; Alipay: RSA2 over the values decoded
// once), stored in the inbox, acknowledged in each channel's own format, then applied once by the
// inbox handler through `applyChannelTrade` (the agreement notifications through
// `applyAlipayAgreementNotify` and `applyWechatpayAgreementNotify`).
import type { Executor } from '@zulin/db';
import { emitEvent } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import type { AppContext, WebhookVerifier } from '@zulin/platform';
import { SignatureErrors } from '@zulin/platform';
import { agreementNotifyTypes, applyAlipayAgreementNotify } from './agreement-notify';
import { parseAlipayForm, verifyAlipayNotify } from './alipay-protocol';
import { applyRefundCallback } from './apply-refund-callback';
import { fenToMinor, yuanToMinor } from './channel-amounts';
import type { AlipaySettings, ChannelSettings, WechatpaySettings } from './channel-settings';
import { channelSettings } from './channel-settings';
import { channelTime } from './channel-times';
import { PaymentsErrors } from './errors';
import { applyChannelTrade } from './payment-orders';
import { applyWechatpayAgreementNotify, wechatpayAgreementEventTypes } from './wechatpay-agreement-notify';
import { decryptWechatpayResource, verifyWechatpayMessage, type WechatpayResource } from './wechatpay-protocol';

function unconfigured(channel: string): never {
  throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({ detail: `${channel} is not configured on this server.` });
}

function envelopeOf(body: string): { id: string; event_type: string; resource: WechatpayResource } {
  try {
    const parsed = JSON.parse(body) as { id?: unknown; event_type?: unknown; resource?: unknown };
    if (
      typeof parsed.id === 'string' &&
      typeof parsed.event_type === 'string' &&
      typeof parsed.resource === 'object' &&
      parsed.resource !== null
    ) {
      return parsed as { id: string; event_type: string; resource: WechatpayResource };
    }
  } catch {
    // fall through
  }
  throw PaymentsErrors.PAYMENTS_MESSAGE_INVALID({ detail: 'A WeChat Pay callback has id, event_type and resource.' });
}

export function paymentsWebhookVerifiers(ctx: AppContext): Record<string, WebhookVerifier> {
  const settings = (): Promise<ChannelSettings> => channelSettings(ctx);
  return {
    wechatpay: {
      async verify({ rawBody, headers, now }) {
        const wechatpay = (await settings()).wechatpay ?? unconfigured('WeChat Pay');
        const body = rawBody.toString('utf8');
        verifyWechatpayMessage(headers, body, wechatpay.keyring, now);
        const envelope = envelopeOf(body);
        return { eventId: envelope.id, eventType: envelope.event_type };
      },
      // WeChat Pay takes 200 or 204 without a body as the acknowledgement.
      acknowledge: () => ({ status: 204, body: undefined }),
    },
    alipay: {
      async verify({ rawBody }) {
        const alipay = (await settings()).alipay ?? unconfigured('Alipay');
        const params = parseAlipayForm(rawBody.toString('utf8'));
        verifyAlipayNotify(params, alipay.alipayPublicKey);
        const agreement = agreementNotifyTypes.has(params.notify_type ?? '');
        if (!params.notify_id || !(agreement ? params.external_agreement_no : params.out_trade_no)) {
          throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({
            detail: 'notify_id and out_trade_no (external_agreement_no for an agreement) are required.',
          });
        }
        return { eventId: params.notify_id, eventType: params.trade_status ?? params.notify_type ?? 'unknown' };
      },
      // Alipay stops retrying only on the exact text "success".
      acknowledge: () => ({ status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' }),
    },
  };
}

/** Applies a stored WeChat Pay callback (already verified when it arrived). */
export async function applyWechatpayCallback(
  tx: Executor,
  clock: Clock,
  settings: WechatpaySettings,
  body: string,
): Promise<void> {
  const envelope = envelopeOf(body);
  const refund = envelope.event_type.startsWith('REFUND.');
  const contract = wechatpayAgreementEventTypes.has(envelope.event_type);
  if (!envelope.event_type.startsWith('TRANSACTION.') && !refund && !contract) return;
  let transaction: Record<string, unknown>;
  try {
    transaction = JSON.parse(decryptWechatpayResource(envelope.resource, settings.apiV3Key)) as Record<string, unknown>;
  } catch {
    await emitEvent(tx, clock.now(), {
      type: 'payments.message_refused',
      aggregateType: 'payment',
      aggregateId: envelope.id.slice(0, 64),
      payload: { channel: 'wechatpay', outTradeNo: '', why: 'the resource does not decrypt with our APIv3 key' },
    });
    return;
  }
  if (contract) {
    await applyWechatpayAgreementNotify(tx, clock, settings, envelope.event_type, transaction);
    return;
  }
  const amount = (transaction.amount ?? {}) as Record<string, unknown>;
  if (refund) {
    await applyRefundCallback(tx, clock, {
      outRefundNo: String(transaction.out_refund_no),
      status: String(transaction.refund_status),
      amountMinor: fenToMinor(amount.refund),
      merchantId: String(transaction.mchid),
      expectedMerchantId: settings.mchid,
    });
    return;
  }
  const state = String(transaction.trade_state);
  await applyChannelTrade(tx, clock, {
    channel: 'wechatpay',
    outTradeNo: String(transaction.out_trade_no),
    expectedMerchantId: settings.mchid,
    merchantId: String(transaction.mchid),
    state: state === 'SUCCESS' ? 'paid' : state === 'CLOSED' ? 'closed' : state === 'PAYERROR' ? 'failed' : 'open',
    amountMinor: fenToMinor(amount.total),
    channelTradeNo: typeof transaction.transaction_id === 'string' ? transaction.transaction_id : undefined,
    paidAt: channelTime(transaction.success_time),
    source: `callback:${envelope.id}`,
  });
}

/** Applies a stored Alipay notification (already verified when it arrived). */
export async function applyAlipayCallback(
  tx: Executor,
  clock: Clock,
  settings: AlipaySettings,
  body: string,
): Promise<void> {
  const params = parseAlipayForm(body);
  if (agreementNotifyTypes.has(params.notify_type ?? '')) {
    await applyAlipayAgreementNotify(tx, clock, settings.appId, params);
    return;
  }
  const status = params.trade_status ?? '';
  await applyChannelTrade(tx, clock, {
    channel: 'alipay',
    outTradeNo: params.out_trade_no ?? '',
    expectedMerchantId: `${settings.appId}/${settings.sellerId}`,
    merchantId: `${params.app_id}/${params.seller_id}`,
    state:
      status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED'
        ? 'paid'
        : status === 'TRADE_CLOSED'
          ? 'closed'
          : 'open',
    amountMinor: yuanToMinor(params.total_amount ?? ''),
    channelTradeNo: params.trade_no,
    paidAt: channelTime(params.gmt_payment),
    source: `callback:${params.notify_id}`,
  });
}
