import type { SiteStatus, Technology } from '../domain/enums.js';
import type { Database } from '../store/database.js';
import type { BoundingBox } from './hexagon-counts.js';
import type { CellSite } from '../domain/cell-site.js';

export interface SiteFilter {
  city?: string;
  technology?: Technology;
  status?: SiteStatus;
  /** Keeps the cells whose site lies in the box. */
  bbox?: BoundingBox;
  limit?: number;
  offset?: number;
}

export type { CellSite } from '../domain/cell-site.js';

const SITES_SQL = `SELECT cell_id, site_id, city, technology, lat, lon, azimuth, status, h3 FROM cell_sites
  WHERE ($city IS NULL OR city = $city)
    AND ($technology IS NULL OR technology = $technology)
    AND ($status IS NULL OR status = $status)
    AND ($min_lat IS NULL OR (lat BETWEEN $min_lat AND $max_lat AND lon BETWEEN $min_lon AND $max_lon))
  ORDER BY cell_id
  LIMIT $limit OFFSET $offset`;

/** Cells of the site inventory matching the filter, ordered by cell_id (default: the first 1000). */
export async function listSites(db: Database, filter: SiteFilter = {}): Promise<CellSite[]> {
  const rows = await db.all<CellSite>(SITES_SQL, {
    city: filter.city ?? null,
    technology: filter.technology ?? null,
    status: filter.status ?? null,
    min_lat: filter.bbox?.minLat ?? null,
    max_lat: filter.bbox?.maxLat ?? null,
    min_lon: filter.bbox?.minLon ?? null,
    max_lon: filter.bbox?.maxLon ?? null,
    limit: filter.limit ?? 1000,
    offset: filter.offset ?? 0,
  });
  return rows;
}
