import type { Database } from '@zulin/db';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { AgreementDeps } from './agreements';
import { PaymentsLimits } from './limits';
import { applyChannelTrade, recordSubmission } from './payment-orders';
import { readPapayNoticeLeadSeconds } from './payments-settings';
import { paymentsAgreements, paymentsOrders } from './schema';

/** The notice's deduct_duration: the lead time's days, 1 to 3 (WeChat's notify API). */
const noticeDaysOf = (leadSeconds: number) => Math.min(3, Math.max(1, Math.ceil(leadSeconds / 86_400)));

/**
 * Whether the charge's notice can no longer cover a deduction sent now: WeChat accepts one from 24 h
 * after the notice (扣款等待期) for the notice's deduct_duration days (可扣费期), judged by the days of the
 * notice actually sent (`papayNoticeDays`; one day for a notice recorded before they were), not by
 * today's setting. A deduction is not risked in the window's last `papayWindowMarginSeconds`.
 */
export function papayNoticeExpired(
  order: Pick<typeof paymentsOrders.$inferSelect, 'papayNotifiedAt' | 'papayNoticeDays'>,
  now: Date,
): boolean {
  if (!order.papayNotifiedAt) return false;
  const closesMs =
    order.papayNotifiedAt.getTime() +
    PaymentsLimits.papayNoticeWaitSeconds * 1000 +
    (order.papayNoticeDays ?? 1) * 86_400_000;
  return now.getTime() >= closesMs - PaymentsLimits.papayWindowMarginSeconds * 1000;
}

/**
 * WeChat entrusted debit: the pre-debit notice (预扣费通知) for the charge's amount, sent once per
 * charge (the payment order, i.e. the bill and attempt) ahead of its deduction and remembered on the
 * order (`papayNotifiedAt`, `papayNoticeDays`), so that sending the charge again after an unknown
 * answer does not notify the payer twice — unless that notice's window has passed (the deductions
 * were held up by an outage or an unknown answer): then a fresh notice replaces it and the deduction
 * waits again. A refused notice fails the charge as a refused deduction would. The deduction waits
 * for a later run, the lead time after the notice (`readPapayNoticeLeadSeconds`, never less than 24 h).
 */
async function sendPreDebitNotice(
  database: Database,
  deps: AgreementDeps,
  order: typeof paymentsOrders.$inferSelect,
  agreement: typeof paymentsAgreements.$inferSelect,
  leadSeconds: number,
  now: Date,
): Promise<'not_needed' | 'sent' | 'wait' | { outcome: 'refused'; code: string; message: string }> {
  if (!deps.client.preDebitNotice) return 'not_needed';
  if (order.papayNotifiedAt && !papayNoticeExpired(order, now)) return 'not_needed';
  if (!agreement.channelAgreementNo || agreement.state !== 'active') return 'not_needed';
  const days = noticeDaysOf(leadSeconds);
  const answer = await deps.client.preDebitNotice({
    agreementNo: agreement.channelAgreementNo,
    amountMinor: order.amountMinor,
    // The deduction falls within the lead time's days after the waiting period (deduct_duration 1–3 DAY).
    deductWithinDays: days,
  });
  if (answer.outcome === 'unknown') return 'wait';
  if (answer.outcome === 'refused') return { ...answer, code: `pre-debit notice ${answer.code}` };
  await runCommand(database, (tx) =>
    tx
      .update(paymentsOrders)
      .set({ papayNotifiedAt: deps.clock.now(), papayNoticeDays: days })
      .where(
        and(
          eq(paymentsOrders.id, order.id),
          order.papayNotifiedAt
            ? eq(paymentsOrders.papayNotifiedAt, order.papayNotifiedAt)
            : isNull(paymentsOrders.papayNotifiedAt),
        ),
      ),
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
): Promise<{ sent: number; noticed: number; succeeded: number; failed: number; pending: number; unknown: number }> {
  const now = deps.clock.now();
  // A charge noticed less than the lead time ago is not due: its deduction waits for a later run —
  // and never within WeChat's 24 h waiting period, whatever the setting.
  const leadSeconds = deps.client.preDebitNotice ? await readPapayNoticeLeadSeconds(database.db) : 0;
  const waitSeconds = deps.client.preDebitNotice ? Math.max(leadSeconds, PaymentsLimits.papayNoticeWaitSeconds) : 0;
  const noticedBefore = new Date(now.getTime() - waitSeconds * 1000);
  // papayNoticeExpired in the statement: notified + wait + days − margin ≤ now.
  const expiredBefore = new Date(
    now.getTime() - (PaymentsLimits.papayNoticeWaitSeconds - PaymentsLimits.papayWindowMarginSeconds) * 1000,
  );
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
        or(
          isNull(paymentsOrders.papayNotifiedAt),
          lte(paymentsOrders.papayNotifiedAt, noticedBefore),
          // A notice whose window has passed before the lead time (the lead raised since): noticed again.
          sql`${paymentsOrders.papayNotifiedAt} + coalesce(${paymentsOrders.papayNoticeDays}, 1) * interval '1 day' <= ${expiredBefore.toISOString()}::timestamptz`,
        ),
      ),
    )
    .orderBy(asc(paymentsOrders.createdAt))
    .limit(PaymentsLimits.agreementChargeBatch);
  const counts = { sent: 0, noticed: 0, succeeded: 0, failed: 0, pending: 0, unknown: 0 };
  for (const { order, agreement } of due) {
    counts.sent++;
    const notice = await sendPreDebitNotice(database, deps, order, agreement, leadSeconds, now);
    if (notice === 'wait') {
      // No answer to the notice: the charge stays as recorded and the next run notifies again.
      counts.unknown++;
      continue;
    }
    if (notice === 'sent') {
      // Noticed now (or noticed again, the last notice's window having passed): deducted by the first
      // run once the lead time has passed, never in this one.
      counts.noticed++;
      continue;
    }
    const answer =
      notice !== 'not_needed'
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
