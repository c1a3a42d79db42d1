import { listValue } from '@duckdb/node-api';
import { CellpulseError } from '../../domain/errors.js';
import { ROUTES } from '../../domain/triage.js';
import type { Database } from '../../store/database.js';
import { siteCandidates, type CandidateStatus } from './site-candidates.js';
import { MONTH_PATTERN } from '../../domain/time-formats.js';

/** The list's route columns: every route, then complaints stored before triage existed (so they add up). */
export const LIST_ROUTES = [...ROUTES, 'untriaged'] as const;
export type ListRoute = (typeof LIST_ROUTES)[number];

/** One region of the construction department's monthly list: the seed's 投诉热点及弱覆盖清单. */
export type ConstructionListRow = {
  candidate_id: string;
  city: string;
  status: CandidateStatus;
  status_reason: string | null;
  technology: string;
  complaints: number;
  hexes: string;
  lat: number;
  lon: number;
  nearest_active_cell: string | null;
  nearest_active_km: number | null;
  nearest_planned_cell: string | null;
  nearest_planned_km: number | null;
} & Record<ListRoute, number>;

/**
 * The construction department's list for a local month: one row per site-candidate region (SPEC §5),
 * its coverage complaints counted by triage route (SPEC §11), whether a site is planned or the area
 * has no investment value, and the nearest active and planned cells. Ordered as the candidates are.
 * @throws CellpulseError invalid_parameter for a month that is not YYYY-MM.
 */
export async function constructionList(db: Database, month: string): Promise<ConstructionListRow[]> {
  if (!MONTH_PATTERN.test(month))
    throw new CellpulseError('invalid_parameter', 'month is YYYY-MM, e.g. 2026-10', month);
  const [year, mm] = month.split('-').map(Number) as [number, number];
  const next = mm === 12 ? `${year + 1}-01` : `${year}-${String(mm + 1).padStart(2, '0')}`;
  const candidates = await siteCandidates(db, { from: `${month}-01T00:00:00`, to: `${next}-01T00:00:00` });
  const routes = await routesByCandidate(
    db,
    candidates.map((c) => ({ id: c.candidate_id, complaints: c.complaint_ids })),
  );
  return candidates.map((c) => {
    const tally = routes.get(c.candidate_id);
    return {
      candidate_id: c.candidate_id,
      city: tally?.city ?? '',
      status: c.status,
      status_reason: c.status_reason,
      technology: c.technology,
      complaints: c.complaints,
      ...(Object.fromEntries(LIST_ROUTES.map((r) => [r, tally?.counts.get(r) ?? 0])) as Record<ListRoute, number>),
      hexes: c.hexes.join(';'),
      lat: c.proposed_point.lat,
      lon: c.proposed_point.lon,
      nearest_active_cell: c.nearest_active?.cell_id ?? null,
      nearest_active_km: c.nearest_active?.distance_km ?? null,
      nearest_planned_cell: c.nearest_planned?.cell_id ?? null,
      nearest_planned_km: c.nearest_planned?.distance_km ?? null,
    };
  });
}

interface Tally {
  city: string;
  counts: Map<string, number>;
}

/** Route counts and the most frequent city of each candidate's complaints, in one query. */
async function routesByCandidate(
  db: Database,
  candidates: { id: string; complaints: string[] }[],
): Promise<Map<string, Tally>> {
  if (candidates.length === 0) return new Map();
  const rows = await db.all<{ candidate_id: string; city: string; route: string | null; n: number }>(
    `WITH members AS (SELECT unnest($ids) AS candidate_id, unnest($complaints) AS complaint_ids),
     flat AS (SELECT candidate_id, unnest(complaint_ids) AS complaint_id FROM members),
     j AS (SELECT f.candidate_id, coalesce(c.route, 'untriaged') AS route, c.city
           FROM flat f JOIN complaints c USING (complaint_id)),
     cities AS (SELECT candidate_id, mode(city ORDER BY city) AS city FROM j GROUP BY 1)
     SELECT j.candidate_id, j.route, count(*) AS n, any_value(cities.city) AS city
     FROM j JOIN cities USING (candidate_id) GROUP BY j.candidate_id, j.route`,
    {
      ids: listValue(candidates.map((c) => c.id)),
      complaints: listValue(candidates.map((c) => listValue(c.complaints))),
    },
  );
  const tallies = new Map<string, Tally>();
  for (const r of rows) {
    const id = r.candidate_id;
    const tally = tallies.get(id) ?? { city: r.city, counts: new Map<string, number>() };
    // Complaints stored before triage existed have no route: they count in no column.
    if (r.route !== null) tally.counts.set(r.route, r.n);
    tallies.set(id, tally);
  }
  return tallies;
}
