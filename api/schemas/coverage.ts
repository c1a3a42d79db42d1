import { z } from 'zod';
import {
  SiteCandidateRow,
  WeakCoverageRow,
  type NearestSite,
  type SiteCandidate,
  type TechnologyMix,
  type WeakCoverageHex,
} from '../../domain/coverage.js';
import { Technology } from '../../domain/enums.js';
import { hexagonFeature, regionFeature } from '../formats/geo-features.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import type { TableSpec } from '../formats/table-spec.js';
import { IsoTime } from './common.js';

export const COVERAGE_FORMATS: readonly OutputFormat[] = ['json', 'geojson', 'csv', 'arrow'];

/** The complaint filter of both coverage routes (coverage categories are implied). */
const CoverageFilterQuery = z.object({
  from: IsoTime.optional().describe('start of the period (inclusive)'),
  to: IsoTime.optional().describe('end of the period (exclusive)'),
  technology: Technology.optional().describe('count this technology only, and measure to its sites'),
  city: z.string().min(1).optional(),
});

export const CoverageQuery = CoverageFilterQuery.extend({
  min_complaints: z.coerce
    .number()
    .int()
    .min(1)
    .default(1)
    .describe('keep hexagons with at least this many coverage complaints'),
  limit: z.coerce.number().int().min(1).max(100_000).default(1000),
  format: formatQuery(COVERAGE_FORMATS),
});

export const SiteCandidateQuery = CoverageFilterQuery.extend({
  min_complaints: z.coerce
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('a hexagon joins a region with at least this many coverage complaints'),
  planned_within_km: z.coerce
    .number()
    .min(0)
    .max(50)
    .default(1)
    .describe('a planned cell or construction area this close to the proposed point makes the region planned_site'),
  at: IsoTime.optional().describe(
    'time at which network events must be in force (default: `to`, else the newest complaint)',
  ),
  format: formatQuery(COVERAGE_FORMATS),
});

function mixText(mix: TechnologyMix): string {
  return Object.entries(mix)
    .map(([technology, count]) => `${technology}:${count}`)
    .join(';');
}

function weakCoverageRow({ nearest_site: near, technologies, ...hex }: WeakCoverageHex): WeakCoverageRow {
  return {
    ...hex,
    technologies: mixText(technologies),
    nearest_cell_id: near?.cell_id ?? null,
    nearest_site_id: near?.site_id ?? null,
    nearest_site_km: near?.distance_km ?? null,
  };
}

function siteCandidateRow(c: SiteCandidate): SiteCandidateRow {
  const site = (near: NearestSite | null): [string | null, number | null] => [
    near?.cell_id ?? null,
    near?.distance_km ?? null,
  ];
  const [activeId, activeKm] = site(c.nearest_active);
  const [plannedId, plannedKm] = site(c.nearest_planned);
  return {
    candidate_id: c.candidate_id,
    status: c.status,
    status_reason: c.status_reason,
    technology: c.technology,
    technologies: mixText(c.technologies),
    complaints: c.complaints,
    proposed_lat: c.proposed_point.lat,
    proposed_lon: c.proposed_point.lon,
    nearest_active_cell_id: activeId,
    nearest_active_km: activeKm,
    nearest_planned_cell_id: plannedId,
    nearest_planned_km: plannedKm,
    hexes: c.hexes.join(';'),
    complaint_ids: c.complaint_ids.join(';'),
    hot_spot_class: c.hot_spot_class,
    hot_spot_classes: Object.entries(c.hot_spot_classes)
      .map(([h3, cls]) => `${h3}:${cls}`)
      .join(';'),
  };
}

/** Weak-coverage hexagons in every format; GeoJSON draws each hexagon, its flat row as properties. */
export const weakCoverageTable: TableSpec<WeakCoverageHex, typeof WeakCoverageRow> = {
  name: 'coverage',
  row: WeakCoverageRow,
  toRow: weakCoverageRow,
  toFeature: (hex) => hexagonFeature(hex.h3, weakCoverageRow(hex)),
};

/** Site candidates in every format; GeoJSON draws each region as one MultiPolygon, its flat row as properties. */
export const siteCandidateTable: TableSpec<SiteCandidate, typeof SiteCandidateRow> = {
  name: 'site-candidates',
  row: SiteCandidateRow,
  toRow: siteCandidateRow,
  toFeature: (c) => regionFeature(c.candidate_id, c.hexes, siteCandidateRow(c)),
};
