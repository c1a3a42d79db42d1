import { listValue } from '@duckdb/node-api';
import { distance } from 'geokdbush';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { COVERAGE_CATEGORIES, type Category } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { Incident } from '../../domain/incident.js';
import type { Lookup, NearbyEvent } from '../../domain/lookup.js';
import type { Route } from '../../domain/triage.js';
import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';
import { getIncident, listIncidents } from '../clusters/incidents/incident-reader.js';
import { siteIndexOf } from '../coverage/site-index.js';
import { clusterAt, type ClusterAt } from '../triage/cluster-at.js';
import { routeProbes, type RoutedProbe } from '../triage/route-probes.js';
import { TRIAGE_RULES } from '../triage/triage-rules.js';
import { suggestAnswer, type Finding } from './answer-templates.js';

export type { Lookup } from '../../domain/lookup.js';

export interface LookupQuery {
  /** The caller's point (WGS-84), or `cellId` of the serving cell (with a point too: events on that cell count). */
  lat?: number;
  lon?: number;
  cellId?: string;
  /** The complaint's category: the suggested answer follows the triage rules for it (SPEC §11). */
  category?: Category;
  /** When the customer calls, ISO-8601 (no offset: the database's zone); default the newest complaint. */
  at?: string;
  /** How far around the point to look, km (default 2). */
  radiusKm?: number;
  /**
   * Coverage complaints in the point's hexagon over `weakDays` days that make it a known weak-coverage hexagon
   * (default 3 in 90).
   */
  weakMinComplaints?: number;
  weakDays?: number;
}

const HOUR_MS = 3_600_000;

/**
 * The front-desk look-up (SPEC §6): for a caller's point or serving cell at a time, the network
 * events in force nearby, the incidents active nearby, whether the point's hexagon is a known
 * weak-coverage hexagon, planned construction or a no-investment area covering it, and a
 * suggested bilingual answer for the agent.
 * @throws CellpulseError not_found for an unknown cell_id; invalid_parameter without a point or cell.
 */
export async function frontDeskLookup(db: Database, query: LookupQuery): Promise<Lookup> {
  const radiusKm = query.radiusKm ?? 2;
  const point = await locate(db, query);
  const at = await callTime(db, query.at);
  const [events, incidents, weak, sites, routed] = await Promise.all([
    eventsNear(db, point, at, radiusKm),
    incidentsNear(db, point, at, radiusKm),
    weakCoverageAt(
      db,
      point.h3,
      at,
      query.weakMinComplaints ?? TRIAGE_RULES.weakMin,
      query.weakDays ?? TRIAGE_RULES.weakDays,
    ),
    siteIndexOf(db),
    routeOf(db, point, at, query),
  ]);
  const inForce = events.filter((e) => e.kind === 'outage' || e.kind === 'maintenance');
  const planned = events.filter((e) => e.kind === 'planned_construction' && e.covers_point);
  const noInvestment =
    events.some((e) => e.kind === 'no_investment' && e.covers_point) ||
    sites.inHex(point.h3).some((s) => s.status === 'no_investment');
  return {
    point,
    at,
    radius_km: radiusKm,
    category: query.category ?? null,
    route: routed.route as Route,
    route_reason: routed.route_reason,
    events: inForce,
    incidents,
    weak_coverage: weak,
    planned_construction: planned,
    planned_sites: sites.within(point.lat, point.lon, radiusKm, undefined, 'planned'),
    no_investment: noInvestment,
    nearest_active_site: sites.nearest(point.lat, point.lon, undefined, 'active'),
    answer: suggestAnswer(await findingOf(db, routed, weak)),
  };
}

const PROBE = `SELECT 1 AS probe_id, $t::TIMESTAMPTZ AS t, $lat::DOUBLE AS lat, $lon::DOUBLE AS lon, $h3::VARCHAR AS h3,
  $cell::VARCHAR AS cell_id, $category::VARCHAR AS category, false AS counts, $cluster::VARCHAR AS cluster_id,
  $cluster_coverage::BOOLEAN AS cluster_coverage`;

type Routed = RoutedProbe & { cluster: ClusterAt | null };

/**
 * The triage route a complaint at this point, time and category would get when written: the same rules
 * over the same data, with the cluster it would be in (itself counted) standing for its stored membership.
 */
async function routeOf(db: Database, point: Lookup['point'], at: string, query: LookupQuery): Promise<Routed> {
  return db.use(async (conn) => {
    const cluster = await clusterAt(conn, point.h3, Date.parse(at), query.category ?? null);
    const params = {
      t: at,
      lat: point.lat,
      lon: point.lon,
      h3: point.h3,
      cell: query.cellId ?? null,
      category: query.category ?? null,
      cluster: cluster === null ? null : (cluster.incidentId ?? 'new'),
      cluster_coverage: cluster !== null && COVERAGE_CATEGORIES.includes(cluster.category),
    };
    const routed = (await routeProbes(conn, PROBE, params)).get(1);
    if (routed === undefined) throw new CellpulseError('internal', 'triage gave no route for the look-up point', point);
    return { ...routed, cluster };
  });
}

