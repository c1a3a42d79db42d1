import { BIGINT, DOUBLE, INTEGER, LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { Params } from '../../store/database.js';
import { listParams } from '../../store/list-params.js';
import { readPrepared } from '../../store/prepared-statements.js';
import type { CoverageMark, CoverageMarks } from './coverage-marks.js';
import { routeParams, routeSql, TRIAGE_RULES } from './route-probes.js';

/** A complaint of a live batch about to be stored, as triage sees it (point WGS-84, time in epoch µs). */
export interface LiveProbe {
  complaint_id: string;
  received_us: bigint;
  category: string;
  lat: number | null;
  lon: number | null;
  h3: string | null;
  cell_id: string | null;
}

/** A stored complaint's route and its reason (SPEC §11). */
export interface LiveRoute {
  route: string;
  route_reason: string;
}

const COVERAGE = new Set(['weak_coverage', 'no_signal', 'no_service']);
/** Planned sites are filed by 0.1° squares; a probe looks in its own and the 8 around (1 km ≪ 0.1°). */
const SQUARE_DEG = 0.1;
/** Beyond this latitude a 0.1° square of longitude is narrower than the planned-site reach: always ask SQL. */
const MAX_GRID_LAT = 80;
const EARTH_KM = 6371;
/** Slack on every distance test, so the in-memory test meets at least what the SQL's exact test meets. */
const SLACK = 1.01;

interface EventPlace {
  cell_id: string | null;
  site_h3: string | null;
  lat: number | null;
  lon: number | null;
  radius_m: number | null;
  /** ends_at in epoch µs; an event ended at or before a complaint never meets it. */
  ends_us: bigint | null;
}

interface Point {
  lat: number;
  lon: number;
}

/**
 * The reference data that can give a complaint a route other than optimisation, unlocated or
 * construction — network events, planned sites, no-investment cells — held in memory between
 * writes (it changes rarely; the caller reloads it when sites or events change). It only says
 * whether such a rule *may* apply, as a superset of what the SQL rules meet: then the batch is
 * routed by the one SQL the look-up runs too, so stored routes and look-ups never disagree.
 */
export class TriageReference {
  private constructor(
    private readonly events: readonly EventPlace[],
    private readonly planned: ReadonlyMap<string, readonly Point[]>,
    private readonly noInvestmentHexes: ReadonlySet<string>,
  ) {}

  /** Reads the reference data (a few thousand rows at most: sites by status, events). */
  static async load(conn: DuckDBConnection): Promise<TriageReference> {
    const events = (
      await conn.runAndReadAll(`SELECT e.cell_id, s.h3 AS site_h3, e.lat, e.lon, e.radius_m,
      epoch_us(e.ends_at) AS ends_us FROM network_events e LEFT JOIN cell_sites s ON s.cell_id = e.cell_id`)
    )
      .getRowObjectsJS()
      .map((r) => ({
        cell_id: textOrNull(r.cell_id),
        site_h3: textOrNull(r.site_h3),
        lat: numberOrNull(r.lat),
        lon: numberOrNull(r.lon),
        radius_m: numberOrNull(r.radius_m),
        ends_us: r.ends_us === null ? null : BigInt(r.ends_us as bigint),
      }));
    const sites = (
      await conn.runAndReadAll(`SELECT status, h3, lat, lon FROM cell_sites
      WHERE status IN ('planned', 'no_investment')`)
    ).getRowObjectsJS();
    const planned = new Map<string, Point[]>();
    for (const s of sites.filter((r) => r.status === 'planned')) {
      const point = { lat: Number(s.lat), lon: Number(s.lon) };
      const key = squareOf(point.lat, point.lon);
      planned.set(key, [...(planned.get(key) ?? []), point]);
    }
    const noInvestment = new Set(sites.filter((r) => r.status === 'no_investment').map((r) => String(r.h3)));
    return new TriageReference(events, planned, noInvestment);
  }

  /** Whether an event, a planned site or a no-investment cell may decide `p`'s route. */
  mayDecide(p: LiveProbe): boolean {
    if (this.events.some((e) => eventMayMeet(e, p))) return true;
    if (!COVERAGE.has(p.category) || p.lat === null || p.lon === null) return false;
    if (p.h3 !== null && this.noInvestmentHexes.has(p.h3)) return true;
    return this.plannedNear(p.lat, p.lon);
  }

  private plannedNear(lat: number, lon: number): boolean {
    if (Math.abs(lat) > MAX_GRID_LAT) return this.planned.size > 0;
    const reachKm = TRIAGE_RULES.plannedKm * SLACK;
    const [i, j] = [Math.floor(lat / SQUARE_DEG), Math.floor(lon / SQUARE_DEG)];
    for (const di of [-1, 0, 1]) {
      for (const dj of [-1, 0, 1]) {
        const sites = this.planned.get(`${i + di}|${j + dj}`) ?? [];
        if (sites.some((s) => distanceKm(lat, lon, s.lat, s.lon) <= reachKm)) return true;
      }
    }
    return false;
  }
}

function eventMayMeet(e: EventPlace, p: LiveProbe): boolean {
  if (e.ends_us !== null && e.ends_us <= p.received_us) return false;
  if (e.cell_id !== null && (e.cell_id === p.cell_id || (e.site_h3 !== null && e.site_h3 === p.h3))) return true;
  if (e.lat === null || e.lon === null || p.lat === null || p.lon === null) return false;
  return e.radius_m === null || distanceKm(p.lat, p.lon, e.lat, e.lon) * 1000 <= e.radius_m * SLACK + 1;
}

/**
 * Routes a live batch before it is inserted (the rows replaced by it already deleted). When an
 * event, planned site or no-investment cell may apply, the batch goes through the SQL rules the
 * look-up runs too, without their weak-coverage count; every complaint left to the last two rules
 * (no such data applies) is unlocated, construction (a known weak-coverage hexagon, counted on the
 * coverage marks held in memory, else by one scan) or optimisation, decided here with the SQL's own
 * reasons. Cluster membership is not known yet: the triage after the incident refresh applies it.
 */
export async function routeLive(
  conn: DuckDBConnection,
  reference: TriageReference,
  probes: readonly LiveProbe[],
  before?: MarksBefore,
): Promise<LiveRoute[]> {
  const bySql = probes.some((p) => reference.mayDecide(p)) ? await routeBySql(conn, probes) : undefined;
  // The SQL's own weak-coverage count is not asked (see routeBySql): its last two routes are decided here.
  const byWeak = (r: LiveRoute | undefined): boolean => !r || r.route === 'construction' || r.route === 'optimisation';
  if (bySql && !bySql.some(byWeak)) return bySql;
  const weak = await weakCounts(conn, probes, before);
  return probes.map((p, i) => {
    if (!byWeak(bySql?.[i])) return bySql![i]!;
    if (p.lat === null) return { route: 'unlocated', route_reason: 'no point and no known cell' };
    const complaints = weak.get(p) ?? 0;
    if (complaints < TRIAGE_RULES.weakMin) return { route: 'optimisation', route_reason: 'no known problem' };
    const days = TRIAGE_RULES.weakDays;
    const reason = `known weak-coverage hexagon ${p.h3} (${complaints} coverage complaints in ${days} days)`;
    return { route: 'construction', route_reason: reason };
  });
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
  const asked = probes.filter((p) => p.h3 !== null && COVERAGE.has(p.category));
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
 * earlier rule reads events and sites alone, so its routes stand.
 */
const NO_STORED_COMPLAINTS = `complaints AS (SELECT NULL::VARCHAR AS h3, NULL::TIMESTAMPTZ AS received_at,
  NULL::VARCHAR AS category WHERE false)`;

/** The batch as probes of the SQL rules (incoming: they count towards weak coverage). */
async function routeBySql(conn: DuckDBConnection, probes: readonly LiveProbe[]): Promise<LiveRoute[]> {
  const { values, types } = listParams(probes, {
    p_ids: [(_, i) => i, INTEGER],
    p_times: [(p) => p.received_us, BIGINT],
    p_lats: [(p) => p.lat, DOUBLE],
    p_lons: [(p) => p.lon, DOUBLE],
    p_hexes: [(p) => p.h3, VARCHAR],
    p_cells: [(p) => p.cell_id, VARCHAR],
    p_categories: [(p) => p.category, VARCHAR],
  });
  const probesSql = `SELECT unnest($p_ids) AS probe_id, to_timestamp(0) + to_microseconds(unnest($p_times)) AS t,
    unnest($p_lats) AS lat, unnest($p_lons) AS lon, unnest($p_hexes) AS h3, unnest($p_cells) AS cell_id,
    unnest($p_categories) AS category, true AS counts, NULL::VARCHAR AS cluster_id, false AS cluster_coverage`;
  // Prepared once per connection: planning the rules query costs more than running it on a batch.
  const rows = (
    await readPrepared(
      conn,
      `WITH ${NO_STORED_COMPLAINTS} SELECT * FROM (${routeSql(probesSql)})`,
      { ...routeParams(), ...values },
      types,
    )
  ).getRowObjectsJS();
  const routes = new Map(
    rows.map((r) => [
      Number(r.probe_id),
      {
        route: String(r.route),
        route_reason: String(r.route_reason),
      },
    ]),
  );
  return probes.map((_, i) => routes.get(i)!);
}

/** The 0.1° square of a point, as the key of the planned-site grid. */
function squareOf(lat: number, lon: number): string {
  return `${Math.floor(lat / SQUARE_DEG)}|${Math.floor(lon / SQUARE_DEG)}`;
}

/** Great-circle distance, km (the haversine the SQL rules use). */
function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat1 - lat2) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon1 - lon2) * rad) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(a));
}

function textOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function numberOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
