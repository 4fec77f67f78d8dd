import { describe, expect, test } from 'vitest';
import { distanceM, insideRegion, mainlandChina, type PointE6, regionOf } from './geofence';

const at = (lat: number, lng: number): PointE6 => [Math.round(lat * 1e6), Math.round(lng * 1e6)];

describe('the mainland China region', () => {
  test.each([
    ['Beijing', 39.9042, 116.4074],
    ['Shanghai', 31.2304, 121.4737],
    ['Shenzhen', 22.5431, 114.0579],
    ['Urumqi', 43.8256, 87.6168],
    ['Lhasa', 29.65, 91.1],
    ['Harbin', 45.8038, 126.535],
    ['Haikou', 20.044, 110.1983],
    ['Kunming', 25.0389, 102.7183],
  ])('%s is inside', (_name, lat, lng) => {
    expect(insideRegion(at(lat, lng), mainlandChina)).toBe(true);
  });

  test.each([
    ['Tokyo', 35.6762, 139.6503],
    ['Seoul', 37.5665, 126.978],
    ['Taipei', 25.033, 121.5654],
    ['Hanoi', 21.0278, 105.8342],
    ['Ulaanbaatar', 47.8864, 106.9057],
    ['Almaty', 43.222, 76.8512],
    ['Kathmandu', 27.7172, 85.324],
    ['Los Angeles', 34.0522, -118.2437],
  ])('%s is outside', (_name, lat, lng) => {
    expect(insideRegion(at(lat, lng), mainlandChina)).toBe(false);
  });
});

test('a circle holds the points within its radius by great-circle distance', () => {
  // Beijing to Shanghai is about 1,067 km.
  const beijing = at(39.9042, 116.4074);
  const shanghai = at(31.2304, 121.4737);
  expect(Math.round(distanceM(beijing, shanghai) / 1000)).toBe(1067);
  expect(insideRegion(shanghai, { shape: 'circle', centre: beijing, radiusM: 1_070_000 })).toBe(true);
  expect(insideRegion(shanghai, { shape: 'circle', centre: beijing, radiusM: 1_060_000 })).toBe(false);
});

test('no region means the geofence is off; any region holding the point allows it', () => {
  const tokyo = at(35.6762, 139.6503);
  expect(regionOf(tokyo, [])).toBeNull();
  expect(regionOf(tokyo, [{ id: 'cn', name: 'CN', definition: mainlandChina }])).toEqual({
    inside: false,
    regionId: null,
  });
  const japan = {
    id: 'jp',
    name: 'Tokyo 50 km',
    definition: { shape: 'circle' as const, centre: tokyo, radiusM: 50_000 },
  };
  expect(regionOf(tokyo, [{ id: 'cn', name: 'CN', definition: mainlandChina }, japan])).toEqual({
    inside: true,
    regionId: 'jp',
  });
});
