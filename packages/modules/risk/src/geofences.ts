// The allowed regions in force (added, not removed), as the location check and the screens read them.
import type { Executor } from '@zulin/db';
import { asc, isNull } from 'drizzle-orm';
import type { GeofenceDefinition, Region } from './geofence';
import { RiskLimits } from './limits';
import { riskGeofences } from './schema';

export type GeofenceRow = typeof riskGeofences.$inferSelect;

export async function activeGeofences(db: Executor): Promise<GeofenceRow[]> {
  return db
    .select()
    .from(riskGeofences)
    .where(isNull(riskGeofences.removedAt))
    .orderBy(asc(riskGeofences.createdAt), asc(riskGeofences.id))
    .limit(RiskLimits.geofencesMax);
}

export const regionOfRow = (row: GeofenceRow): Region => ({
  id: row.id,
  name: row.name,
  definition: { shape: row.shape, ...(row.definition as object) } as GeofenceDefinition,
});
