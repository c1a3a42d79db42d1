import { listValue } from '@duckdb/node-api';
import { CellpulseError } from '../../domain/errors.js';
import { ROUTES, type RouteCount } from '../../domain/triage.js';
import type { Database } from '../../store/database.js';
import { MONTH_PATTERN } from '../../domain/time-formats.js';

export interface RouteCountQuery {
  /** One local month, `YYYY-MM`; all complaints without it. */
  month?: string;
  city?: string;
}

/**
 * Complaints per city and route (SPEC §11 `cellpulse triage`), with each route's share of the city's
 * complaints; months are local to the database's zone. Routes come in the rules' order.
 * @throws CellpulseError invalid_parameter for a month that is not YYYY-MM.
 */
export async function routeCounts(db: Database, query: RouteCountQuery = {}): Promise<RouteCount[]> {
  if (query.month !== undefined && !MONTH_PATTERN.test(query.month)) {
    throw new CellpulseError('invalid_parameter', 'month is YYYY-MM, e.g. 2026-10', query.month);
  }
  const rows = await db.all(
    `SELECT city, route, complaints, complaints / sum(complaints) OVER (PARTITION BY city) AS share
     FROM (
       SELECT city, coalesce(route, 'untriaged') AS route, count(*) AS complaints FROM complaints
       WHERE ($month IS NULL OR strftime(received_at, '%Y-%m') = $month) AND ($city IS NULL OR city = $city)
       GROUP BY 1, 2
     ) ORDER BY city, list_position($routes, route) NULLS LAST`,
    { month: query.month ?? null, city: query.city ?? null, routes: listValue([...ROUTES]) },
  );
  return rows.map((r) => ({
    city: String(r.city),
    route: String(r.route),
    complaints: Number(r.complaints),
    share: Number(r.share),
  }));
}
