import { cellToLatLng } from 'h3-js';
import type { WeakCoverageHex } from '../../domain/coverage.js';
import type { Technology } from '../../domain/enums.js';
import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';
import { coverageParams, wholeAtLeast, type CoverageFilter } from './coverage-filter.js';
import { siteIndexOf, type SiteIndex } from './site-index.js';
import { dominantTechnology, technologyMix, type MixEntries } from './technology-mix.js';

export interface WeakCoverageQuery extends CoverageFilter {
  /** Keeps hexagons with at least this many coverage complaints (default 1). */
  minComplaints?: number;
  /** At most this many hexagons, the most complained-about first (default: all). */
  limit?: number;
}

export type { WeakCoverageHex } from '../../domain/coverage.js';

/**
 * Hexagons ranked by coverage complaints (weak_coverage, no_signal, no_service) received in
 * [from, to), most first (ties by h3). DuckDB groups; the nearest active
 * site of each hexagon's technology comes from the shared kd-tree site index, distances in km.
 * @throws CellpulseError invalid_parameter when minComplaints or limit is not a whole number >= 1.
 */
export async function weakCoverage(db: Database, query: WeakCoverageQuery = {}): Promise<WeakCoverageHex[]> {
  const minComplaints = wholeAtLeast('minComplaints', query.minComplaints ?? 1, 1);
  const limit = query.limit === undefined ? null : wholeAtLeast('limit', query.limit, 1);
  const [rows, sites] = await Promise.all([
    db.all<HexCounts>(loadSql(import.meta.url, 'weak-coverage-hexes'), {
      ...coverageParams(query, minComplaints),
      limit,
    }),
    siteIndexOf(db),
  ]);
  return rows.map((row) => weakHex(row, query.technology, sites));
}

/** A row of weak-coverage-hexes.sql. */
interface HexCounts {
  h3: string;
  complaints: number;
  distinct_days: number;
  technologies: MixEntries;
}

function weakHex(row: HexCounts, asked: Technology | undefined, sites: SiteIndex): WeakCoverageHex {
  const { h3, complaints, distinct_days: days } = row;
  const [lat, lon] = cellToLatLng(h3);
  const technologies = technologyMix(row.technologies);
  const technology = asked ?? dominantTechnology(technologies);
  return {
    h3,
    lat,
    lon,
    complaints,
    distinct_days: days,
    complaints_per_day: complaints / days,
    technology,
    technologies,
    nearest_site: sites.nearest(lat, lon, technology, 'active'),
  };
}
