// Staff take a region away (the row stays, with who removed it); audited.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { and, eq, isNull } from 'drizzle-orm';
import { RiskErrors } from './errors';
import type { GeofenceRow } from './geofences';
import { riskGeofences } from './schema';

export async function removeGeofence(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options: { id: string; reason: string },
): Promise<GeofenceRow> {
  const now = clock.now();
  const [row] = await tx
    .update(riskGeofences)
    .set({ removedBy: staff.staffId, removedAt: now })
    .where(and(eq(riskGeofences.id, options.id), isNull(riskGeofences.removedAt)))
    .returning();
  if (row === undefined) throw RiskErrors.RISK_GEOFENCE_NOT_FOUND();
  await recordAudit(tx, {
    actor: staff,
    action: 'risk.geofence_removed',
    targetType: 'risk_geofence',
    targetId: row.id,
    detail: { reason: options.reason },
    at: now,
  });
  return row;
}
