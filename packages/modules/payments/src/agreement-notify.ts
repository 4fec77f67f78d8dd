// Alipay's agreement notifications (签约/解约异步通知) at `POST /v1/webhooks/alipay`, beside the trade
// notifications: `dut_user_sign` (status NORMAL: the payer signed, with Alipay's agreement_no) and
// `dut_user_unsign` (the payer ended it in their Alipay app). Verified when they arrived, applied
// once from the inbox under the agreement's lock, as a refresh would record the same answer.
import { type Executor, emitEvent } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import type { AlipayParams } from './alipay-protocol';
import { recordAgreementAnswer } from './refresh-agreement';
import { paymentsAgreements } from './schema';

export const agreementNotifyTypes = new Set(['dut_user_sign', 'dut_user_unsign']);

export async function applyAlipayAgreementNotify(
  tx: Executor,
  clock: Clock,
  appId: string,
  params: AlipayParams,
): Promise<void> {
  const external = params.external_agreement_no ?? '';
  const refuse = async (why: string): Promise<void> => {
    await emitEvent(tx, clock.now(), {
      type: 'payments.message_refused',
      aggregateType: 'payment_agreement',
      aggregateId: external.slice(0, 64) || 'unknown',
      payload: { channel: 'alipay', outTradeNo: '', why: `agreement ${external}: ${why}` },
    });
  };
  if (params.app_id !== appId) return refuse(`app ${params.app_id} is not ours`);
  const [agreement] = await tx
    .select({ id: paymentsAgreements.id })
    .from(paymentsAgreements)
    .where(and(eq(paymentsAgreements.channel, 'alipay'), eq(paymentsAgreements.externalAgreementNo, external)));
  if (!agreement) return refuse('no agreement of ours has this external_agreement_no');
  const signed = params.notify_type === 'dut_user_sign' && params.status === 'NORMAL';
  const ended = params.notify_type === 'dut_user_unsign';
  if (!signed && !ended) return refuse(`${params.notify_type} with status ${params.status} changes nothing`);
  await recordAgreementAnswer(tx, { clock }, agreement.id, {
    state: signed ? 'active' : 'unsigned',
    agreementNo: params.agreement_no ?? null,
  });
}
