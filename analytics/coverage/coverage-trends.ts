import { listValue } from '@duckdb/node-api';
import { gridDisk } from 'h3-js';
import type { CoverageTrend } from '../../domain/coverage.js';
import { COVERAGE_CATEGORIES } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';
import { newestComplaint, timeInZone } from '../scan/load-scan-input.js';
import { getisOrdGiStar } from './getis-ord.js';
import { HOT_SPOT_CLASSES, hotSpotClass } from './hot-spot-class.js';
import { mannKendall } from './mann-kendall.js';
import { twoSidedP } from './two-sided-p.js';

export interface CoverageTrendQuery {
  /** Weeks of 7 days (default 12, at least 3). */
  weeks?: number;
  /** ISO-8601 end of the last week (inclusive); default the newest complaint. */
  to?: string;
}

export type { CoverageTrend } from '../../domain/coverage.js';

/**
 * Emerging hot spots of coverage complaints (weak_coverage, no_signal, no_service; SPEC §11):
 * complaints per hexagon and week over the hexagons with any in the period, Getis-Ord Gi* per
 * hexagon and week over its disk of radius 1 (binary weights, the hexagon included, among those
 * hexagons), a Mann-Kendall trend of each hexagon's z-scores and one class per hexagon
 * (`hotSpotClass`). Ordered by class as listed in HOT_SPOT_CLASSES, then by complaints.
 * @throws CellpulseError invalid_parameter when weeks < 3 or `to` is not a time.
 */
export async function coverageTrends(db: Database, query: CoverageTrendQuery = {}): Promise<CoverageTrend[]> {
  const weeks = query.weeks ?? 12;
  if (!Number.isInteger(weeks) || weeks < 3 || weeks > 520)
    throw new CellpulseError('invalid_parameter', 'weeks must be a whole number from 3 to 520', weeks);
  const to = query.to === undefined ? await newestComplaint(db) : await timeInZone(db, query.to);
  if (to === null) return [];
  const rows = await db.all<{ h3: string; weeks: number[]; complaints: number[] }>(
    loadSql(import.meta.url, 'weekly-coverage'),
    {
      to: to / 1000,
      weeks,
      categories: listValue([...COVERAGE_CATEGORIES]),
    },
  );
  const hexes = rows.map((r) => r.h3);
  const counts = rows.map((r) => {
    const series = new Float64Array(weeks);
    r.weeks.forEach((week, i) => (series[week] = r.complaints[i]!));
    return series;
  });
  return classify(hexes, counts, weeks);
}

function classify(hexes: readonly string[], counts: readonly Float64Array[], weeks: number): CoverageTrend[] {
  const position = new Map(hexes.map((h, i) => [h, i]));
  const neighbours = hexes.map((h) =>
    Int32Array.from(
      gridDisk(h, 1)
        .map((n) => position.get(n))
        .filter((i): i is number => i !== undefined),
    ),
  );
  const z = hexes.map(() => new Float64Array(weeks));
  for (let w = 0; w < weeks; w += 1) {
    const week = getisOrdGiStar(
      Float64Array.from(counts, (c) => c[w]!),
      neighbours,
    );
    week.forEach((value, i) => (z[i]![w] = value));
  }
  return hexes.map((h3, i) => describe(h3, counts[i]!, z[i]!)).sort(byClass);
}

function describe(h3: string, counts: Float64Array, z: Float64Array): CoverageTrend {
  const p = Array.from(z, twoSidedP);
  const trend = mannKendall(z);
  const n = z.length;
  return {
    h3,
    class: hotSpotClass(z, p, trend),
    complaints: counts.reduce((a, b) => a + b, 0),
    hot_weeks: p.filter((value, t) => value <= 0.05 && z[t]! > 0).length,
    cold_weeks: p.filter((value, t) => value <= 0.05 && z[t]! < 0).length,
    z_scores: Array.from(z),
    final_z: z[n - 1]!,
    final_p: p[n - 1]!,
    trend_s: trend.s,
    trend_variance: trend.variance,
    trend_z: trend.z,
    trend_p: trend.p,
  };
}

function byClass(a: CoverageTrend, b: CoverageTrend): number {
  return (
    HOT_SPOT_CLASSES.indexOf(a.class) - HOT_SPOT_CLASSES.indexOf(b.class) ||
    b.complaints - a.complaints ||
    (a.h3 < b.h3 ? -1 : 1)
  );
}
