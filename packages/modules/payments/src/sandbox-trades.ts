// The sandbox channel's trades, shared by its WeChat Pay and Alipay faces: create, find, close, pay or
// fail at the cashier, refund, and the callbacks each of these owes the merchant (with the knobs).
import { createPrivateKey, randomBytes } from 'node:crypto';
import type { Executor } from '@zulin/db';
import { type Clock, newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { alipayForm, signAlipayNotify } from './alipay-protocol';
import { minorToYuan } from './channel-amounts';
import type { SandboxKeySet } from './sandbox-keys';
import { readKnobs, spendKnob } from './sandbox-knobs';
import {
  paymentsSandboxNotifications,
  paymentsSandboxRefunds,
  paymentsSandboxTrades,
  type SandboxChannel,
} from './schema';
import { encryptWechatpayResource } from './wechatpay-protocol';

export type SandboxTrade = typeof paymentsSandboxTrades.$inferSelect;
export type SandboxRefund = typeof paymentsSandboxRefunds.$inferSelect;

export interface SandboxDeps {
  clock: Clock;
  keys: SandboxKeySet;
}

/** Where a person pays a sandbox trade (the H5 app's cashier page). */
export function sandboxCashierUrl(trade: { id: string }): string {
  return `/h5/#/sandbox-cashier/${trade.id}`;
}

function channelTradeNo(channel: SandboxChannel, now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  const digits = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString()
    .padStart(20, '0')
    .slice(0, 16);
  return channel === 'wechatpay' ? `4200${day}${digits}`.slice(0, 28) : `${day}22001${digits}`.slice(0, 28);
}

export async function findTrade(
  db: Executor,
  channel: SandboxChannel,
  merchantId: string,
  outTradeNo: string,
): Promise<SandboxTrade | undefined> {
  const [trade] = await db
    .select()
    .from(paymentsSandboxTrades)
    .where(
      and(
        eq(paymentsSandboxTrades.channel, channel),
        eq(paymentsSandboxTrades.merchantId, merchantId),
        eq(paymentsSandboxTrades.outTradeNo, outTradeNo),
      ),
    );
  return trade;
}

export async function findTradeById(db: Executor, id: string): Promise<SandboxTrade | undefined> {
  const [trade] = await db.select().from(paymentsSandboxTrades).where(eq(paymentsSandboxTrades.id, id));
  return trade;
}

/** Opens a trade, or answers the open one with the same number and amount (a retried create). */
export async function openTrade(
  tx: Executor,
  deps: SandboxDeps,
  order: {
    channel: SandboxChannel;
    merchantId: string;
    outTradeNo: string;
    amountMinor: number;
    description: string;
    notifyUrl: string;
  },
): Promise<{ trade: SandboxTrade } | { conflict: 'paid' | 'closed' | 'different' }> {
  const existing = await findTrade(tx, order.channel, order.merchantId, order.outTradeNo);
  if (existing) {
    if (existing.state === 'paid') return { conflict: 'paid' };
    if (existing.state === 'closed') return { conflict: 'closed' };
    if (existing.amountMinor !== order.amountMinor) return { conflict: 'different' };
    return { trade: existing };
  }
  const now = deps.clock.now();
  const [trade] = await tx
    .insert(paymentsSandboxTrades)
    .values({
      id: newId('sbx', deps.clock),
      ...order,
      channelTradeNo: channelTradeNo(order.channel, now),
      state: 'open',
      createdAt: now,
    })
    .returning();
  if (!trade) throw new Error('insert returned nothing');
  return { trade };
}

export async function closeTrade(tx: Executor, deps: SandboxDeps, trade: SandboxTrade): Promise<SandboxTrade | 'paid'> {
  if (trade.state === 'paid') return 'paid';
  if (trade.state === 'closed') return trade;
  const [closed] = await tx
    .update(paymentsSandboxTrades)
    .set({ state: 'closed', closedAt: deps.clock.now() })
    .where(eq(paymentsSandboxTrades.id, trade.id))
    .returning();
  return closed ?? trade;
}

/** WeChat's words for a trade's state. */
export function wechatTradeState(trade: SandboxTrade): 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'PAYERROR' | 'REFUND' {
  if (trade.state === 'paid') return trade.refundedMinor > 0 ? 'REFUND' : 'SUCCESS';
  return { open: 'NOTPAY', failed: 'PAYERROR', closed: 'CLOSED' }[trade.state] as 'NOTPAY' | 'PAYERROR' | 'CLOSED';
}

/** Alipay's words for a trade's state (a failed payment leaves the trade waiting, as Alipay does). */
export function alipayTradeStatus(trade: SandboxTrade): 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED' {
  if (trade.state === 'paid') return trade.refundedMinor >= trade.amountMinor ? 'TRADE_CLOSED' : 'TRADE_SUCCESS';
  return trade.state === 'closed' ? 'TRADE_CLOSED' : 'WAIT_BUYER_PAY';
}