/** What the answer is written for, from the route (the rules' order is the answer's order). */
async function findingOf(db: Database, routed: Routed, weak: Lookup['weak_coverage']): Promise<Finding> {
  const route = routed.route as Route;
  switch (route) {
    case 'maintenance': {
      const [event] = await db.all<{ kind: string; ends_at: string | null; note: string | null }>(
        `SELECT kind, strftime(ends_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ends_at, note
         FROM network_events WHERE event_id = $id`,
        { id: routed.event_id },
      );
      return {
        kind: event?.kind === 'outage' ? 'outage' : 'maintenance',
        ends_at: event?.ends_at ?? null,
        note: event?.note ?? null,
      };
    }
    case 'priority':
    case 'escalate': {
      const incident = routed.cluster?.incidentId ? await getIncident(db, routed.cluster.incidentId) : undefined;
      const count = incident?.complaint_count ?? routed.cluster?.others ?? 0;
      return { kind: 'incident', category: routed.cluster?.category ?? 'other', complaint_count: count };
    }
    case 'reply_planned':
      return { kind: 'planned_construction' };
    case 'reply_no_investment':
      return { kind: 'no_investment' };
    case 'construction':
      return {
        kind: 'weak_coverage',
        complaints: routed.weak_complaints ?? 0,
        distinct_days: weak?.distinct_days ?? 0,
      };
    case 'optimisation':
    case 'unlocated':
      return { kind: 'none' };
    default:
      return route satisfies never;
  }
}

async function locate(db: Database, query: LookupQuery): Promise<Lookup['point']> {
  const resolution = db.settings.h3Resolution;
  if (query.lat !== undefined && query.lon !== undefined) {
    return { lat: query.lat, lon: query.lon, h3: latLngToCell(query.lat, query.lon, resolution), located_by: 'point' };
  }
  if (query.cellId === undefined)
    throw new CellpulseError('invalid_parameter', 'give a point (lat and lon) or a cell_id', null);
  const [site] = await db.all<{ lat: number; lon: number }>('SELECT lat, lon FROM cell_sites WHERE cell_id = $id', {
    id: query.cellId,
  });
  if (site === undefined)
    throw new CellpulseError('not_found', `cell ${query.cellId} is not in the cell-site inventory`, query.cellId);
  return { lat: site.lat, lon: site.lon, h3: latLngToCell(site.lat, site.lon, resolution), located_by: 'cell' };
}

/**
 * The call time as UTC ISO: DuckDB reads a time without offset in the database's zone; none given is the newest
 * complaint (data time, not the wall clock).
 */
async function callTime(db: Database, at: string | undefined): Promise<string> {
  const [row] = await db
    .all<{ t: number | null }>('SELECT epoch_ms(coalesce($at::TIMESTAMPTZ, max(received_at))) AS t FROM complaints', {
      at: at ?? null,
    })
    .catch(() => {
      throw new CellpulseError('invalid_parameter', 'at is not an ISO-8601 time (e.g. 2026-10-05T09:30:00+08:00)', at);
    });
  if (row?.t === null || row?.t === undefined) return new Date().toISOString();
  return new Date(row.t).toISOString();
}

/** A row of events-near.sql: an event, positioned, times as UTC ISO text. */
type NearbyEventRow = Omit<NearbyEvent, 'distance_km' | 'covers_point'> & {
  lat: number;
  lon: number;
  radius_m: number | null;
};

async function eventsNear(db: Database, point: Lookup['point'], at: string, radiusKm: number): Promise<NearbyEvent[]> {
  // Circles can be large (a no-investment area): the box is the look-up radius plus 50 km.
  const boxKm = radiusKm + 50;
  const rows = await db.all<NearbyEventRow>(loadSql(import.meta.url, 'events-near'), {
    lat: point.lat,
    lon: point.lon,
    at,
    box_deg: boxKm / 110.574,
    box_lon_deg: boxKm / (111.32 * Math.max(0.01, Math.cos((point.lat * Math.PI) / 180))),
  });
  return rows
    .map((r) => {
      const km = distance(point.lon, point.lat, r.lon, r.lat);
      const reachKm = r.radius_m === null ? 0 : r.radius_m / 1000;
      const { event_id, kind, cell_id, starts_at, ends_at, note } = r;
      return {
        event_id,
        kind,
        cell_id,
        starts_at,
        ends_at,
        note,
        distance_km: km,
        covers_point: km <= reachKm,
        reach_km: reachKm,
      };
    })
    .filter((e) => e.distance_km <= radiusKm + e.reach_km)
    .sort((a, b) => a.distance_km - b.distance_km)
    .map(({ reach_km: _reach, ...event }) => event);
}

async function incidentsNear(db: Database, point: Lookup['point'], at: string, radiusKm: number): Promise<Incident[]> {
  const atMs = Date.parse(at);
  const recent = await listIncidents(db, {
    from: new Date(atMs - HOUR_MS).toISOString(),
    to: new Date(atMs + 1).toISOString(),
  });
  return recent.filter((incident) =>
    incident.hexes.some((h) => {
      const [lat, lon] = cellToLatLng(h);
      return distance(point.lon, point.lat, lon, lat) <= radiusKm;
    }),
  );
}

async function weakCoverageAt(
  db: Database,
  h3: string,
  at: string,
  minComplaints: number,
  days: number,
): Promise<Lookup['weak_coverage']> {
  const [row] = await db.all<{ complaints: number | null; distinct_days: number | null }>(
    loadSql(import.meta.url, 'hex-coverage-complaints'),
    { h3, at, days, categories: listValue([...COVERAGE_CATEGORIES]) },
  );
  const complaints = row?.complaints ?? 0;
  return complaints >= minComplaints ? { h3, complaints, distinct_days: row?.distinct_days ?? 0, days } : null;
}
