// The shelf sweep (logistics.store_shelf): a parcel nobody collected by the end of its shelf time goes
// back to the warehouse — the `uncollected` scan, the shipment `returned` (`logistics.shipment_returned`,
// which the rental treats as a refused parcel: docs/rental.md). One transaction per parcel, in batches.
import { type Database, transaction } from '@zulin/db';
import { and, asc, eq, lte } from 'drizzle-orm';
import { LogisticsLimits } from './limits';
import { logisticsStoreParcels } from './schema';
import { applyCounterScan, type StoreCounterDeps } from './store-parcels';
import { nextStoreScans } from './store-pickup';

export async function returnUncollectedParcels(database: Database, deps: StoreCounterDeps): Promise<number> {
  const now = deps.clock.now();
  const due = await database.db
    .select({ waybillNo: logisticsStoreParcels.waybillNo })
    .from(logisticsStoreParcels)
    .where(and(eq(logisticsStoreParcels.finished, 0), lte(logisticsStoreParcels.shelfUntil, now)))
    .orderBy(asc(logisticsStoreParcels.shelfUntil))
    .limit(LogisticsLimits.shelfSweepBatchSize);
  let sent = 0;
  for (const { waybillNo } of due) {
    const moved = await transaction(database, async (tx) => {
      const [row] = await tx
        .select()
        .from(logisticsStoreParcels)
        .where(eq(logisticsStoreParcels.waybillNo, waybillNo))
        .for('update');
      if (row === undefined || row.finished === 1 || row.shelfUntil === null || row.shelfUntil > now) return false;
      if (nextStoreScans(row.parcel).includes('uncollected')) {
        await applyCounterScan(tx, deps, { waybillNo, scan: 'uncollected', staff: 'system', now });
      }
      await tx
        .update(logisticsStoreParcels)
        .set({ finished: 1, updatedAt: now })
        .where(eq(logisticsStoreParcels.waybillNo, waybillNo));
      return true;
    });
    if (moved) sent++;
  }
  return sent;
}
