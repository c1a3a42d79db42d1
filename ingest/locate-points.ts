import { DOUBLE, INTEGER, UINTEGER, type DuckDBConnection } from '@duckdb/node-api';
import { appendColumns, copyColumns } from '../store/number-vectors.js';
import type { Crs } from './gcj02.js';
import { H3Workers, type LocatedBatch } from './h3-workers.js';

/** The points of the rows of `src`, as typed columns. */
interface Points {
  lines: Int32Array;
  lats: Float64Array;
  lons: Float64Array;
}

/** Points on their way through the H3 worker threads. */
export interface Locating {
  lines: Int32Array;
  located: Promise<LocatedBatch>;
  total: number;
}

/** Starts the H3 worker threads now, so they have loaded h3-js by the time points arrive. */
export function warmUpLocator(): void {
  H3Workers.shared();
}

/**
 * Reads every row of `src` (or, once checked, of `checked`) with a point in range and hands the
 * points to the H3 worker threads; returns at once, so DuckDB checks the rows (and more) while the
 * workers convert (GCJ-02 to WGS-84, when asked) and bucket. A row rejected for another reason is
 * located too, and its cell never used. Finish with `writeGeo`.
 */
export async function startLocating(
  conn: DuckDBConnection,
  resolution: number,
  crs: Crs,
  from: 'src' | 'checked' = 'src',
): Promise<Locating> {
  const points = await readPoints(conn, from);
  const located =
    points.lines.length === 0
      ? Promise.resolve({ lats: points.lats, lons: points.lons, hi: new Uint32Array(0), lo: new Uint32Array(0) })
      : H3Workers.shared().locate(points.lats, points.lons, resolution, crs === 'gcj02');
  // Awaited later; until then a failure must not surface as an unhandled rejection.
  located.catch(() => undefined);
  return { lines: points.lines, located, total: points.lines.length };
}

/** The checked rows' own casts, or the same casts of `src`, so every valid row with a point is here. */
const POINT_ROWS = {
  src: 'SELECT line, TRY_CAST(lat AS DOUBLE) AS lat_v, TRY_CAST(lon AS DOUBLE) AS lon_v FROM src',
  checked: 'SELECT line, lat_v, lon_v FROM checked',
};

async function readPoints(conn: DuckDBConnection, from: keyof typeof POINT_ROWS): Promise<Points> {
  const result = await conn.run(`SELECT line::INTEGER, lat_v, lon_v FROM (${POINT_ROWS[from]})
    WHERE lat_v BETWEEN -90 AND 90 AND lon_v BETWEEN -180 AND 180`);
  const total = result.rowCount;
  const points: Points = { lines: new Int32Array(total), lats: new Float64Array(total), lons: new Float64Array(total) };
  copyColumns(result, [points.lines, points.lats, points.lons]);
  return points;
}

/**
 * Waits for the workers and fills the temp view `geo(line, lat, lon, h3)`: the WGS-84 point and
 * H3 cell (hex text) of every located row. Rows go in a vector (2048 rows) per call, not a value
 * per call; the hex text is made by DuckDB, in parallel.
 * @returns how many points were located.
 */
export async function writeGeo(conn: DuckDBConnection, locating: Locating): Promise<number> {
  const { lines } = locating;
  const located = await locating.located;
  await conn.run(
    'CREATE OR REPLACE TEMP TABLE geo_cells (line INTEGER, lat DOUBLE, lon DOUBLE, hi UINTEGER, lo UINTEGER)',
  );
  await appendColumns(
    conn,
    'geo_cells',
    [INTEGER, DOUBLE, DOUBLE, UINTEGER, UINTEGER],
    [lines, located.lats, located.lons, located.hi, located.lo],
  );
  await conn.run(`CREATE OR REPLACE TEMP VIEW geo AS
    SELECT line, lat, lon, format('{:x}', (hi::UBIGINT << 32) | lo) AS h3 FROM geo_cells`);
  return lines.length;
}
