// The sandbox's daily statements: every trade paid at the sandbox channel on a business date, written
// in that channel's own bill format (statements.ts), as the channel would offer it for download T+1.
import type { Executor } from '@zulin/db';
import { addDays, type BusinessDate, startOfDayInstant } from '@zulin/kernel';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { sandboxKeys } from './sandbox-keys';
import { paymentsSandboxTrades, type SandboxChannel } from './schema';
import { writeAlipayBill, writeWechatTradeBill } from './statements';

export async function sandboxStatement(
  db: Executor,
  options: { channel: SandboxChannel; businessDate: BusinessDate; timeZone: string; now: Date },
): Promise<string> {
  const keys = await sandboxKeys(db, options.now);
  const from = startOfDayInstant(options.businessDate, options.timeZone);
  const to = startOfDayInstant(addDays(options.businessDate, 1), options.timeZone);
  const merchantId = options.channel === 'wechatpay' ? keys.wechatpay.mchid : keys.alipay.appId;
  const trades = await db
    .select()
    .from(paymentsSandboxTrades)
    .where(
      and(
        eq(paymentsSandboxTrades.channel, options.channel),
        eq(paymentsSandboxTrades.merchantId, merchantId),
        eq(paymentsSandboxTrades.state, 'paid'),
        gte(paymentsSandboxTrades.paidAt, from),
        lt(paymentsSandboxTrades.paidAt, to),
      ),
    )
    .orderBy(asc(paymentsSandboxTrades.paidAt), asc(paymentsSandboxTrades.id));
  const lines = trades.map((t) => ({
    outTradeNo: t.outTradeNo,
    channelTradeNo: t.channelTradeNo,
    amountMinor: t.amountMinor,
    paidAt: t.paidAt ?? from,
    description: t.description,
  }));
  return options.channel === 'wechatpay'
    ? writeWechatTradeBill(keys.wechatpay, lines, options.timeZone)
    : writeAlipayBill(keys.alipay, options.businessDate, lines, options.timeZone, options.now);
}
