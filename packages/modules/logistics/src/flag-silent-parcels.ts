// The lost-parcel sweep (logistics.lost_parcels): an outbound parcel the carrier collected and then did
// not scan for `afterDays` business days (the console's setting, logistics-settings.ts) — its last scan's date (Asia/Shanghai, the business zone) + N
// on or before today — is flagged `suspected_lost` (`no_scan`) for the shipping desk. Nothing is lost
// automatically: staff confirm it (confirm-shipment-lost.ts) or a later scan clears the flag
// (apply-tracking.ts). A waybill never collected (`created`) is not flagged: the phone is still ours.
import { type Database, transaction } from '@zulin/db';
import { addDays, assert, businessDateOf, startOfDayInstant } from '@zulin/kernel';
import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { LogisticsLimits } from './limits';
import { lostParcelSettings } from './logistics-settings';
import { logisticsShipments } from './schema';
import type { ShipmentState } from './shipment-states';
import { recordSuspectedLost } from './suspected-lost';

/** With the carrier and not delivered: the states a parcel can go silent in. */
const travelling = ['picked_up', 'in_transit', 'out_for_delivery', 'exception'] as const satisfies ShipmentState[];

/**
 * The instant before which a last scan is N business days old today: a scan on day D is silent for N
 * days from the start of day D + N, so the parcel is flagged iff its last scan < start of (today − N + 1).
 */
export function silentSince(now: Date, timeZone: string, afterDays: number): Date {
  assert(Number.isInteger(afterDays) && afterDays >= 1, 'a parcel is silent for at least one day');
  return startOfDayInstant(addDays(businessDateOf(now, timeZone), 1 - afterDays), timeZone);
}

export async function flagSilentParcels(
  database: Database,
  deps: { clock: { now(): Date }; timeZone: string; afterDays?: number },
): Promise<{ flagged: number }> {
  const now = deps.clock.now();
  // The console's setting (logistics-settings.ts, default 5) unless a caller names the days.
  const afterDays = deps.afterDays ?? (await lostParcelSettings.read(database.db)).value.suspectedLostAfterDays;
  const before = silentSince(now, deps.timeZone, afterDays);
  // One transaction: the flags with their audit entries, events and notices, or nothing.
  return transaction(database, async (tx) => {
    const flagged = await tx
      .update(logisticsShipments)
      .set({ suspectedLostAt: now, suspectedLostReason: 'no_scan', updatedAt: now })
      .where(
        inArray(
          logisticsShipments.id,
          tx
            .select({ id: logisticsShipments.id })
            .from(logisticsShipments)
            .where(
              and(
                eq(logisticsShipments.direction, 'outbound'),
                inArray(logisticsShipments.state, [...travelling]),
                isNull(logisticsShipments.suspectedLostAt),
                lt(logisticsShipments.lastEventAt, before),
              ),
            )
            .orderBy(asc(logisticsShipments.lastEventAt))
            .limit(LogisticsLimits.lostSweepBatchSize),
        ),
      )
      .returning();
    for (const shipment of flagged) await recordSuspectedLost(tx, { shipment, reason: 'no_scan', now });
    return { flagged: flagged.length };
  });
}
