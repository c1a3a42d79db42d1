import { cellToLatLng, cellToParent, getHexagonEdgeLengthAvg, getResolution } from 'h3-js';
import type { Category, Technology } from '../domain/enums.js';
import { CellpulseError } from '../domain/errors.js';
import type { Database } from '../store/database.js';

/** A bounding box in WGS-84 degrees. */
export interface BoundingBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export interface HexagonQuery {
  /** Target resolution, at most the database's; default the database's. */
  resolution?: number;
  /** ISO-8601; complaints received in [from, to); without an offset, local time in the database's zone. */
  from?: string;
  to?: string;
  category?: Category;
  technology?: Technology;
  city?: string;
  /** Keeps the hexagons whose centre lies in the box. */
  bbox?: BoundingBox;
  /** Keeps the hexagons inside this (coarser or equal) H3 cell. */
  within?: string;
}

export interface HexagonCount {
  h3: string;
  resolution: number;
  complaints: number;
  /** Centre of the hexagon, degrees. */
  lat: number;
  lon: number;
}

const COUNTS_SQL = `SELECT h3, count(*) AS complaints FROM complaints
  WHERE h3 IS NOT NULL
    AND ($from IS NULL OR received_at >= $from::TIMESTAMPTZ)
    AND ($to IS NULL OR received_at < $to::TIMESTAMPTZ)
    AND ($category IS NULL OR category = $category)
    AND ($technology IS NULL OR technology = $technology)
    AND ($city IS NULL OR city = $city)
    AND ($min_lat IS NULL OR (lat BETWEEN $min_lat AND $max_lat AND lon BETWEEN $min_lon AND $max_lon))
  GROUP BY h3`;

/**
 * Located complaints per H3 hexagon at any resolution up to the database's: DuckDB groups at the
 * stored resolution, then counts are summed into H3 parents here. Sorted by complaints, descending.
 * @throws CellpulseError invalid_parameter when the resolution is finer than the database's, or
 *   `within` is finer than the target resolution.
 */
export async function hexagonCounts(db: Database, query: HexagonQuery = {}): Promise<HexagonCount[]> {
  const stored = db.settings.h3Resolution;
  const resolution = query.resolution ?? stored;
  if (resolution > stored) {
    throw new CellpulseError('invalid_parameter', `resolution must be at most ${stored}, the resolution this database was created with`, resolution);
  }
  if (query.within !== undefined && getResolution(query.within) > resolution) {
    throw new CellpulseError('invalid_parameter', `within must be a cell of resolution ${resolution} or coarser`, query.within);
  }
  const rows = await db.all(COUNTS_SQL, sqlParams(query, resolution));
  const counts = new Map<string, number>();
  for (const row of rows) {
    const cell = resolution === stored ? String(row.h3) : cellToParent(String(row.h3), resolution);
    counts.set(cell, (counts.get(cell) ?? 0) + Number(row.complaints));
  }
  return [...counts]
    .map(([h3, complaints]) => ({ h3, resolution, complaints, ...centre(h3) }))
    .filter((hex) => keep(hex, query))
    .sort((a, b) => b.complaints - a.complaints || a.h3.localeCompare(b.h3));
}

function sqlParams(query: HexagonQuery, resolution: number): Record<string, string | number | null> {
  const box = query.bbox === undefined ? undefined : widened(query.bbox, resolution);
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    category: query.category ?? null,
    technology: query.technology ?? null,
    city: query.city ?? null,
    min_lat: box?.minLat ?? null,
    max_lat: box?.maxLat ?? null,
    min_lon: box?.minLon ?? null,
    max_lon: box?.maxLon ?? null,
  };
}

/**
 * The box grown by about one hexagon radius: a hexagon whose centre is inside the box may hold
 * complaints just outside it, and those must be counted. The exact cut is by centre, afterwards.
 */
function widened(box: BoundingBox, resolution: number): BoundingBox {
  const km = getHexagonEdgeLengthAvg(resolution, 'km') * 1.5;
  const dLat = km / 110.574;
  const maxAbsLat = Math.min(89, Math.max(Math.abs(box.minLat), Math.abs(box.maxLat)) + dLat);
  const dLon = Math.min(180, km / (111.32 * Math.cos((maxAbsLat * Math.PI) / 180)));
  return { minLat: box.minLat - dLat, maxLat: box.maxLat + dLat, minLon: box.minLon - dLon, maxLon: box.maxLon + dLon };
}

function centre(h3: string): { lat: number; lon: number } {
  const [lat, lon] = cellToLatLng(h3);
  return { lat, lon };
}

function keep(hex: HexagonCount, query: HexagonQuery): boolean {
  const box = query.bbox;
  if (box && !(hex.lat >= box.minLat && hex.lat <= box.maxLat && hex.lon >= box.minLon && hex.lon <= box.maxLon)) return false;
  if (query.within !== undefined && cellToParent(hex.h3, getResolution(query.within)) !== query.within) return false;
  return true;
}
