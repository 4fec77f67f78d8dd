// A location report from the MDM: stored once (by the MDM's message id), the device's last position
// moved if the report is newer, and checked against the allowed regions. A position outside every
// region raises a geofence alert — one per device and business day (the operator's time zone):
// later reports that day count on it and move its latest position. With no region configured the
// geofence is off. Locking on location is not done here (DOMAIN.md §16: an alert for a person).
import { type Executor, emitEvent } from '@zulin/db';
import { businessDateOf, type Clock, newId } from '@zulin/kernel';
import { eq, sql } from 'drizzle-orm';
import type { AlertRow } from './alerts';
import type { DeviceRow } from './devices';
import { type PointE6, regionOf } from './geofence';
import { activeGeofences, regionOfRow } from './geofences';
import { riskAlerts, riskDeviceLocations, riskDevices } from './schema';

export async function recordDeviceLocation(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  device: DeviceRow,
  report: { messageId: string; latE6: number; lngE6: number; accuracyM: number; reportedAt: Date },
): Promise<{ recorded: boolean; inside: boolean | null; alert: AlertRow | null }> {
  const now = deps.clock.now();
  const point: PointE6 = [report.latE6, report.lngE6];
  const regions = (await activeGeofences(tx)).map(regionOfRow);
  const where = regionOf(point, regions);
  const [stored] = await tx
    .insert(riskDeviceLocations)
    .values({
      id: newId('rloc', deps.clock),
      deviceId: device.id,
      providerMessageId: report.messageId,
      latE6: report.latE6,
      lngE6: report.lngE6,
      accuracyM: report.accuracyM,
      inside: where?.inside ?? null,
      reportedAt: report.reportedAt,
      receivedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (stored === undefined) return { recorded: false, inside: where?.inside ?? null, alert: null };
  if (device.lastReportedAt === null || device.lastReportedAt <= report.reportedAt) {
    await tx
      .update(riskDevices)
      .set({ lastLatE6: report.latE6, lastLngE6: report.lngE6, lastReportedAt: report.reportedAt })
      .where(eq(riskDevices.id, device.id));
  }
  if (where === null || where.inside) return { recorded: true, inside: where?.inside ?? null, alert: null };

  const alertDate = businessDateOf(report.reportedAt, deps.timeZone);
  const position = { latE6: report.latE6, lngE6: report.lngE6, reportedAt: report.reportedAt.toISOString() };
  const [raised] = await tx
    .insert(riskAlerts)
    .values({
      id: newId('ralert', deps.clock),
      kind: 'geofence',
      deviceId: device.id,
      customerId: device.customerId,
      alertDate,
      status: 'open',
      detail: { first: position, latest: position },
      reports: 1,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (raised !== undefined) {
    await emitEvent(tx, now, {
      type: 'risk.geofence_alert_raised',
      aggregateType: 'risk_device',
      aggregateId: device.id,
      payload: {
        alertId: raised.id,
        deviceId: device.id,
        customerId: device.customerId,
        alertDate,
        ...position,
      },
    });
    return { recorded: true, inside: false, alert: raised };
  }
  const [counted] = await tx
    .update(riskAlerts)
    .set({
      reports: sql`${riskAlerts.reports} + 1`,
      detail: sql`jsonb_set(${riskAlerts.detail}, '{latest}', ${JSON.stringify(position)}::jsonb)`,
      updatedAt: now,
    })
    .where(
      sql`${riskAlerts.kind} = 'geofence' and ${riskAlerts.deviceId} = ${device.id} and ${riskAlerts.alertDate} = ${alertDate}`,
    )
    .returning();
  return { recorded: true, inside: false, alert: counted ?? null };
}
