import { z } from 'zod';
import { CoverageTrendRow, type CoverageTrend } from '../../domain/coverage.js';
import { hexagonFeature } from '../formats/geo-features.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import type { TableSpec } from '../formats/table-spec.js';
import { IsoTime } from './common.js';

export const TREND_FORMATS: readonly OutputFormat[] = ['json', 'geojson', 'csv', 'arrow'];

/** The options of `cellpulse coverage --trend` and `GET /v1/coverage/trends` (SPEC §11). */
export const CoverageTrendQuery = z.object({
  weeks: z.coerce.number().int().min(3).max(520).default(12).describe('weeks of 7 days'),
  to: IsoTime.optional().describe('end of the last week, inclusive (default: the newest complaint)'),
  format: formatQuery(TREND_FORMATS),
});

function trendRow(t: CoverageTrend): CoverageTrendRow {
  return { ...t, z_scores: t.z_scores.map((z) => z.toFixed(4)).join(';') };
}

/** Emerging hot spots in every format; GeoJSON draws each hexagon. */
export const coverageTrendTable: TableSpec<CoverageTrend, typeof CoverageTrendRow> = {
  name: 'coverage-trends',
  row: CoverageTrendRow,
  toRow: trendRow,
  toFeature: (t) => hexagonFeature(t.h3, trendRow(t)),
};
