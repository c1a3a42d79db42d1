import { LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { gridDisk } from 'h3-js';
import type { CoverageTrend } from '../../domain/coverage.js';
import { COVERAGE_CATEGORIES } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';
import { newestComplaint, timeInZone } from '../scan/load-scan-input.js';
import { getisOrdGiStar } from './getis-ord.js';
import { HOT_SPOT_ALPHA, HOT_SPOT_CLASSES, hotSpotClass } from './hot-spot-class.js';
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
  const { hexes, counts } = await weeklyCounts(db, to, weeks);
  return classify(hexes, counts, weeks);
}

/** The hexagons (sorted) and their complaints per week, one row of `weeks` values per hexagon. */
interface WeeklyCounts {
  hexes: string[];
  counts: Float64Array;
}

// Read as three columns (one value per hexagon-week, no row objects), then laid out in one typed matrix.
async function weeklyCounts(db: Database, to: number, weeks: number): Promise<WeeklyCounts> {
  const params = { to: to / 1000, weeks, categories: listValue([...COVERAGE_CATEGORIES]) };
  const [h3, week, complaints] = (
    await db.use((conn) =>
      conn.runAndReadAll(loadSql(import.meta.url, 'weekly-coverage'), params, { categories: LIST(VARCHAR) }),
    )
  ).getColumnsJS() as [string[], number[], number[]];
  const hexes = h3.filter((h, i) => i === 0 || h !== h3[i - 1]);
  const counts = new Float64Array(hexes.length * weeks);
  for (let i = 0, hex = -1; i < h3.length; i += 1) {
    if (i === 0 || h3[i] !== h3[i - 1]) hex += 1;
    counts[hex * weeks + week[i]!] = complaints[i]!;
  }
  return { hexes, counts };
}

function classify(hexes: readonly string[], counts: Float64Array, weeks: number): CoverageTrend[] {
  const z = weeklyGiStar(counts, neighbourLists(hexes), weeks);
  return hexes.map((h3, i) => describe(h3, counts, z, i * weeks, weeks)).sort(byClass);
}

// The positions of each hexagon's disk of radius 1 among `hexes` (itself included).
function neighbourLists(hexes: readonly string[]): Int32Array[] {
  const position = new Map(hexes.map((h, i) => [h, i]));
  return hexes.map((h) => {
    const near: number[] = [];
    for (const n of gridDisk(h, 1)) {
      const j = position.get(n);
      if (j !== undefined) near.push(j);
    }
    return Int32Array.from(near);
  });
}

// Gi* of every hexagon and week, laid out like `counts` (hexagon by hexagon).
function weeklyGiStar(counts: Float64Array, neighbours: readonly Int32Array[], weeks: number): Float64Array {
  const n = neighbours.length;
  const z = new Float64Array(n * weeks);
  const x = new Float64Array(n);
  for (let w = 0; w < weeks; w += 1) {
    for (let i = 0; i < n; i += 1) x[i] = counts[i * weeks + w]!;
    const week = getisOrdGiStar(x, neighbours);
    for (let i = 0; i < n; i += 1) z[i * weeks + w] = week[i]!;
  }
  return z;
}

// The hexagon whose `weeks` values start at `from` in the `counts` and `z` matrices.
function describe(h3: string, counts: Float64Array, z: Float64Array, from: number, weeks: number): CoverageTrend {
  const zs = new Array<number>(weeks);
  const p = new Array<number>(weeks);
  let [complaints, hot, cold] = [0, 0, 0];
  for (let t = 0; t < weeks; t += 1) {
    zs[t] = z[from + t]!;
    p[t] = twoSidedP(zs[t]!);
    complaints += counts[from + t]!;
    if (p[t]! <= HOT_SPOT_ALPHA && zs[t]! > 0) hot += 1;
    if (p[t]! <= HOT_SPOT_ALPHA && zs[t]! < 0) cold += 1;
  }
  const trend = mannKendall(zs);
  return {
    h3,
    class: hotSpotClass(zs, p, trend),
    complaints,
    hot_weeks: hot,
    cold_weeks: cold,
    z_scores: zs,
    final_z: zs[weeks - 1]!,
    final_p: p[weeks - 1]!,
    trend_s: trend.s,
    trend_variance: trend.variance,
    trend_z: trend.z,
    trend_p: trend.p,
  };
}

const CLASS_RANK = new Map(HOT_SPOT_CLASSES.map((c, i) => [c, i]));

function byClass(a: CoverageTrend, b: CoverageTrend): number {
  return CLASS_RANK.get(a.class)! - CLASS_RANK.get(b.class)! || b.complaints - a.complaints || (a.h3 < b.h3 ? -1 : 1);
}
