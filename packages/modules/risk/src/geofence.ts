// Allowed regions and whether a position lies in one. Positions are integers of millionths of a
// degree (WGS-84). A polygon is tested by ray casting on the longitude/latitude plane (fine at the
// scale of a country; polygons must not cross the 180th meridian); a circle by great-circle
// (haversine) distance. A position inside any active region is allowed.
import type { GeofenceShape } from './kinds';
import { RiskLimits } from './limits';

/** [latE6, lngE6] */
export type PointE6 = readonly [number, number];

export type GeofenceDefinition =
  | { shape: 'polygon'; points: PointE6[] }
  | { shape: 'circle'; centre: PointE6; radiusM: number };

export interface Region {
  id: string;
  name: string;
  definition: GeofenceDefinition;
}

const EARTH_RADIUS_M = 6_371_008.8;

export function insidePolygon(point: PointE6, polygon: readonly PointE6[]): boolean {
  const [y, x] = point;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [yi, xi] = polygon[i] as PointE6;
    const [yj, xj] = polygon[j] as PointE6;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Great-circle distance in metres between two positions. */
export function distanceM(a: PointE6, b: PointE6): number {
  const rad = (e6: number) => (e6 / 1_000_000) * (Math.PI / 180);
  const dLat = rad(b[0] - a[0]);
  const dLng = rad(b[1] - a[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[0])) * Math.cos(rad(b[0])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function insideRegion(point: PointE6, definition: GeofenceDefinition): boolean {
  return definition.shape === 'polygon'
    ? insidePolygon(point, definition.points)
    : distanceM(point, definition.centre) <= definition.radiusM;
}

/** null when no region is configured (the geofence is off); otherwise the region the point is in, if any. */
export function regionOf(
  point: PointE6,
  regions: readonly Region[],
): { inside: boolean; regionId: string | null } | null {
  if (regions.length === 0) return null;
  const hit = regions.find((r) => insideRegion(point, r.definition));
  return { inside: hit !== undefined, regionId: hit?.id ?? null };
}

const validPoint = (p: unknown): p is PointE6 =>
  Array.isArray(p) &&
  p.length === 2 &&
  Number.isSafeInteger(p[0]) &&
  Number.isSafeInteger(p[1]) &&
  Math.abs(p[0] as number) <= 90_000_000 &&
  Math.abs(p[1] as number) <= 180_000_000;

/** Problems of a region as given, each with a JSON pointer; none means it may be stored. */
export function geofenceProblems(
  shape: GeofenceShape,
  definition: GeofenceDefinition,
): { path: string; message: string }[] {
  if (definition.shape !== shape) return [{ path: '/body/shape', message: 'does not match the definition' }];
  if (definition.shape === 'polygon') {
    const { points } = definition;
    if (points.length < 3 || points.length > RiskLimits.geofencePointsMax) {
      return [{ path: '/body/points', message: `needs 3 to ${RiskLimits.geofencePointsMax} points` }];
    }
    return points.flatMap((p, i) =>
      validPoint(p) ? [] : [{ path: `/body/points/${i}`, message: 'must be [latitude, longitude] in degrees' }],
    );
  }
  const problems: { path: string; message: string }[] = [];
  if (!validPoint(definition.centre)) problems.push({ path: '/body/centre', message: 'must be [latitude, longitude]' });
  if (!(definition.radiusM > 0 && definition.radiusM <= RiskLimits.geofenceRadiusMaxM)) {
    problems.push({ path: '/body/radiusM', message: `must be 1 to ${RiskLimits.geofenceRadiusMaxM} metres` });
  }
  return problems;
}

/**
 * Mainland China, coarsely (degrees, [lat, lng], clockwise from the Pamirs): a demo region that keeps
 * Taiwan, Korea and Japan out. Hong Kong and Macau fall inside; an operator who needs them out adds
 * a finer polygon. Not a legal boundary.
 */
export const mainlandChinaDegrees: readonly (readonly [number, number])[] = [
  [39.5, 73.5],
  [45.0, 80.0],
  [49.2, 87.0],
  [46.0, 91.0],
  [42.8, 97.0],
  [41.6, 105.0],
  [45.0, 111.5],
  [46.5, 116.0],
  [50.0, 119.8],
  [53.3, 121.0],
  [52.8, 126.0],
  [47.8, 131.3],
  [48.3, 134.7],
  [42.8, 131.0],
  [41.4, 128.0],
  [39.9, 124.3],
  [38.9, 121.6],
  [37.4, 122.5],
  [35.0, 119.5],
  [31.7, 121.9],
  [29.5, 122.2],
  [27.0, 120.5],
  [23.6, 117.6],
  [22.4, 114.4],
  [19.6, 111.2],
  [18.1, 110.5],
  [18.4, 108.6],
  [21.6, 108.6],
  [22.0, 106.7],
  [22.5, 103.9],
  [21.2, 101.7],
  [24.1, 98.9],
  [23.9, 97.6],
  [27.6, 98.6],
  [28.2, 97.3],
  [27.8, 92.0],
  [27.3, 88.9],
  [28.3, 85.0],
  [30.2, 81.0],
  [32.6, 78.9],
  [35.5, 79.3],
  [36.8, 75.8],
];

export const mainlandChina: GeofenceDefinition = {
  shape: 'polygon',
  points: mainlandChinaDegrees.map(([lat, lng]) => [Math.round(lat * 1e6), Math.round(lng * 1e6)] as const),
};
