// Reading reconciliation runs (newest first) with their mismatches, and where a statement comes from.
import type { Executor } from '@zulin/db';
import { type BusinessDate, decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import type { ReconciliationMismatch, ReconciliationRun } from './reconcile-payments';
import { sandboxStatement } from './sandbox-statements';
import { type PaymentChannelName, paymentsReconciliationMismatches, paymentsReconciliationRuns } from './schema';

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

/**
 * A channel's statement for a business date. In sandbox mode the sandbox writes it in the channel's
 * format; production statement download (WeChat tradebill, Alipay bill download URL) is not built yet
 * and is refused as unconfigured.
 */
export async function fetchStatement(
  ctx: AppContext,
  channel: PaymentChannelName,
  businessDate: BusinessDate,
): Promise<string> {
  if (!ctx.config.sandbox) {
    throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({
      detail: `${channel} statement download is not available on this server.`,
    });
  }
  return sandboxStatement(ctx.database.db, {
    channel,
    businessDate,
    timeZone: ctx.config.timeZone,
    now: ctx.clock.now(),
  });
}
