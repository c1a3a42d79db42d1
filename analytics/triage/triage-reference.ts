import type { DuckDBConnection } from '@duckdb/node-api';
import { isCoverage } from './coverage-marks.js';
import type { LiveProbe, LiveRoute } from './live-probe.js';
import { TRIAGE_RULES } from './triage-rules.js';

/** Planned sites are filed by 0.1° squares; a probe looks in its own and the 8 around (1 km ≪ 0.1°). */
const SQUARE_DEG = 0.1;
/** Beyond this latitude a 0.1° square of longitude is narrower than the planned-site reach: always ask SQL. */
const MAX_GRID_LAT = 80;
const EARTH_KM = 6371;
/** Slack on every distance test, so the in-memory test meets at least what the SQL's exact test meets. */
const SLACK = 1.01;
/**
 * Distances this close to a boundary of the SQL rules (the reach, a tie, half a rounding step) are left
 * to the SQL: its sines may differ from the runtime's in the last bit, never by this much.
 */
const HAIR = 1e-9;

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

/** A row of `cell_sites` with the columns the SQL rules read. */
export interface SiteRow extends Point {
  cell_id: string;
  status: string;
  h3: string;
}

/**
 * The reference data that can give a complaint a route other than optimisation, unlocated or
 * construction — network events, planned sites, no-investment cells — held in memory between writes
 * (it changes rarely; the caller reloads it when sites or events change). It decides the common cases
 * itself — no event near, a planned site well within reach or a no-investment cell in the hexagon —
 * with the SQL rules' own reasons (tests hold it to them on random places), and leaves the rest to the
 * one SQL the look-up runs too, so stored routes and look-ups never disagree.
 */
export class TriageReference {
  private constructor(
    private readonly events: readonly EventPlace[],
    private readonly planned: ReadonlyMap<string, readonly SiteRow[]>,
    private readonly noInvestment: ReadonlyMap<string, readonly SiteRow[]>,
    /** The sites of the events' cells (any status): the SQL places a cell's event at its site. */
    private readonly eventSites: readonly SiteRow[],
  ) {}

