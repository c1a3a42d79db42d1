import { cellsToMultiPolygon } from 'h3-js';
import { z } from 'zod';
import { HOT_SPOT_CLASSES } from '../../analytics/coverage/hot-spot-class.js';
import { CANDIDATE_STATUSES, type SiteCandidate } from '../../analytics/coverage/site-candidates.js';
import type { NearestSite } from '../../analytics/coverage/site-index.js';
import type { TechnologyMix } from '../../analytics/coverage/technology-mix.js';
import type { WeakCoverageHex } from '../../analytics/coverage/weak-coverage.js';
import { Technology } from '../../domain/enums.js';
import { hexagonFeature } from '../formats/geo-features.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import type { FlatRow, TableSpec } from '../formats/table-spec.js';
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
  min_complaints: z.coerce.number().int().min(1).default(1).describe('keep hexagons with at least this many coverage complaints'),
  limit: z.coerce.number().int().min(1).max(100_000).default(1000),
  format: formatQuery(COVERAGE_FORMATS),
});

export const SiteCandidateQuery = CoverageFilterQuery.extend({
  min_complaints: z.coerce.number().int().min(1).default(3).describe('a hexagon joins a region with at least this many coverage complaints'),
  planned_within_km: z.coerce.number().min(0).max(50).default(1).describe('a planned cell or construction area this close to the proposed point makes the region planned_site'),
  at: IsoTime.optional().describe('time at which network events must be in force (default: `to`, else the newest complaint)'),
  format: formatQuery(COVERAGE_FORMATS),
});

const NearestSiteBody = z.object({
  cell_id: z.string(),
  site_id: z.string(),
  lat: z.number(),
  lon: z.number(),
  distance_km: z.number().describe('great-circle distance, km'),
});

const Mix = z.record(z.string(), z.number().int()).describe('complaints per technology');

/** One weak-coverage hexagon as JSON. */
export const WeakCoverageBody = z.object({
  h3: z.string(),
  lat: z.number().describe('centre of the hexagon'),
  lon: z.number(),
  complaints: z.number().int(),
  distinct_days: z.number().int().describe('local days (database zone) with a coverage complaint'),
  complaints_per_day: z.number(),
  technology: Technology.describe('the filter, else the technology with most complaints here'),
  technologies: Mix,
  nearest_site: NearestSiteBody.nullable().describe('nearest active cell of `technology` to the centre'),
});

/** One weak-coverage hexagon as a CSV line or Arrow row. */
export const WeakCoverageRow = z.object({
  h3: z.string(),
  lat: z.number(),
  lon: z.number(),
  complaints: z.number().int(),
  distinct_days: z.number().int(),
  complaints_per_day: z.number(),
  technology: Technology,
  technologies: z.string().describe('TECH:count pairs joined with ";"'),
  nearest_cell_id: z.string().nullable(),
  nearest_site_id: z.string().nullable(),
  nearest_site_km: z.number().nullable(),
});

/** One site candidate as JSON. */
export const SiteCandidateBody = z.object({
  candidate_id: z.string().describe('stable for the same set of hexagons'),
  status: z.enum(CANDIDATE_STATUSES),
  status_reason: z.string().nullable(),
  technology: Technology,
  technologies: Mix,
  hexes: z.array(z.string()),
  complaints: z.number().int(),
  complaint_ids: z.array(z.string()),
  proposed_point: z.object({ lat: z.number(), lon: z.number() }).describe('complaint-weighted centroid'),
  nearest_active: NearestSiteBody.nullable(),
  nearest_planned: NearestSiteBody.nullable(),
  hot_spot_classes: z
    .record(z.string(), z.enum(HOT_SPOT_CLASSES))
    .describe('emerging hot spot class of each hexagon (12 weeks)'),
  hot_spot_class: z.enum(HOT_SPOT_CLASSES).describe('leading class: intensifying, then persistent, then the others'),
});

/** One site candidate as a CSV line or Arrow row (lists joined with ";"). */
export const SiteCandidateRow = z.object({
  candidate_id: z.string(),
  status: z.enum(CANDIDATE_STATUSES),
  status_reason: z.string().nullable(),
  technology: Technology,
  technologies: z.string(),
  complaints: z.number().int(),
  proposed_lat: z.number(),
  proposed_lon: z.number(),
  nearest_active_cell_id: z.string().nullable(),
  nearest_active_km: z.number().nullable(),
  nearest_planned_cell_id: z.string().nullable(),
  nearest_planned_km: z.number().nullable(),
  hexes: z.string(),
  complaint_ids: z.string(),
  hot_spot_class: z.enum(HOT_SPOT_CLASSES),
  hot_spot_classes: z.string().describe('h3:class pairs joined with ";"'),
});

function mixText(mix: TechnologyMix): string {
  return Object.entries(mix).map(([technology, count]) => `${technology}:${count}`).join(';');
}

function weakCoverageRow({ nearest_site: near, technologies, ...hex }: WeakCoverageHex): FlatRow {
  return { ...hex, technologies: mixText(technologies), nearest_cell_id: near?.cell_id ?? null, nearest_site_id: near?.site_id ?? null, nearest_site_km: near?.distance_km ?? null };
}

function siteCandidateRow(c: SiteCandidate): FlatRow {
  const site = (near: NearestSite | null): [string | null, number | null] => [near?.cell_id ?? null, near?.distance_km ?? null];
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
    hot_spot_classes: Object.entries(c.hot_spot_classes).map(([h3, cls]) => `${h3}:${cls}`).join(';'),
  };
}

/** Weak-coverage hexagons in every format; GeoJSON draws each hexagon, its flat row as properties. */
export const weakCoverageTable: TableSpec<WeakCoverageHex> = {
  name: 'coverage',
  row: WeakCoverageRow,
  toRow: weakCoverageRow,
  toFeature: (hex) => hexagonFeature(hex.h3, weakCoverageRow(hex)),
};

/** Site candidates in every format; GeoJSON draws each region as one MultiPolygon, its flat row as properties. */
export const siteCandidateTable: TableSpec<SiteCandidate> = {
  name: 'site-candidates',
  row: SiteCandidateRow,
  toRow: siteCandidateRow,
  toFeature: (c) => ({
    type: 'Feature',
    id: c.candidate_id,
    geometry: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(c.hexes, true) },
    properties: siteCandidateRow(c),
  }),
};
