// WeChat Pay's entrusted-debit contract notifications (签约/解约结果通知) at `POST /v1/webhooks/wechatpay`,
// beside the trade and refund notifications: the usual v3 envelope (verified when it arrived, stored in
// the inbox, applied once), event_type `PAPAY.SIGN` or `PAPAY.TERMINATE`, its resource decrypted with
// the APIv3 key: mchid, appid, plan_id, out_contract_code (ours), contract_id (WeChat's) and
// contract_state ADDED / TERMINATED. (The event types and resource fields follow the v3 papay contract
// query's shape; no public source lists the domestic notification's fields — docs/payments.md.)
// Applied under the agreement's lock as a refresh would record the same answer.
import { type Executor, emitEvent } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import type { WechatpaySettings } from './channel-settings';
import { recordAgreementAnswer } from './refresh-agreement';
import { paymentsAgreements } from './schema';

export const wechatpayAgreementEventTypes = new Set(['PAPAY.SIGN', 'PAPAY.TERMINATE']);

export async function applyWechatpayAgreementNotify(
  tx: Executor,
  clock: Clock,
  settings: Pick<WechatpaySettings, 'mchid' | 'papayPlanId'>,
  eventType: string,
  contract: Record<string, unknown>,
): Promise<void> {
  const external = typeof contract.out_contract_code === 'string' ? contract.out_contract_code : '';
  const refuse = async (why: string): Promise<void> => {
    await emitEvent(tx, clock.now(), {
      type: 'payments.message_refused',
      aggregateType: 'payment_agreement',
      aggregateId: external.slice(0, 64) || 'unknown',
      payload: { channel: 'wechatpay', outTradeNo: '', why: `contract ${external}: ${why}` },
    });
  };
  if (contract.mchid !== settings.mchid) return refuse(`merchant ${String(contract.mchid)} is not ours`);
  if (String(contract.plan_id) !== settings.papayPlanId) return refuse(`plan ${String(contract.plan_id)} is not ours`);
  const [agreement] = await tx
    .select({ id: paymentsAgreements.id })
    .from(paymentsAgreements)
    .where(and(eq(paymentsAgreements.channel, 'wechatpay'), eq(paymentsAgreements.externalAgreementNo, external)));
  if (!agreement) return refuse('no agreement of ours has this out_contract_code');
  const signed = eventType === 'PAPAY.SIGN' && contract.contract_state === 'ADDED';
  const ended = eventType === 'PAPAY.TERMINATE' && contract.contract_state === 'TERMINATED';
  if (!signed && !ended) return refuse(`${eventType} with state ${String(contract.contract_state)} changes nothing`);
  await recordAgreementAnswer(tx, { clock }, agreement.id, {
    state: signed ? 'active' : 'unsigned',
    agreementNo: typeof contract.contract_id === 'string' ? contract.contract_id : null,
  });
}
