// Enrolled devices, their commands and their location history: row types and the reads the
// device use cases and screens share.
import type { Executor } from '@zulin/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { RiskErrors } from './errors';
import { RiskLimits } from './limits';
import { riskDeviceCommands, riskDeviceLocations, riskDevices } from './schema';

export type DeviceRow = typeof riskDevices.$inferSelect;
export type DeviceCommandRow = typeof riskDeviceCommands.$inferSelect;
export type DeviceLocationRow = typeof riskDeviceLocations.$inferSelect;

export async function loadDevice(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<DeviceRow> {
  const query = db.select().from(riskDevices).where(eq(riskDevices.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (row === undefined) throw RiskErrors.RISK_DEVICE_NOT_FOUND();
  return row;
}

export async function deviceByProviderId(db: Executor, providerDeviceId: string): Promise<DeviceRow | undefined> {
  // A phone rented again is enrolled afresh under the MDM's same id: the monitored row answers.
  const [row] = await db
    .select()
    .from(riskDevices)
    .where(eq(riskDevices.providerDeviceId, providerDeviceId))
    .orderBy(sql`${riskDevices.releasedAt} desc nulls first`)
    .limit(1);
  return row;
}

/** Devices, newest enrolment first, optionally one customer's. */
export async function listDevices(db: Executor, options: { customerId?: string | undefined }): Promise<DeviceRow[]> {
  return db
    .select()
    .from(riskDevices)
    .where(options.customerId === undefined ? undefined : eq(riskDevices.customerId, options.customerId))
    .orderBy(desc(riskDevices.enrolledAt), desc(riskDevices.id))
    .limit(RiskLimits.devicesListMax);
}

export async function deviceCommands(db: Executor, deviceId: string): Promise<DeviceCommandRow[]> {
  return db
    .select()
    .from(riskDeviceCommands)
    .where(eq(riskDeviceCommands.deviceId, deviceId))
    .orderBy(desc(riskDeviceCommands.createdAt), desc(riskDeviceCommands.id))
    .limit(RiskLimits.deviceCommandsListMax);
}

export async function deviceLocations(db: Executor, deviceId: string): Promise<DeviceLocationRow[]> {
  return db
    .select()
    .from(riskDeviceLocations)
    .where(eq(riskDeviceLocations.deviceId, deviceId))
    .orderBy(desc(riskDeviceLocations.reportedAt), desc(riskDeviceLocations.id))
    .limit(RiskLimits.deviceLocationsListMax);
}

/** The command of the device the MDM has not answered yet, if any (one at a time). */
export async function openCommandOf(db: Executor, deviceId: string): Promise<DeviceCommandRow | undefined> {
  const [row] = await db
    .select()
    .from(riskDeviceCommands)
    .where(and(eq(riskDeviceCommands.deviceId, deviceId), inArray(riskDeviceCommands.status, ['pending', 'sent'])))
    .limit(1);
  return row;
}

/** The IMEIs of some devices, for naming them on lists of other things (alerts). */
export async function imeisOf(db: Executor, deviceIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(deviceIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: riskDevices.id, imei: riskDevices.imei })
    .from(riskDevices)
    .where(inArray(riskDevices.id, ids));
  return new Map(rows.map((r) => [r.id, r.imei]));
}
