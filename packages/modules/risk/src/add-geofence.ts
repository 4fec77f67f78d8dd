// Staff add an allowed region (a polygon or a circle); audited. With no region the geofence is off.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { type Clock, newId } from '@zulin/kernel';
import { RiskErrors } from './errors';
import { type GeofenceDefinition, geofenceProblems } from './geofence';
import { activeGeofences, type GeofenceRow } from './geofences';
import { RiskLimits } from './limits';
import { riskGeofences } from './schema';

export async function addGeofence(
  tx: Executor,
  clock: Clock,
  actor: StaffPrincipal | { kind: 'system' },
  input: { name: string; definition: GeofenceDefinition },
): Promise<GeofenceRow> {
  const problems = geofenceProblems(input.definition.shape, input.definition);
  if (problems.length > 0) throw RiskErrors.RISK_GEOFENCE_INVALID({ errors: problems });
  if ((await activeGeofences(tx)).length >= RiskLimits.geofencesMax) throw RiskErrors.RISK_GEOFENCES_FULL();
  const { shape, ...definition } = input.definition;
  const now = clock.now();
  const [row] = await tx
    .insert(riskGeofences)
    .values({
      id: newId('rgeo', clock),
      name: input.name,
      shape,
      definition,
      addedBy: actor.kind === 'staff' ? actor.staffId : 'system',
      createdAt: now,
    })
    .returning();
  const added = row as GeofenceRow;
  await recordAudit(tx, {
    actor,
    action: 'risk.geofence_added',
    targetType: 'risk_geofence',
    targetId: added.id,
    detail: { name: input.name, shape },
    at: now,
  });
  return added;
}
