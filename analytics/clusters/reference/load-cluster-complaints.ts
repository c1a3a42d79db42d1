import type { DuckDBConnection } from '@duckdb/node-api';
import type { Category } from '../../../domain/enums.js';
import type { ClusterComplaint } from '../../../domain/incident.js';
import { loadSql } from '../../../store/sql-files.js';

/** Located complaints received in [lo, hi] (epoch ms), in the form the detectors take. */
export async function loadClusterComplaints(
  conn: DuckDBConnection,
  lo: number,
  hi: number,
): Promise<ClusterComplaint[]> {
  const reader = await conn.runAndReadAll(loadSql(import.meta.url, 'cluster-complaints'), {
    lo: lo / 1000,
    hi: hi / 1000,
  });
  const [ids = [], categories = [], hexes = [], times = [], cities = [], lats = [], lons = []] = reader.getColumnsJS();
  return ids.map((id, i) => ({
    complaint_id: String(id),
    category: categories[i] as Category,
    h3: String(hexes[i]),
    t: Number(times[i]),
    city: String(cities[i]),
    lat: Number(lats[i]),
    lon: Number(lons[i]),
  }));
}
