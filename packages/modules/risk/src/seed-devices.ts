// Demo data for the rental-time screens (sandbox only): the mainland China region, and the phones of
// two demo customers enrolled with the sandbox MDM — 小张's reporting from Shanghai, 小李's (who has
// an overdue bill) locked and last seen in Tokyo, which raised an open geofence alert. Running it
// again changes nothing (the devices carry the reference `demo-rental-<n>`).
import { queryRows, transaction } from '@zulin/db';
import { findCustomerIdByPhone } from '@zulin/identity';
import { businessDateOf, luhnCheckDigit, newId } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { type GeofenceDefinition, insideRegion, mainlandChina } from './geofence';
import {
  riskAlerts,
  riskDeviceCommands,
  riskDeviceLocations,
  riskDevices,
  riskGeofences,
  riskMdmSandboxDevices,
} from './schema';

const imeiOf = (body14: string) => `${body14}${luhnCheckDigit(body14)}`;
const demo = [
  { phone: '+8613800138000', imei: imeiOf('35391805123456'), at: [31.2304, 121.4737], locked: false },
  { phone: '+8613900139000', imei: imeiOf('35391805654321'), at: [35.6762, 139.6503], locked: true },
] as const;

export async function seedDevices(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const db = ctx.database.db;
  const done = await queryRows(db, sql`select 1 from risk_devices where reference like 'demo-rental-%' limit 1`);
  if (done.length > 0) return { created: 0 };
  const now = ctx.clock.now();
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  return transaction(ctx.database, async (tx) => {
    let created = 0;
    const regions = await queryRows(tx, sql`select 1 from risk_geofences limit 1`);
    if (regions.length === 0) {
      const { shape, ...definition } = mainlandChina as GeofenceDefinition & { shape: 'polygon' };
      await tx.insert(riskGeofences).values({
        id: newId('rgeo', ctx.clock),
        name: '中国大陆',
        shape,
        definition,
        addedBy: 'system',
        createdAt: now,
      });
      created += 1;
    }
    const devices: (typeof riskDevices.$inferInsert)[] = [];
    const locations: (typeof riskDeviceLocations.$inferInsert)[] = [];
    const commands: (typeof riskDeviceCommands.$inferInsert)[] = [];
    const alerts: (typeof riskAlerts.$inferInsert)[] = [];
    for (const [n, d] of demo.entries()) {
      const customerId = await findCustomerIdByPhone(tx, ctx.config.masterKey, d.phone);
      if (customerId === null) continue;
      const id = newId('rdev', ctx.clock);
      const point = [Math.round(d.at[0] * 1e6), Math.round(d.at[1] * 1e6)] as const;
      const inside = insideRegion(point, mainlandChina);
      devices.push({
        id,
        imei: d.imei,
        customerId,
        reference: `demo-rental-${n + 1}`,
        providerDeviceId: `mdmdev_${d.imei}`,
        lockState: d.locked ? 'locked' : 'unlocked',
        lastLatE6: point[0],
        lastLngE6: point[1],
        lastReportedAt: hoursAgo(1),
        enrolledBy: 'system',
        enrolledAt: hoursAgo(24 * 20),
      });
      locations.push(
        {
          id: newId('rloc', ctx.clock),
          deviceId: id,
          providerMessageId: `demo-${d.imei}-1`,
          latE6: 31_230_400,
          lngE6: 121_473_700,
          accuracyM: 30,
          inside: true,
          reportedAt: hoursAgo(26),
          receivedAt: hoursAgo(26),
        },
        {
          id: newId('rloc', ctx.clock),
          deviceId: id,
          providerMessageId: `demo-${d.imei}-2`,
          latE6: point[0],
          lngE6: point[1],
          accuracyM: 25,
          inside,
          reportedAt: hoursAgo(1),
          receivedAt: hoursAgo(1),
        },
      );
      if (!inside) {
        const position = { latE6: point[0], lngE6: point[1], reportedAt: hoursAgo(1).toISOString() };
        alerts.push({
          id: newId('ralert', ctx.clock),
          kind: 'geofence',
          deviceId: id,
          customerId,
          alertDate: businessDateOf(hoursAgo(1), ctx.config.timeZone),
          status: 'open',
          detail: { first: position, latest: position },
          reports: 1,
          createdAt: hoursAgo(1),
          updatedAt: hoursAgo(1),
        });
      }
      if (d.locked) {
        commands.push({
          id: newId('rcmd', ctx.clock),
          deviceId: id,
          kind: 'lock',
          status: 'acknowledged',
          reason: 'D+10 逾期未还（演示）',
          providerCommandId: `mdmcmd_demo_${n + 1}`,
          attempts: 1,
          requestedBy: 'system',
          createdAt: hoursAgo(3),
          sentAt: hoursAgo(3),
          answeredAt: hoursAgo(3),
        });
      }
    }
    if (devices.length === 0) return { created };
    await tx
      .insert(riskMdmSandboxDevices)
      .values(
        devices.map((d, i) => ({
          providerDeviceId: d.providerDeviceId,
          imei: d.imei,
          online: true,
          locked: demo[i]?.locked ?? false,
          enrolledAt: d.enrolledAt,
        })),
      )
      .onConflictDoNothing();
    await tx.insert(riskDevices).values(devices);
    await tx.insert(riskDeviceLocations).values(locations);
    if (commands.length > 0) await tx.insert(riskDeviceCommands).values(commands);
    if (alerts.length > 0) await tx.insert(riskAlerts).values(alerts);
    return { created: created + devices.length + locations.length + commands.length + alerts.length };
  });
}