  /** Reads the reference data (a few thousand rows at most: sites by status or named by an event, events). */
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
      await conn.runAndReadAll(`SELECT cell_id, status, h3, lat, lon,
        cell_id IN (SELECT cell_id FROM network_events WHERE cell_id IS NOT NULL) AS of_event
      FROM cell_sites WHERE status IN ('planned', 'no_investment')
        OR cell_id IN (SELECT cell_id FROM network_events WHERE cell_id IS NOT NULL)`)
    ).getRowObjectsJS();
    const rows = sites.map((s) => ({ row: siteRowOf(s), ofEvent: s.of_event === true }));
    const withStatus = (status: string) => rows.filter((s) => s.row.status === status).map((s) => s.row);
    const planned = groupBy(withStatus('planned'), (s) => squareOf(s.lat, s.lon));
    const noInvestment = groupBy(withStatus('no_investment'), (s) => s.h3);
    const eventSites = rows.filter((s) => s.ofEvent).map((s) => s.row);
    return new TriageReference(events, planned, noInvestment, eventSites);
  }

  /**
   * The route a planned site or a no-investment cell gives `p` (SPEC §11) when no event may meet it:
   * null when none applies, undefined when only the SQL rules can say (an event may meet it, or a
   * distance lies within a hair of a boundary).
   */
  siteRoute(p: LiveProbe): LiveRoute | null | undefined {
    if (this.events.some((e) => eventMayMeet(e, p))) return undefined;
    if (!isCoverage(p.category) || p.lat === null || p.lon === null) return null;
    const planned = this.plannedRoute(p.lat, p.lon);
    if (planned !== null) return planned;
    const cells = (this.noInvestment.get(p.h3 ?? '') ?? []).map((s) => s.cell_id);
    if (cells.length === 0) return null;
    // min() of VARCHAR in DuckDB orders bytes; JavaScript orders UTF-16 units: the same for ASCII only.
    if (cells.some((id) => !/^[\x20-\x7e]*$/.test(id))) return undefined;
    const cell = [...cells].sort()[0];
    return { route: 'reply_no_investment', route_reason: `no-investment cell ${cell} in the hexagon` };
  }

  /** reply_planned for the nearest planned site within reach; null when none is; undefined near a boundary. */
  private plannedRoute(lat: number, lon: number): LiveRoute | null | undefined {
    if (Math.abs(lat) > MAX_GRID_LAT) return undefined;
    const reachKm = TRIAGE_RULES.plannedKm;
    const near = this.plannedNear(lat, lon);
    if (near.some(({ km }) => Math.abs(km - reachKm) < HAIR)) return undefined;
    const [first, second] = near.filter(({ km }) => km <= reachKm).sort((a, b) => a.km - b.km);
    if (!first) return null;
    const hundredths = first.km * 100;
    if ((second && second.km - first.km < HAIR) || Math.abs(hundredths - Math.floor(hundredths) - 0.5) < HAIR) {
      return undefined;
    }
    const km = doubleText(Math.round(hundredths) / 100);
    return { route: 'reply_planned', route_reason: `planned site ${first.site.cell_id} at ${km} km` };
  }

  /**
   * The sites the SQL rules can meet when they route `probes` (a superset): the events' sites, the
   * planned sites within reach of a probe and the no-investment sites in a probe's hexagon. Routing
   * over these alone gives every probe the route it gets over all sites, without reading them all.
   */
  sitesMet(probes: readonly LiveProbe[]): SiteRow[] {
    const met = new Set<SiteRow>(this.eventSites);
    for (const p of probes) {
      if (p.lat === null || p.lon === null) continue;
      for (const { site } of this.plannedNear(p.lat, p.lon)) met.add(site);
      for (const site of this.noInvestment.get(p.h3 ?? '') ?? []) met.add(site);
    }
    return [...met];
  }

  /**
   * The planned sites within reach of a point (with slack), each with its distance; beyond the grid's
   * latitudes every one (there only the SQL decides, so no distance is needed).
   */
  private plannedNear(lat: number, lon: number): { site: SiteRow; km: number }[] {
    if (Math.abs(lat) > MAX_GRID_LAT) return [...this.planned.values()].flat().map((site) => ({ site, km: NaN }));
    const reachKm = TRIAGE_RULES.plannedKm * SLACK;
    const [i, j] = [Math.floor(lat / SQUARE_DEG), Math.floor(lon / SQUARE_DEG)];
    const near: { site: SiteRow; km: number }[] = [];
    for (const di of [-1, 0, 1]) {
      for (const dj of [-1, 0, 1]) {
        for (const site of this.planned.get(`${i + di}|${j + dj}`) ?? []) {
          const km = distanceKm(lat, lon, site.lat, site.lon);
          if (km <= reachKm) near.push({ site, km });
        }
      }
    }
    return near;
  }
}

function eventMayMeet(e: EventPlace, p: LiveProbe): boolean {
  if (e.ends_us !== null && e.ends_us <= p.received_us) return false;
  if (e.cell_id !== null && (e.cell_id === p.cell_id || (e.site_h3 !== null && e.site_h3 === p.h3))) return true;
  if (e.lat === null || e.lon === null || p.lat === null || p.lon === null) return false;
  return e.radius_m === null || distanceKm(p.lat, p.lon, e.lat, e.lon) * 1000 <= e.radius_m * SLACK + 1;
}

/** A DOUBLE as DuckDB writes it into text: the shortest round trip, with ".0" on whole numbers. */
function doubleText(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
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

function siteRowOf(r: Record<string, unknown>): SiteRow {
  const [cell_id, status, h3] = [String(r.cell_id), String(r.status), String(r.h3)];
  return { cell_id, status, h3, lat: Number(r.lat), lon: Number(r.lon) };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function textOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function numberOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
