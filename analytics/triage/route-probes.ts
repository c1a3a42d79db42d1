import type { DuckDBConnection } from '@duckdb/node-api';
import type { Params } from '../../store/database.js';
import { COVERAGE_CATEGORIES } from '../../domain/enums.js';
import { loadSql, quoteLiteral } from '../../store/sql-files.js';
import { clusterReasonSql, STANDARD_REASONS } from './route-reasons.js';
import { TRIAGE_RULES } from './triage-rules.js';

/** The coverage categories as the rows of a VALUES list. */
const COVERAGE_ROWS = COVERAGE_CATEGORIES.map((c) => `(${quoteLiteral(c)})`).join(', ');

/**
 * The SQL of the rules over a probes query with columns (probe_id, t, lat, lon, h3, cell_id, category, counts,
 * cluster_id, cluster_coverage); see sql/route-probes.sql.
 */
export function routeSql(probes: string): string {
  // Read once, by `p` (which is materialized): no need to materialize it twice.
  const rules = loadSql(import.meta.url, 'route-probes')
    .replace('__coverage_rows__', COVERAGE_ROWS)
    .replace('__cluster_reason__', clusterReasonSql('u.cluster_id', 'u.cluster_coverage'));
  return `WITH probes AS (${probes}),\n${rules}`;
}

/**
 * Parameters of `routeSql`. `weakSpan`: stored complaints outside it (TIMESTAMPTZ text) are never counted
 * towards weak coverage; the caller knows it holds every asked probe's window (default: all of time).
 */
export function routeParams(weakSpan = { from: '-infinity', to: 'infinity' }): Params {
  return {
    planned_km: TRIAGE_RULES.plannedKm,
    weak_min: TRIAGE_RULES.weakMin,
    weak_days: TRIAGE_RULES.weakDays,
    weak_from: weakSpan.from,
    weak_to: weakSpan.to,
    optimisation_reason: STANDARD_REASONS.optimisation,
    construction_reason: STANDARD_REASONS.construction,
    unlocated_reason: STANDARD_REASONS.unlocated,
  };
}

/** One probe's route and what decided it (only the first two are stored with a complaint). */
export interface RoutedProbe {
  route: string;
  route_reason: string;
  event_id: string | null;
  weak_complaints: number | null;
}

/**
 * Routes probes (SPEC §11): the one decision shared by the write path and the front-desk look-up.
 * @param probes SQL selecting the probe columns of `routeSql`.
 */
export async function routeProbes(
  conn: DuckDBConnection,
  probes: string,
  params: Params,
): Promise<Map<unknown, RoutedProbe>> {
  const rows = (await conn.runAndReadAll(routeSql(probes), { ...routeParams(), ...params })).getRowObjectsJS();
  return new Map(
    rows.map((r) => [
      r.probe_id,
      {
        route: String(r.route),
        route_reason: String(r.route_reason),
        event_id: r.event_id === null ? null : String(r.event_id),
        weak_complaints: r.weak_complaints === null ? null : Number(r.weak_complaints),
      },
    ]),
  );
}
