// The sandbox courier's timed pushes (sandbox mode only): every parcel's planned scans that fell due
// by the business clock (sandboxEventsUntil) and were not pushed yet are sent, signed, to our own
// webhook `POST /v1/webhooks/sandbox_express`, as a real courier pushes its scans. A push is
// acknowledged (2xx) before it counts, and its id is the waybill and the number of scans it brings
// the parcel to, so a push repeated after a lost answer is the inbox's duplicate, never applied twice.
// Moving the sandbox test clock runs this sweep each day, which is how parcels get delivered there.
import type { Database } from '@zulin/db';
import { and, asc, eq } from 'drizzle-orm';
import { LogisticsLimits } from './limits';
import { sandboxEventsUntil, sandboxPlan } from './sandbox-carrier';
import { sandboxPushRequest } from './sandbox-wire';
import { logisticsSandboxParcels } from './schema';

export type PushPoster = (request: { headers: Record<string, string>; body: string }) => Promise<{ status: number }>;

export async function pushSandboxScans(
  database: Database,
  options: { clock: { now(): Date }; secret: Buffer; post: PushPoster },
): Promise<{ pushed: number; scans: number; failed: number; finished: number }> {
  const now = options.clock.now();
  const rows = await database.db
    .select()
    .from(logisticsSandboxParcels)
    .where(eq(logisticsSandboxParcels.finished, 0))
    .orderBy(asc(logisticsSandboxParcels.updatedAt), asc(logisticsSandboxParcels.waybillNo))
    .limit(LogisticsLimits.sandboxPushBatchSize);
  const result = { pushed: 0, scans: 0, failed: 0, finished: 0 };
  for (const row of rows) {
    const due = sandboxEventsUntil(row.parcel, now).slice(row.pushedEvents);
    let pushedEvents = row.pushedEvents;
    if (due.length > 0) {
      const pushedTo = row.pushedEvents + due.length;
      const request = sandboxPushRequest({
        secret: options.secret,
        events: due,
        now,
        pushId: `${row.waybillNo}-${String(pushedTo).padStart(2, '0')}`,
      });
      const answer = await options.post(request).catch(() => ({ status: 0 }));
      if (answer.status < 200 || answer.status >= 300) {
        result.failed++;
        continue;
      }
      pushedEvents = pushedTo;
      result.pushed++;
      result.scans += due.length;
    }
    const plan = sandboxPlan(row.parcel);
    const done = row.parcel.cancelledAt !== null || (plan.length > 0 && pushedEvents >= plan.length);
    if (pushedEvents !== row.pushedEvents || done) {
      await database.db
        .update(logisticsSandboxParcels)
        .set({ pushedEvents, finished: done ? 1 : 0, updatedAt: now })
        .where(
          and(
            eq(logisticsSandboxParcels.waybillNo, row.waybillNo),
            eq(logisticsSandboxParcels.pushedEvents, row.pushedEvents),
          ),
        );
      if (done) result.finished++;
    }
  }
  return result;
}
