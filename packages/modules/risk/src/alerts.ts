// Alerts for a person (geofence breaches): the row type and the list the console shows.
import type { Executor } from '@zulin/db';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { RiskErrors } from './errors';
import type { AlertKind, AlertStatus } from './kinds';
import { RiskLimits } from './limits';
import { riskAlerts } from './schema';

export type AlertRow = typeof riskAlerts.$inferSelect;

export async function listAlerts(
  db: Executor,
  options: { status?: AlertStatus | undefined; kind?: AlertKind | undefined; deviceId?: string | undefined },
): Promise<AlertRow[]> {
  const where: SQL[] = [];
  if (options.status) where.push(eq(riskAlerts.status, options.status));
  if (options.kind) where.push(eq(riskAlerts.kind, options.kind));
  if (options.deviceId) where.push(eq(riskAlerts.deviceId, options.deviceId));
  return db
    .select()
    .from(riskAlerts)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(riskAlerts.updatedAt), desc(riskAlerts.id))
    .limit(RiskLimits.caseQueueMax);
}

export async function loadAlert(db: Executor, id: string): Promise<AlertRow> {
  const [row] = await db.select().from(riskAlerts).where(eq(riskAlerts.id, id));
  if (row === undefined) throw RiskErrors.RISK_ALERT_NOT_FOUND();
  return row;
}
