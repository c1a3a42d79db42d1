import type { DuckDBConnection } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import { gcj02ToWgs84, type Crs } from './gcj02.js';

const BATCH = 250_000;

export type OnRows = (done: number, total: number) => void;

/**
 * Fills the temp table `geo(line, lat, lon, h3)` for every valid row of `checked` that has a
 * point: converted to WGS-84 when the input is GCJ-02, and bucketed into its H3 cell.
 * Works in batches of line ranges so memory stays bounded on large files.
 * @returns how many points were located.
 */
export async function locatePoints(conn: DuckDBConnection, resolution: number, crs: Crs, onRows?: OnRows): Promise<number> {
  await conn.run('CREATE OR REPLACE TEMP TABLE geo (line BIGINT, lat DOUBLE, lon DOUBLE, h3 VARCHAR)');
  await conn.run(`CREATE OR REPLACE TEMP TABLE to_locate AS
    SELECT row_number() OVER (ORDER BY line) AS n, line, lat_v, lon_v FROM checked
    WHERE problems IS NULL AND lat_v IS NOT NULL AND lon_v IS NOT NULL`);
  const total = Number((await conn.runAndReadAll('SELECT count(*) FROM to_locate')).getRowsJS()[0]?.[0] ?? 0);
  for (let from = 0; from < total; from += BATCH) {
    const batch = await conn.runAndReadAll('SELECT line, lat_v, lon_v FROM to_locate WHERE n > $a AND n <= $b', { a: from, b: from + BATCH });
    const [lines = [], lats = [], lons = []] = batch.getColumnsJS() as number[][];
    const appender = await conn.createAppender('geo', 'main', 'temp');
    for (let i = 0; i < lines.length; i += 1) {
      const [lat, lon] = crs === 'gcj02' ? gcj02ToWgs84(lats[i]!, lons[i]!) : [lats[i]!, lons[i]!];
      appender.appendBigInt(BigInt(lines[i]!));
      appender.appendDouble(lat);
      appender.appendDouble(lon);
      appender.appendVarchar(latLngToCell(lat, lon, resolution));
      appender.endRow();
    }
    appender.closeSync();
    onRows?.(Math.min(from + BATCH, total), total);
  }
  await conn.run('DROP TABLE to_locate');
  return total;
}
