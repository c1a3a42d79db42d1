import type { FeatureCollection } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Bundled as a file of the build (no tile server or CDN): the page must work without the internet.
import countriesUrl from 'world-atlas/countries-50m.json?url';

/**
 * Country outlines (Natural Earth 1:50m via world-atlas) as the base layer: enough to place a
 * province's hexagons; no street map, since tiles would need the internet.
 */
export async function loadCountryOutlines(): Promise<BaseMap> {
  const response = await fetch(countriesUrl);
  if (!response.ok) throw new Error(`country outlines: HTTP ${response.status}`);
  const topology = (await response.json()) as Topology<{ countries: GeometryCollection }>;
  const countries = feature(topology, topology.objects.countries) as FeatureCollection;
  // Each border once (shared arcs only), so a line is drawn where two countries meet, not around coasts.
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
  return { countries, borders: borders.coordinates };
}

/** Country shapes and the lines between countries (each a list of [lon, lat]). */
export interface BaseMap {
  countries: FeatureCollection;
  borders: number[][][];
}

/** The border lines that come within `marginDeg` of `bounds`, as GeoJSON for a line layer. */
export function bordersNear(borders: number[][][], bounds: Box, marginDeg: number): FeatureCollection {
  const [minLon, minLat, maxLon, maxLat] = bounds;
  const lines = borders.filter((line) => {
    const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
    extentOf(line, box);
    const inLon = box[0] <= maxLon + marginDeg && box[2] >= minLon - marginDeg;
    return inLon && box[1] <= maxLat + marginDeg && box[3] >= minLat - marginDeg;
  });
  const features = lines.map((coordinates) => ({
    type: 'Feature' as const,
    properties: {},
    geometry: { type: 'LineString' as const, coordinates },
  }));
  return { type: 'FeatureCollection', features };
}

type Box = [number, number, number, number];

type Position = number[];

function extentOf(coordinates: unknown, box: [number, number, number, number]): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number') {
    const [lon, lat] = coordinates as Position;
    box[0] = Math.min(box[0], lon!);
    box[1] = Math.min(box[1], lat!);
    box[2] = Math.max(box[2], lon!);
    box[3] = Math.max(box[3], lat!);
    return;
  }
  for (const inner of coordinates) extentOf(inner, box);
}

/**
 * The countries whose extent comes within `marginDeg` degrees of `bounds` (minLon, minLat,
 * maxLon, maxLat): the whole world has ~100,000 vertices at 1:50m, which software WebGL
 * (SwiftShader, used headless and on machines without a GPU) redraws at seconds per frame.
 */
export function outlinesNear(
  outlines: FeatureCollection,
  [minLon, minLat, maxLon, maxLat]: [number, number, number, number],
  marginDeg: number,
): FeatureCollection {
  const features = outlines.features.filter((f) => {
    if (f.geometry === null || !('coordinates' in f.geometry)) return false;
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    extentOf(f.geometry.coordinates, box);
    return (
      box[0] <= maxLon + marginDeg &&
      box[2] >= minLon - marginDeg &&
      box[1] <= maxLat + marginDeg &&
      box[3] >= minLat - marginDeg
    );
  });
  return { type: 'FeatureCollection', features };
}