/** Beijing time as both channels write it: WeChat RFC 3339 with +08:00, Alipay `YYYY-MM-DD HH:mm:ss`. */
export function beijingTime(at: Date, style: 'rfc3339' | 'alipay'): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return style === 'rfc3339' ? `${local}+08:00` : local.replace('T', ' ');
}

export function wechatTransaction(keys: SandboxKeySet, trade: SandboxTrade): Record<string, unknown> {
  const state = wechatTradeState(trade);
  return {
    appid: keys.wechatpay.appId,
    mchid: trade.merchantId,
    out_trade_no: trade.outTradeNo,
    ...(trade.state === 'paid' ? { transaction_id: trade.channelTradeNo, bank_type: 'OTHERS' } : {}),
    trade_type: 'JSAPI',
    trade_state: state,
    trade_state_desc: {
      NOTPAY: '未支付',
      SUCCESS: '支付成功',
      CLOSED: '已关闭',
      PAYERROR: '支付失败',
      REFUND: '转入退款',
    }[state],
    ...(trade.paidAt ? { success_time: beijingTime(trade.paidAt, 'rfc3339') } : {}),
    payer: { openid: 'oSandboxPayer000000000000001' },
    amount: {
      total: trade.amountMinor,
      currency: 'CNY',
      ...(trade.state === 'paid' ? { payer_total: trade.amountMinor, payer_currency: 'CNY' } : {}),
    },
  };
}

function alipayTradeNotify(keys: SandboxKeySet, trade: SandboxTrade, now: Date): string {
  const params: Record<string, string> = {
    notify_time: beijingTime(now, 'alipay'),
    notify_type: 'trade_status_sync',
    notify_id: randomBytes(16).toString('hex'),
    charset: 'utf-8',
    version: '1.0',
    app_id: trade.merchantId,
    seller_id: keys.alipay.sellerId,
    trade_no: trade.channelTradeNo,
    out_trade_no: trade.outTradeNo,
    trade_status: alipayTradeStatus(trade),
    total_amount: minorToYuan(trade.amountMinor),
    subject: trade.description,
    gmt_create: beijingTime(trade.createdAt, 'alipay'),
  };
  if (trade.state === 'paid') {
    params.receipt_amount = minorToYuan(trade.amountMinor);
    params.buyer_pay_amount = minorToYuan(trade.amountMinor);
    if (trade.paidAt) params.gmt_payment = beijingTime(trade.paidAt, 'alipay');
  }
  return alipayForm(signAlipayNotify(params, createPrivateKey(keys.alipay.alipayPrivateKeyPem)));
}

function wechatNotify(
  keys: SandboxKeySet,
  eventType: string,
  originalType: string,
  plaintext: string,
  now: Date,
): string {
  const resource = encryptWechatpayResource(plaintext, keys.wechatpay.apiV3Key, {
    nonce: randomBytes(9).toString('base64url').slice(0, 12),
    associatedData: originalType,
    originalType,
  });
  return JSON.stringify({
    id: randomBytes(16).toString('hex'),
    create_time: beijingTime(now, 'rfc3339'),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: eventType.startsWith('REFUND') ? '退款成功' : '支付成功',
    resource,
  });
}

/**
 * Queues the callback `trade` (or an agreement) owes its merchant, as the knobs say: due after the delay, lost (kept,
 * never sent) while `loseNextCallbacks` lasts, and twice when `duplicateCallbacks` is on.
 */
export async function queueCallback(
  tx: Executor,
  deps: SandboxDeps,
  trade: Pick<SandboxTrade, 'id' | 'channel' | 'notifyUrl'>,
  body: string,
): Promise<void> {
  const now = deps.clock.now();
  const knobs = await readKnobs(tx);
  const lost = await spendKnob(tx, now, 'loseNextCallbacks');
  const copies = knobs.duplicateCallbacks ? 2 : 1;
  for (let i = 0; i < copies; i++) {
    await tx.insert(paymentsSandboxNotifications).values({
      id: newId('sbn', deps.clock),
      channel: trade.channel,
      tradeId: trade.id,
      url: trade.notifyUrl,
      body,
      contentType:
        trade.channel === 'wechatpay' ? 'application/json' : 'application/x-www-form-urlencoded; charset=utf-8',
      dueAt: new Date(now.getTime() + knobs.callbackDelaySeconds * 1000),
      status: lost ? 'lost' : 'pending',
      createdAt: now,
    });
  }
}

