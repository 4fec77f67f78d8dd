import type { Database } from '@zulin/db';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { AgreementDeps } from './agreements';
import { PaymentsLimits } from './limits';
import { applyChannelTrade, recordSubmission } from './payment-orders';
import { paymentsAgreements, paymentsOrders } from './schema';

/**
 * WeChat entrusted debit: the pre-debit notice (预扣费通知) for the charge's amount, sent once per
 * charge (the payment order, i.e. the bill and attempt) before its deduction and remembered on the
 * order (`papayNotifiedAt`), so that sending the charge again after an unknown answer does not notify
 * the payer twice. A refused notice fails the charge as a refused deduction would.
 */
async function sendPreDebitNotice(
  database: Database,
  deps: AgreementDeps,
  order: typeof paymentsOrders.$inferSelect,
  agreement: typeof paymentsAgreements.$inferSelect,
): Promise<'not_needed' | 'sent' | 'wait' | { outcome: 'refused'; code: string; message: string }> {
  if (!deps.client.preDebitNotice || order.papayNotifiedAt) return 'not_needed';
  if (!agreement.channelAgreementNo || agreement.state !== 'active') return 'not_needed';
  const answer = await deps.client.preDebitNotice({
    agreementNo: agreement.channelAgreementNo,
    amountMinor: order.amountMinor,
  });
  if (answer.outcome === 'unknown') return 'wait';
  if (answer.outcome === 'refused') return { ...answer, code: `pre-debit notice ${answer.code}` };
  await runCommand(database, (tx) =>
    tx
      .update(paymentsOrders)
      .set({ papayNotifiedAt: deps.clock.now() })
      .where(and(eq(paymentsOrders.id, order.id), isNull(paymentsOrders.papayNotifiedAt))),
  );
  return 'sent';
}

/**
 * The sweep: sends recorded charges (and again those whose answer was unknown, once due) to the
 * channel, one call each outside any transaction, and records each answer: paid (posted through
 * clearing), refused (failed, e.g. insufficient funds) or unknown (asked again later).
 */
export async function sendAgreementCharges(
  database: Database,
  deps: AgreementDeps,
): Promise<{ sent: number; succeeded: number; failed: number; pending: number; unknown: number }> {
  const now = deps.clock.now();
  const due = await database.db
    .select({ order: paymentsOrders, agreement: paymentsAgreements })
    .from(paymentsOrders)
    .innerJoin(paymentsAgreements, eq(paymentsAgreements.id, paymentsOrders.agreementId))
    .where(
      and(
        isNotNull(paymentsOrders.agreementId),
        eq(paymentsOrders.channel, deps.client.name),
        isNull(paymentsAgreements.unsignRequestedAt),
        // An abandoned charge (its bill withdrawn) is never sent again: the janitor asks and closes it.
        isNull(paymentsOrders.abandonedAt),
        or(
          eq(paymentsOrders.state, 'created'),
          and(eq(paymentsOrders.state, 'unknown'), lte(paymentsOrders.nextQueryAt, now)),
        ),
      ),
    )
    .orderBy(asc(paymentsOrders.createdAt))
    .limit(PaymentsLimits.agreementChargeBatch);
  const counts = { sent: 0, succeeded: 0, failed: 0, pending: 0, unknown: 0 };
  for (const { order, agreement } of due) {
    counts.sent++;
    const notice = await sendPreDebitNotice(database, deps, order, agreement);
    if (notice === 'wait') {
      // No answer to the notice: the charge stays as recorded and the next run notifies again.
      counts.unknown++;
      continue;
    }
    const answer =
      notice !== 'sent' && notice !== 'not_needed'
        ? notice
        : agreement.channelAgreementNo && agreement.state === 'active'
          ? await deps.client.charge({
              outTradeNo: order.outTradeNo,
              agreementNo: agreement.channelAgreementNo,
              amountMinor: order.amountMinor,
              description: order.description,
            })
          : ({ outcome: 'refused', code: 'AGREEMENT_NOT_ACTIVE', message: agreement.state } as const);
    const recorded = await runCommand(database, async (tx) => {
      if (answer.outcome === 'ok' && answer.value.state === 'paid') {
        return applyChannelTrade(tx, deps.clock, {
          ...answer.value,
          channel: order.channel,
          outTradeNo: order.outTradeNo,
          expectedMerchantId: deps.client.merchantId,
          source: 'agreement_charge',
        });
      }
      if (answer.outcome === 'ok' && answer.value.state === 'open') {
        // Waiting for the payer: pending, asked about by the janitor on its schedule.
        return recordSubmission(tx, deps.clock, order.id, { outcome: 'ok', value: { cashierUrl: null } });
      }
      if (answer.outcome === 'ok') {
        return recordSubmission(tx, deps.clock, order.id, {
          outcome: 'refused',
          code: `trade ${answer.value.state}`,
          message: '',
        });
      }
      return recordSubmission(tx, deps.clock, order.id, answer);
    });
    if (recorded?.state === 'succeeded') counts.succeeded++;
    else if (recorded?.state === 'failed') counts.failed++;
    else if (recorded?.state === 'pending') counts.pending++;
    else counts.unknown++;
  }
  return counts;
}
