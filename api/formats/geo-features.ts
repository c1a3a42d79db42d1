import type { Feature, Point } from 'geojson';
import { cellsToMultiPolygon, cellToBoundary } from 'h3-js';

/** A hexagon as a GeoJSON Polygon feature ([lon, lat] order, closed ring), its fields as properties. */
export function hexagonFeature(h3: string, properties: Record<string, unknown>): Feature {
  return {
    type: 'Feature',
    id: h3,
    geometry: { type: 'Polygon', coordinates: [cellToBoundary(h3, true)] },
    properties,
  };
}

/** A set of hexagons (a region) as one GeoJSON MultiPolygon feature, its fields as properties. */
export function regionFeature(id: string, hexes: string[], properties: Record<string, unknown>): Feature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(hexes, true) },
    properties,
  };
}

/** A point as a GeoJSON Point feature, or one with a null geometry when it has no position. */
export function pointFeature(
  lat: number | null,
  lon: number | null,
  properties: Record<string, unknown>,
  id?: string,
): Feature {
  const geometry: Point | null = lat === null || lon === null ? null : { type: 'Point', coordinates: [lon, lat] };
  // RFC 7946 §3.2 allows a null geometry for an unlocated feature; the typings do not.
  return { type: 'Feature', ...(id === undefined ? {} : { id }), geometry: geometry as Point, properties };
}
