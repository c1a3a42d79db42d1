import type { DuckDBConnection } from '@duckdb/node-api';
import type { Crs } from './gcj02.js';
import { H3Workers, type LocatedBatch } from './h3-workers.js';

const BATCH = 200_000;

export type OnRows = (done: number, total: number) => void;

interface PointBatch {
  lines: number[];
  lats: Float64Array;
  lons: Float64Array;
}

/**
 * Fills the temp table `geo(line, lat, lon, h3)` for every valid row of `checked` that has a
 * point: converted to WGS-84 when the input is GCJ-02, and bucketed into its H3 cell.
 * Works in batches so memory stays bounded.
 * @returns how many points were located.
 */
export async function locatePoints(conn: DuckDBConnection, resolution: number, crs: Crs, onRows?: OnRows): Promise<number> {
  await conn.run('CREATE OR REPLACE TEMP TABLE geo (line BIGINT, lat DOUBLE, lon DOUBLE, h3 VARCHAR)');
  await conn.run(`CREATE OR REPLACE TEMP TABLE to_locate AS
    SELECT row_number() OVER (ORDER BY line) AS n, line, lat_v, lon_v FROM checked
    WHERE problems IS NULL AND lat_v IS NOT NULL AND lon_v IS NOT NULL`);
  const total = Number((await conn.runAndReadAll('SELECT count(*) FROM to_locate')).getRowsJS()[0]?.[0] ?? 0);
  const workers = H3Workers.shared();
  const locate = (b: PointBatch): Promise<LocatedBatch> => workers.locate(b.lats, b.lons, resolution, crs === 'gcj02');
  // Reads and appends share the one connection, so they run one after the other; the H3 work
  // of the next batch (on the worker threads) overlaps the append of this one.
  let batch = total > 0 ? await readBatch(conn, 0) : undefined;
  let located = batch ? locate(batch) : undefined;
  for (let from = 0; batch && located; from += BATCH) {
    const ready = await located;
    const lines = batch.lines;
    batch = from + BATCH < total ? await readBatch(conn, from + BATCH) : undefined;
    located = batch ? locate(batch) : undefined;
    await appendGeo(conn, lines, ready);
    onRows?.(Math.min(from + BATCH, total), total);
  }
  await conn.run('DROP TABLE to_locate');
  return total;
}

async function readBatch(conn: DuckDBConnection, from: number): Promise<PointBatch> {
  const reader = await conn.runAndReadAll('SELECT line::DOUBLE, lat_v, lon_v FROM to_locate WHERE n > $a AND n <= $b', { a: from, b: from + BATCH });
  const [lines = [], lats = [], lons = []] = reader.getColumnsJS() as number[][];
  return { lines, lats: Float64Array.from(lats), lons: Float64Array.from(lons) };
}

async function appendGeo(conn: DuckDBConnection, lines: number[], located: LocatedBatch): Promise<void> {
  const appender = await conn.createAppender('geo', 'main', 'temp');
  for (let i = 0; i < lines.length; i += 1) {
    appender.appendBigInt(BigInt(lines[i]!));
    appender.appendDouble(located.lats[i]!);
    appender.appendDouble(located.lons[i]!);
    appender.appendVarchar(located.cells[i]!);
    appender.endRow();
  }
  appender.closeSync();
}