export type CashierOutcome = 'pay' | 'fail' | 'abandon';

/**
 * The person at the cashier pays, fails or walks away. Paying a closed trade is refused unless the
 * `allowPaymentAfterClose` knob is on (then it is paid and marked as paid after close).
 */
export async function actAtCashier(
  tx: Executor,
  deps: SandboxDeps,
  tradeId: string,
  outcome: CashierOutcome,
): Promise<{ trade: SandboxTrade } | { refused: 'not_found' | 'not_open' }> {
  const [trade] = await tx
    .select()
    .from(paymentsSandboxTrades)
    .where(eq(paymentsSandboxTrades.id, tradeId))
    .for('update');
  if (!trade) return { refused: 'not_found' };
  if (outcome === 'abandon') return { trade };
  const knobs = await readKnobs(tx);
  const late = trade.state === 'closed' && knobs.allowPaymentAfterClose && outcome === 'pay';
  if (trade.state !== 'open' && !late) return { refused: 'not_open' };
  const now = deps.clock.now();
  const [changed] = await tx
    .update(paymentsSandboxTrades)
    .set(outcome === 'pay' ? { state: 'paid', paidAt: now, paidAfterClose: late } : { state: 'failed' })
    .where(eq(paymentsSandboxTrades.id, trade.id))
    .returning();
  if (!changed) throw new Error('update returned nothing');
  // Both channels notify successful payments; a failed attempt is learnt by querying. A trade opened
  // without a notify_url (an auto-debit charge) is learnt by querying too.
  if (outcome === 'pay' && changed.notifyUrl !== '') {
    const body =
      changed.channel === 'wechatpay'
        ? wechatNotify(
            deps.keys,
            'TRANSACTION.SUCCESS',
            'transaction',
            JSON.stringify(wechatTransaction(deps.keys, changed)),
            now,
          )
        : alipayTradeNotify(deps.keys, changed, now);
    await queueCallback(tx, deps, changed, body);
  }
  return { trade: changed };
}

/** Refunds part or all of a paid trade at once (the sandbox's refunds succeed immediately). */
export async function refundTrade(
  tx: Executor,
  deps: SandboxDeps,
  trade: SandboxTrade,
  refund: { outRefundNo: string; amountMinor: number; notify: boolean },
): Promise<{ refund: SandboxRefund; trade: SandboxTrade } | { refused: 'not_paid' | 'too_much' | 'different' }> {
  const [existing] = await tx
    .select()
    .from(paymentsSandboxRefunds)
    .where(
      and(eq(paymentsSandboxRefunds.tradeId, trade.id), eq(paymentsSandboxRefunds.outRefundNo, refund.outRefundNo)),
    );
  if (existing) {
    return existing.amountMinor === refund.amountMinor ? { refund: existing, trade } : { refused: 'different' };
  }
  const [locked] = await tx
    .select()
    .from(paymentsSandboxTrades)
    .where(eq(paymentsSandboxTrades.id, trade.id))
    .for('update');
  if (locked?.state !== 'paid') return { refused: 'not_paid' };
  if (refund.amountMinor <= 0 || locked.refundedMinor + refund.amountMinor > locked.amountMinor)
    return { refused: 'too_much' };
  const now = deps.clock.now();
  const [updated] = await tx
    .update(paymentsSandboxTrades)
    .set({ refundedMinor: locked.refundedMinor + refund.amountMinor })
    .where(eq(paymentsSandboxTrades.id, trade.id))
    .returning();
  const [created] = await tx
    .insert(paymentsSandboxRefunds)
    .values({
      id: newId('sbr', deps.clock),
      tradeId: trade.id,
      outRefundNo: refund.outRefundNo,
      amountMinor: refund.amountMinor,
      status: 'SUCCESS',
      createdAt: now,
    })
    .returning();
  if (!updated || !created) throw new Error('refund write returned nothing');
  if (refund.notify && updated.channel === 'wechatpay') {
    const plaintext = JSON.stringify({
      mchid: updated.merchantId,
      out_trade_no: updated.outTradeNo,
      transaction_id: updated.channelTradeNo,
      out_refund_no: created.outRefundNo,
      refund_id: created.id,
      refund_status: 'SUCCESS',
      success_time: beijingTime(now, 'rfc3339'),
      amount: {
        total: updated.amountMinor,
        refund: created.amountMinor,
        payer_total: updated.amountMinor,
        payer_refund: created.amountMinor,
      },
    });
    await queueCallback(tx, deps, updated, wechatNotify(deps.keys, 'REFUND.SUCCESS', 'refund', plaintext, now));
  }
  return { refund: created, trade: updated };
}
