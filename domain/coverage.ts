import { z } from 'zod';
import { Technology } from './enums.js';

/** Emerging hot spot classes (ESRI's Emerging Hot Spot Analysis, hot-spot side). */
export const HOT_SPOT_CLASSES = [
  'new',
  'consecutive',
  'intensifying',
  'persistent',
  'diminishing',
  'sporadic',
  'oscillating',
  'historical',
  'none',
] as const;
export const HotSpotClass = z.enum(HOT_SPOT_CLASSES);
export type HotSpotClass = z.infer<typeof HotSpotClass>;

/** proposed: build here; planned_site: a site is already planned; no_investment: listed, not proposed. */
export const CANDIDATE_STATUSES = ['proposed', 'planned_site', 'no_investment'] as const;
export const CandidateStatus = z.enum(CANDIDATE_STATUSES);
export type CandidateStatus = z.infer<typeof CandidateStatus>;

/** The nearest cell found for a point, with its great-circle distance in km. */
export const NearestSite = z.object({
  cell_id: z.string(),
  site_id: z.string(),
  lat: z.number(),
  lon: z.number(),
  distance_km: z.number().describe('great-circle distance, km'),
});
export type NearestSite = z.infer<typeof NearestSite>;

/** Complaints per technology, keys in SPEC order (GSM first); a technology without complaints is absent. */
export const TechnologyMix = z.partialRecord(Technology, z.number().int()).describe('complaints per technology');
export type TechnologyMix = z.infer<typeof TechnologyMix>;

/** One hexagon (database resolution) ranked by its coverage complaints (SPEC §5). */
export const WeakCoverageHex = z.object({
  h3: z.string(),
  lat: z.number().describe('centre of the hexagon'),
  lon: z.number(),
  complaints: z.number().int(),
  distinct_days: z.number().int().describe('local days (database zone) with a coverage complaint'),
  complaints_per_day: z.number().describe('complaints / distinct_days'),
  technology: Technology.describe('the filter, else the technology with most complaints here'),
  technologies: TechnologyMix,
  nearest_site: NearestSite.nullable().describe('nearest active cell of `technology` to the centre'),
});
export type WeakCoverageHex = z.infer<typeof WeakCoverageHex>;

/** One weak-coverage hexagon as a CSV line or Arrow row: the mix as text, the nearest site flattened. */
export const WeakCoverageRow = WeakCoverageHex.omit({ technologies: true, nearest_site: true }).extend({
  technologies: z.string().describe('TECH:count pairs joined with ";"'),
  nearest_cell_id: z.string().nullable(),
  nearest_site_id: z.string().nullable(),
  nearest_site_km: z.number().nullable(),
});
export type WeakCoverageRow = z.infer<typeof WeakCoverageRow>;

/** A connected region of weak-coverage hexagons and where a new site would serve it (SPEC §5). */
export const SiteCandidate = z.object({
  candidate_id: z.string().describe('stable for the same set of hexagons'),
  status: CandidateStatus,
  status_reason: z.string().nullable().describe('why the status is not proposed (the cell or event found)'),
  technology: Technology.describe("the query's technology, else the one with most complaints in the region"),
  technologies: TechnologyMix,
  hexes: z.array(z.string()),
  complaints: z.number().int(),
  complaint_ids: z.array(z.string()),
  proposed_point: z.object({ lat: z.number(), lon: z.number() }).describe('complaint-weighted centroid'),
  nearest_active: NearestSite.nullable(),
  nearest_planned: NearestSite.nullable(),
  hot_spot_classes: z.record(z.string(), HotSpotClass).describe('emerging hot spot class of each hexagon (12 weeks)'),
  hot_spot_class: HotSpotClass.describe('leading class: intensifying, then persistent, then the others'),
});
export type SiteCandidate = z.infer<typeof SiteCandidate>;

/** One site candidate as a CSV line or Arrow row (lists joined with ";"). */
export const SiteCandidateRow = z.object({
  candidate_id: z.string(),
  status: CandidateStatus,
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
  hot_spot_class: HotSpotClass,
  hot_spot_classes: z.string().describe('h3:class pairs joined with ";"'),
});
export type SiteCandidateRow = z.infer<typeof SiteCandidateRow>;

const TrendStats = {
  h3: z.string(),
  class: HotSpotClass.describe("ESRI's emerging hot spot class (cold-spot classes are none)"),
  complaints: z.number().int().describe('coverage complaints over the weeks'),
  hot_weeks: z.number().int().describe('weeks with Gi* p <= 0.05 and z > 0'),
  cold_weeks: z.number().int().describe('weeks with Gi* p <= 0.05 and z < 0'),
  final_z: z.number().describe('Gi* z-score of the last week'),
  final_p: z.number(),
  trend_s: z.number().int().describe('Mann-Kendall S over the weekly z-scores'),
  trend_variance: z.number(),
  trend_z: z.number(),
  trend_p: z.number(),
};

/** One hexagon's emerging hot spot class and the statistics behind it (SPEC §11). */
export const CoverageTrend = z.object({
  ...TrendStats,
  z_scores: z.array(z.number()).describe('Gi* z-score per week, oldest first'),
});
export type CoverageTrend = z.infer<typeof CoverageTrend>;

/** One hexagon's class as a CSV line or Arrow row. */
export const CoverageTrendRow = z.object({
  ...TrendStats,
  z_scores: z.string().describe('weekly z-scores joined with ";"'),
});
export type CoverageTrendRow = z.infer<typeof CoverageTrendRow>;
