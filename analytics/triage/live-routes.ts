import { BIGINT, DOUBLE, INTEGER, LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { Params } from '../../store/database.js';
import { listParams } from '../../store/list-params.js';
import { readPrepared } from '../../store/prepared-statements.js';
import { isCoverage, type CoverageMark, type CoverageMarks } from './coverage-marks.js';
import { routeParams, routeSql } from './route-probes.js';
import { STANDARD_REASONS } from './route-reasons.js';
import { TRIAGE_RULES } from './triage-rules.js';
import type { LiveProbe, LiveRoute } from './live-probe.js';
import type { SiteRow, TriageReference } from './triage-reference.js';

/**
 * Routes a live batch before it is inserted (the rows replaced by it already deleted). The reference
 * data decides what it can in memory (`TriageReference.siteRoute`); the complaints an event may meet
 * (or at a hair from a boundary) go through the SQL rules the look-up runs too, over the sites they can
 * meet and without their weak-coverage count; every complaint left to the last two rules is unlocated,
 * construction (a known weak-coverage hexagon, counted on the coverage marks held in memory, else by
 * one scan) or optimisation, decided here with the SQL's own reasons. Cluster membership is not known
 * yet: the triage after the incident refresh applies it.
 */
export async function routeLive(
  conn: DuckDBConnection,
  reference: TriageReference,
  probes: readonly LiveProbe[],
  before?: MarksBefore,
): Promise<LiveRoute[]> {
  const bySite = new Map(probes.map((p) => [p, reference.siteRoute(p)]));
  const asking = probes.filter((p) => bySite.get(p) === undefined);
  const bySql = asking.length > 0 ? await routeBySql(conn, asking, reference.sitesMet(asking)) : new Map();
  // The SQL's own weak-coverage count is not asked (see routeBySql): its last two routes are decided here.
  const settled = (p: LiveProbe): LiveRoute | undefined => {
    const route = bySite.get(p) ?? bySql.get(p);
    return route?.route === 'construction' || route?.route === 'optimisation' ? undefined : route;
  };
  if (probes.every(settled)) return probes.map((p) => settled(p)!);
  const weak = await weakCounts(conn, probes, before);
  return probes.map((p) => settled(p) ?? routeByWeakCoverage(p, weak.get(p) ?? 0));
}

/** The last routes of SPEC §11, for a complaint no event, plan, no-investment area or cluster applies to. */
function routeByWeakCoverage(p: LiveProbe, complaints: number): LiveRoute {
  const route = p.lat === null ? 'unlocated' : complaints < TRIAGE_RULES.weakMin ? 'optimisation' : 'construction';
  return { route, route_reason: STANDARD_REASONS[route] };
}

/** The stored coverage complaints as they were before this write, and those of them the write replaced. */
export interface MarksBefore {
  marks: CoverageMarks;
  replaced: readonly CoverageMark[];
}

/**
 * Coverage complaints in each located coverage probe's hexagon over [t − weakDays, t): the stored
 * ones and the batch's (the batch is stored next, so it counts too, as in the SQL rules). The stored
 * ones come from the marks held in memory when given, else from a scan of the window.
 */
async function weakCounts(
  conn: DuckDBConnection,
  probes: readonly LiveProbe[],
  before?: MarksBefore,
): Promise<Map<LiveProbe, number>> {
  const asked = probes.filter((p) => p.h3 !== null && isCoverage(p.category));
  if (asked.length === 0) return new Map();
  const counts = new Map<LiveProbe, number>();
  const windows = (before && heldWeak(asked, before)) ?? (await storedWeak(conn, asked));
  for (const { i, since, stored } of windows) {
    const p = asked[i]!;
    const inBatch = asked.filter((o) => o.h3 === p.h3 && o.received_us >= since && o.received_us < p.received_us);
    counts.set(p, stored + inBatch.length);
  }
  return counts;
}

const DAY_US = 86_400_000_000n;

/** `storedWeak` from the held marks less the replaced rows (already deleted); undefined if a window is not plain. */
function heldWeak(
  asked: readonly LiveProbe[],
  { marks, replaced }: MarksBefore,
): { i: number; since: bigint; stored: number }[] | undefined {
  const counted: { i: number; since: bigint; stored: number }[] = [];
  for (const [i, p] of asked.entries()) {
    const since = marks.windowStart(p.received_us);
    if (since === undefined) return undefined;
    const gone = replaced.filter((r) => r.h3 === p.h3 && r.us >= since && r.us < p.received_us).length;
    counted.push({ i, since, stored: marks.count(p.h3!, since, p.received_us) - gone });
  }
  return counted;
}

/**
 * Per probe (by index), the start of its window (µs; calendar days in the database's zone, as the
 * SQL rules count them) and the stored coverage complaints of its hexagon in the window: a
 * zone-mapped range of time, hexagons as constants the scan filters on.
 */
async function storedWeak(
  conn: DuckDBConnection,
  asked: readonly LiveProbe[],
): Promise<{ i: number; since: bigint; stored: number }[]> {
  const hexes = [...new Set(asked.map((p) => p.h3!))];
  const times = asked.map((p) => p.received_us);
  // bigint microseconds, which Math.min/max do not take.
  let [min, max] = [times[0]!, times[0]!];
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const params: Params = {
    ids: listValue(asked.map((_, i) => i)),
    hexes: listValue(asked.map((p) => p.h3!)),
    times: listValue(times),
    weak_days: TRIAGE_RULES.weakDays,
    lo: min - BigInt(TRIAGE_RULES.weakDays + 2) * DAY_US,
    hi: max,
    ...Object.fromEntries(hexes.map((h, i) => [`h${i}`, h])),
  };
  const sql = `WITH q AS (
      SELECT i, h3, t, t - to_days(CAST($weak_days AS INTEGER)) AS since
      FROM (SELECT unnest($ids) AS i, unnest($hexes) AS h3, to_timestamp(0) + to_microseconds(unnest($times)) AS t)
    ), c AS (
      SELECT h3, received_at FROM complaints
      WHERE h3 IN (${hexes.map((_, i) => `$h${i}`).join(', ')})
        AND category IN ('weak_coverage', 'no_signal', 'no_service')
        AND received_at >= to_timestamp(0) + to_microseconds($lo)
        AND received_at < to_timestamp(0) + to_microseconds($hi)
    )
    SELECT q.i, epoch_us(any_value(q.since)) AS since, count(c.received_at) AS stored
    FROM q LEFT JOIN c ON c.h3 = q.h3 AND c.received_at >= q.since AND c.received_at < q.t GROUP BY q.i`;
  const types = { ids: LIST(INTEGER), hexes: LIST(VARCHAR), times: LIST(BIGINT), lo: BIGINT, hi: BIGINT };
  const rows = (await conn.runAndReadAll(sql, params, types)).getRowObjectsJS();
  return rows.map((r) => ({ i: Number(r.i), since: BigInt(r.since as bigint), stored: Number(r.stored) }));
}

/**
 * No stored complaint, as the SQL rules see them here: their weak-coverage count would scan the
 * complaints of 90 days (a cost that grows with history), and it decides only the last two routes,
 * construction and optimisation, which `routeLive` decides on the coverage marks instead. Every
 * earlier rule reads events and sites alone, so its routes stand. The sites are the ones the batch
 * can meet (`sitesMet`), as parallel lists: the rules never scan the whole inventory for a few complaints.
 */
const LIVE_REFERENCE = `complaints AS (SELECT NULL::VARCHAR AS h3, NULL::TIMESTAMPTZ AS received_at,
  NULL::VARCHAR AS category WHERE false),
cell_sites AS (SELECT unnest($s_cells) AS cell_id, unnest($s_statuses) AS status, unnest($s_hexes) AS h3,
  unnest($s_lats) AS lat, unnest($s_lons) AS lon)`;

/** The probes as probes of the SQL rules (incoming: they count towards weak coverage), over `sites`. */
async function routeBySql(
  conn: DuckDBConnection,
  probes: readonly LiveProbe[],
  sites: readonly SiteRow[],
): Promise<Map<LiveProbe, LiveRoute>> {
  const batch = listParams(probes, {
    p_ids: [(_, i) => i, INTEGER],
    p_times: [(p) => p.received_us, BIGINT],
    p_lats: [(p) => p.lat, DOUBLE],
    p_lons: [(p) => p.lon, DOUBLE],
    p_hexes: [(p) => p.h3, VARCHAR],
    p_cells: [(p) => p.cell_id, VARCHAR],
    p_categories: [(p) => p.category, VARCHAR],
  });
  const met = listParams(sites, {
    s_cells: [(s) => s.cell_id, VARCHAR],
    s_statuses: [(s) => s.status, VARCHAR],
    s_hexes: [(s) => s.h3, VARCHAR],
    s_lats: [(s) => s.lat, DOUBLE],
    s_lons: [(s) => s.lon, DOUBLE],
  });
  const probesSql = `SELECT unnest($p_ids) AS probe_id, to_timestamp(0) + to_microseconds(unnest($p_times)) AS t,
    unnest($p_lats) AS lat, unnest($p_lons) AS lon, unnest($p_hexes) AS h3, unnest($p_cells) AS cell_id,
    unnest($p_categories) AS category, true AS counts, NULL::VARCHAR AS cluster_id, false AS cluster_coverage`;
  // Prepared once per connection: planning the rules query costs more than running it on a batch.
  const rows = (
    await readPrepared(
      conn,
      `WITH ${LIVE_REFERENCE} SELECT * FROM (${routeSql(probesSql)})`,
      { ...routeParams(), ...batch.values, ...met.values },
      { ...batch.types, ...met.types },
    )
  ).getRowObjectsJS();
  return new Map(
    rows.map((r) => [probes[Number(r.probe_id)]!, { route: String(r.route), route_reason: String(r.route_reason) }]),
  );
}
