import { cellToLatLng, cellToParent, getHexagonEdgeLengthAvg, getResolution, greatCircleDistance } from 'h3-js';
import type { MapCell } from './hex-map.js';

/**
 * Sums cell values into parent cells at the finest resolution at which the map is about
 * `across` hexagons wide: a province of resolution-8 hexagons (~1 km) would draw them
 * sub-pixel, a single district would lose its detail if always coarsened.
 */
export function coarsenCells(cells: readonly { h3: string; value: number }[], across = 80): MapCell[] {
  const first = cells[0];
  if (first === undefined) return [];
  const finest = getResolution(first.h3);
  const resolution = mapResolution(
    cells.map((c) => cellToLatLng(c.h3)),
    finest,
    across,
  );
  const sums = new Map<string, number>();
  for (const c of cells) {
    const parent = resolution === finest ? c.h3 : cellToParent(c.h3, resolution);
    sums.set(parent, (sums.get(parent) ?? 0) + c.value);
  }
  return [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([h3, value]) => ({ h3, value }));
}

function mapResolution(centres: readonly [number, number][], finest: number, across: number): number {
  const lats = centres.map(([lat]) => lat);
  const lons = centres.map(([, lon]) => lon);
  const south = Math.min(...lats);
  const north = Math.max(...lats);
  const mid = (south + north) / 2;
  const extentKm = Math.max(
    greatCircleDistance([south, 0], [north, 0], 'km'),
    greatCircleDistance([mid, Math.min(...lons)], [mid, Math.max(...lons)], 'km'),
  );
  for (let r = finest; r > 0; r--) {
    // A hexagon is about two edge lengths across.
    if (extentKm / (2 * getHexagonEdgeLengthAvg(r, 'km')) <= across) return r;
  }
  return 0;
}
