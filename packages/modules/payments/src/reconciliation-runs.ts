// Reading reconciliation runs (newest first) with their mismatches, and where a statement comes from.
import type { Executor } from '@zulin/db';
import {
  addDays,
  type BusinessDate,
  decodeCursor,
  KernelErrors,
  type Page,
  pageLimit,
  startOfDayInstant,
  toPage,
} from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { channelGuard } from './channel-breakers';
import { channelSettings } from './channel-settings';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import type { ReconciliationMismatch, ReconciliationRun } from './reconcile-payments';
import { type PaymentChannelName, paymentsReconciliationMismatches, paymentsReconciliationRuns } from './schema';
import { downloadAlipayBill, downloadWechatpayTradeBill } from './statement-download';
import { writeWechatTradeBill } from './statements';

export async function listReconciliationRuns(
  db: Executor,
  filter: { channel?: PaymentChannelName; businessDate?: BusinessDate; limit?: number; cursor?: string },
): Promise<Page<ReconciliationRun & { mismatches: ReconciliationMismatch[] }>> {
  const limit = pageLimit(filter.limit);
  const conditions: (SQL | undefined)[] = [];
  if (filter.channel) conditions.push(eq(paymentsReconciliationRuns.channel, filter.channel));
  if (filter.businessDate) conditions.push(eq(paymentsReconciliationRuns.businessDate, filter.businessDate));
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor);
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
      throw KernelErrors.VALIDATION_FAILED({ errors: [{ path: '/query/cursor', message: 'Invalid cursor' }] });
    }
    const after = new Date(at);
    conditions.push(
      or(
        lt(paymentsReconciliationRuns.createdAt, after),
        and(eq(paymentsReconciliationRuns.createdAt, after), lt(paymentsReconciliationRuns.id, id)),
      ),
    );
  }
  const runs = await db
    .select()
    .from(paymentsReconciliationRuns)
    .where(and(...conditions))
    .orderBy(desc(paymentsReconciliationRuns.createdAt), desc(paymentsReconciliationRuns.id))
    .limit(limit + 1);
  const ids = runs.slice(0, limit).map((r) => r.id);
  const mismatches =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(paymentsReconciliationMismatches)
          .where(inArray(paymentsReconciliationMismatches.runId, ids))
          .orderBy(asc(paymentsReconciliationMismatches.createdAt), asc(paymentsReconciliationMismatches.id))
          .limit(PaymentsLimits.reconciliationMismatchesListMax);
  const byRun = new Map<string, ReconciliationMismatch[]>();
  for (const m of mismatches) byRun.set(m.runId, [...(byRun.get(m.runId) ?? []), m]);
  return toPage(
    runs.map((r) => ({ ...r, mismatches: byRun.get(r.id) ?? [] })),
    limit,
    (r) => [r.createdAt.toISOString(), r.id],
  );
}

/** When a channel's bill for a business date is out: `statementReadyAt` local time the day after. */
export function statementReadyAt(businessDate: BusinessDate, timeZone: string): Date {
  const [hours = 0, minutes = 0] = PaymentsLimits.statementReadyAt.split(':').map(Number);
  return new Date(startOfDayInstant(addDays(businessDate, 1), timeZone).getTime() + (hours * 60 + minutes) * 60_000);
}

/**
 * A channel's statement (its bill file, as text) for a business date, downloaded by the channel's
 * own client (statement-download.ts) — in production from the channel, in sandbox mode from the
 * sandbox, which serves the same endpoints in the same formats: one code path. Outcomes:
 * * the file → its text (reconcilePayments parses it);
 * * not out yet (WeChat STATEMENT_CREATING, Alipay isp.bill_not_exist, or asked before
 *   `statementReadyAt`) → PAYMENTS_STATEMENT_NOT_READY: nothing is recorded, ask again later;
 * * WeChat NO_STATEMENT_EXIST after the ready time → WeChat has no trade that day: an empty bill;
 * * a file that fails its SHA-1 → PAYMENTS_STATEMENT_DIGEST_MISMATCH; a file that cannot be read →
 *   PAYMENTS_STATEMENT_UNREADABLE; another refusal → PAYMENTS_STATEMENT_REFUSED; no answer →
 *   PAYMENTS_CHANNEL_UNAVAILABLE. None of them records a run: nothing is lost, the run is repeated.
 */
export async function fetchStatement(
  ctx: AppContext,
  channel: PaymentChannelName,
  businessDate: BusinessDate,
): Promise<string> {
  const settings = await channelSettings(ctx);
  const guard = channelGuard(ctx.database, ctx.clock, channel);
  const now = ctx.clock.now();
  const readyAt = statementReadyAt(businessDate, ctx.config.timeZone);
  if (now < readyAt) {
    throw PaymentsErrors.PAYMENTS_STATEMENT_NOT_READY({
      detail: `The ${channel} statement of ${businessDate} is out from ${readyAt.toISOString()}.`,
    });
  }
  const wechatpay = settings.wechatpay;
  const alipay = settings.alipay;
  const answer =
    channel === 'wechatpay' && wechatpay
      ? await downloadWechatpayTradeBill(wechatpay, ctx.clock, businessDate, guard)
      : channel === 'alipay' && alipay
        ? await downloadAlipayBill(alipay, ctx.clock, businessDate, guard)
        : undefined;
  if (!answer) {
    throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({ detail: `${channel} is not configured on this server.` });
  }
  switch (answer.outcome) {
    case 'ok':
      return answer.text;
    case 'no_statement':
      // Bills are out and WeChat has none for the day: it recorded no successful trade.
      return writeWechatTradeBill(
        { appId: wechatpay?.appId ?? '', mchid: wechatpay?.mchid ?? '' },
        [],
        ctx.config.timeZone,
      );
    case 'not_ready':
      throw PaymentsErrors.PAYMENTS_STATEMENT_NOT_READY({
        detail: `${channel} is still generating the statement of ${businessDate} (${answer.code}); try again later.`,
      });
    case 'corrupt':
      throw answer.code === 'DIGEST_MISMATCH'
        ? PaymentsErrors.PAYMENTS_STATEMENT_DIGEST_MISMATCH({ detail: answer.message })
        : PaymentsErrors.PAYMENTS_STATEMENT_UNREADABLE({ detail: answer.message });
    case 'refused':
      throw PaymentsErrors.PAYMENTS_STATEMENT_REFUSED({ detail: `${answer.code} ${answer.message}`.trim() });
    case 'unknown':
      throw PaymentsErrors.PAYMENTS_CHANNEL_UNAVAILABLE({ detail: `${channel}: ${answer.reason}` });
  }
}
