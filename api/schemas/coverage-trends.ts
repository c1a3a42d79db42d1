import { z } from 'zod';
import type { CoverageTrend } from '../../analytics/coverage/coverage-trends.js';
import { HOT_SPOT_CLASSES } from '../../analytics/coverage/hot-spot-class.js';
import { hexagonFeature } from '../formats/geo-features.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import type { FlatRow, TableSpec } from '../formats/table-spec.js';
import { IsoTime } from './common.js';

export const TREND_FORMATS: readonly OutputFormat[] = ['json', 'geojson', 'csv', 'arrow'];

/** The options of `cellpulse coverage --trend` and `GET /v1/coverage/trends` (SPEC §11). */
export const CoverageTrendQuery = z.object({
  weeks: z.coerce.number().int().min(3).max(520).default(12).describe('weeks of 7 days'),
  to: IsoTime.optional().describe('end of the last week, inclusive (default: the newest complaint)'),
  format: formatQuery(TREND_FORMATS),
});

const Stats = {
  h3: z.string(),
  class: z.enum(HOT_SPOT_CLASSES).describe("ESRI's emerging hot spot class (cold-spot classes are none)"),
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

/** One hexagon's class as JSON. */
export const CoverageTrendBody = z.object({
  ...Stats,
  z_scores: z.array(z.number()).describe('Gi* z-score per week, oldest first'),
});

/** One hexagon's class as a CSV line or Arrow row. */
export const CoverageTrendRow = z.object({
  ...Stats,
  z_scores: z.string().describe('weekly z-scores joined with ";"'),
});

function trendRow(t: CoverageTrend): FlatRow {
  return { ...t, z_scores: t.z_scores.map((z) => z.toFixed(4)).join(';') };
}

/** Emerging hot spots in every format; GeoJSON draws each hexagon. */
export const coverageTrendTable: TableSpec<CoverageTrend> = {
  name: 'coverage-trends',
  row: CoverageTrendRow,
  toRow: trendRow,
  toFeature: (t) => hexagonFeature(t.h3, trendRow(t)),
};
