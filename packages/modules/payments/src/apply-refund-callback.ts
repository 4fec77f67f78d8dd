import { type Executor, emitEvent } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { applyRefundStatus, type Refund } from './refunds';
import { paymentsRefunds } from './schema';

/**
 * Applies a verified refund callback (WeChat REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED) once.
 * A refund we do not know, another merchant's or another amount changes nothing and raises an event.
 */
export async function applyRefundCallback(
  tx: Executor,
  clock: Clock,
  report: { outRefundNo: string; status: string; amountMinor: number; merchantId: string; expectedMerchantId: string },
): Promise<Refund | undefined> {
  const [refund] = await tx
    .select()
    .from(paymentsRefunds)
    .where(eq(paymentsRefunds.outRefundNo, report.outRefundNo))
    .for('update');
  const status = report.status;
  const known = status === 'SUCCESS' || status === 'CLOSED' || status === 'PROCESSING' || status === 'ABNORMAL';
  if (!refund || report.merchantId !== report.expectedMerchantId || !known) {
    await emitEvent(tx, clock.now(), {
      type: 'payments.message_refused',
      aggregateType: 'payment_refund',
      aggregateId: report.outRefundNo.slice(0, 64),
      payload: {
        channel: 'wechatpay',
        outTradeNo: report.outRefundNo,
        why: `refund callback not applicable (${status})`,
      },
    });
    return undefined;
  }
  if (report.amountMinor !== refund.amountMinor) {
    await emitEvent(tx, clock.now(), {
      type: 'payments.amount_mismatch',
      aggregateType: 'payment_refund',
      aggregateId: refund.id,
      payload: {
        orderId: refund.orderId,
        outTradeNo: refund.outRefundNo,
        expectedMinor: refund.amountMinor,
        reportedMinor: report.amountMinor,
        source: 'refund callback',
      },
    });
    return refund;
  }
  return applyRefundStatus(tx, clock, refund, status);
}
