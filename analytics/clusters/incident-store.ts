import { listValue, type DuckDBConnection, type DuckDBListValue } from '@duckdb/node-api';
import { gridDisk } from 'h3-js';
import type { Category } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { ClusterComplaint, Incident, IncidentHandling } from '../../domain/incident.js';
import type { Database } from '../../store/database.js';
import { loadSql, runScript } from '../../store/sql-files.js';
import { carryHandlingOver, handledMembers } from '../alerts/incident-handling.js';
import type { DetectedIncident } from './batch-detector.js';
import { describeFound, findIncidents } from './columnar-detector.js';
import { loadComplaintColumns, readComplaints, type StoredColumns } from './load-complaint-columns.js';

const HOUR = 3_600_000;

/** Filters shared by `cellpulse clusters`, `GET /v1/incidents` and the reports. */
export interface IncidentFilter {
  /** ISO-8601; incidents whose span intersects [from, to). */
  from?: string;
  to?: string;
  category?: Category;
  city?: string;
}

/** What an incident refresh changed, for the alert stream. */
export interface IncidentChange {
  opened: Incident[];
  updated: Incident[];
}

/**
 * Re-detects the incidents that complaints received in [from, to] (epoch ms) can touch and
 * replaces them in `incidents` and `cluster_members`, on the caller's connection and transaction.
 * The range grows to cover every stored incident it meets, so a chain of groups is never cut.
 */
export async function refreshIncidents(conn: DuckDBConnection, from: number | null, to: number | null): Promise<IncidentChange> {
  if (from === null || to === null) return { opened: [], updated: [] };
  const [lo, hi] = await coveringRange(conn, from - HOUR, to + HOUR);
  const before = await storedCounts(conn, lo, hi);
  const detected = (await detectStored(conn, lo - HOUR, hi + HOUR)).filter((i) => i.last_t >= lo && first_t(i) <= hi);
  const handled = await handledMembers(conn, [...before.keys()]);
  await runScript(conn, loadSql(import.meta.url, 'delete-incidents-in-range'), { lo: lo / 1000, hi: hi / 1000 });
  await insertIncidents(conn, detected);
  await carryHandlingOver(conn, handled);
  const written = await readIncidents(conn, { ids: detected.map((i) => i.incident_id) });
  return {
    opened: written.filter((i) => !before.has(i.incident_id)),
    updated: written.filter((i) => before.has(i.incident_id) && before.get(i.incident_id) !== i.complaint_count),
  };
}

/**
 * The incidents (SPEC §3) among the located complaints received in [lo, hi] (epoch ms): typed
 * columns in, `findIncidents`, then only the complaints in an incident read whole. Call inside
 * one transaction (rowids tie the two reads together).
 */
export async function detectStored(conn: DuckDBConnection, lo: number, hi: number): Promise<DetectedIncident[]> {
  return detectInColumns(conn, await loadComplaintColumns(conn, lo, hi));
}

/** `findIncidents` on loaded columns, then the complaints of the incidents read whole and described. */
export async function detectInColumns(conn: DuckDBConnection, columns: StoredColumns): Promise<DetectedIncident[]> {
  const found = findIncidents(columns);
  const complaints = await readComplaints(conn, columns, found.flatMap((f) => f.rows));
  return describeFound(found, (row) => {
    const complaint = complaints.get(row);
    if (complaint) return complaint;
    throw new CellpulseError('internal', 'a complaint changed between reading its columns and its details: detect inside one transaction', row);
  });
}

function first_t(incident: DetectedIncident): number {
  return Date.parse(incident.start);
}

async function coveringRange(conn: DuckDBConnection, lo: number, hi: number): Promise<[number, number]> {
  for (;;) {
    const row = (await conn.runAndReadAll(
      `SELECT epoch_ms(min(start_at)) AS lo, epoch_ms(max(end_at)) AS hi FROM incidents
       WHERE end_at >= to_timestamp($lo) AND start_at <= to_timestamp($hi)`,
      { lo: lo / 1000, hi: hi / 1000 },
    )).getRowObjectsJS()[0];
    const nextLo = Math.min(lo, row?.lo === null || row?.lo === undefined ? lo : Number(row.lo));
    const nextHi = Math.max(hi, row?.hi === null || row?.hi === undefined ? hi : Number(row.hi));
    if (nextLo === lo && nextHi === hi) return [lo, hi];
    [lo, hi] = [nextLo, nextHi];
  }
}

async function storedCounts(conn: DuckDBConnection, lo: number, hi: number): Promise<Map<string, number>> {
  const rows = (await conn.runAndReadAll(
    `SELECT incident_id, complaint_count FROM incidents
     WHERE end_at >= to_timestamp($lo) AND start_at <= to_timestamp($hi)`,
    { lo: lo / 1000, hi: hi / 1000 },
  )).getRowObjectsJS();
  return new Map(rows.map((r) => [String(r.incident_id), Number(r.complaint_count)]));
}

/** Located complaints received in [lo, hi] (epoch ms), in the form the detectors take. */
export async function loadClusterComplaints(conn: DuckDBConnection, lo: number, hi: number): Promise<ClusterComplaint[]> {
  const reader = await conn.runAndReadAll(loadSql(import.meta.url, 'cluster-complaints'), { lo: lo / 1000, hi: hi / 1000 });
  const [ids = [], categories = [], hexes = [], times = [], cities = [], lats = [], lons = []] = reader.getColumnsJS();
  return ids.map((id, i) => ({
    complaint_id: String(id),
    category: categories[i] as Category,
    h3: String(hexes[i]),
    t: Number(times[i]),
    city: String(cities[i]),
    lat: Number(lats[i]),
    lon: Number(lons[i]),
  }));
}

/** Writes `incidents` and their members in one batch of statements. */
async function insertIncidents(conn: DuckDBConnection, incidents: readonly DetectedIncident[]): Promise<void> {
  if (incidents.length === 0) return;
  const strings = (pick: (i: DetectedIncident) => string): DuckDBListValue => listValue(incidents.map(pick));
  const lists = (pick: (i: DetectedIncident) => string[]): DuckDBListValue => listValue(incidents.map((i) => listValue(pick(i))));
  const numbers = (pick: (i: DetectedIncident) => number): DuckDBListValue => listValue(incidents.map(pick));
  await runScript(conn, loadSql(import.meta.url, 'insert-incidents'), {
    ids: strings((i) => i.incident_id),
    categories: strings((i) => i.category),
    cities: strings((i) => i.city),
    starts: strings((i) => i.start),
    ends: strings((i) => i.end),
    hexes: lists((i) => i.hexes),
    near: lists((i) => [...new Set(i.hexes.flatMap((h) => gridDisk(h, 1)))]),
    complaints: lists((i) => i.complaint_ids),
    counts: numbers((i) => i.complaint_count),
    peaks: numbers((i) => i.peak_count),
    lats: numbers((i) => i.centroid.lat),
    lons: numbers((i) => i.centroid.lon),
  });
}

/** Incidents as users see them (SPEC §3), newest first; status is relative to the newest complaint. */
export async function listIncidents(db: Database, filter: IncidentFilter = {}): Promise<Incident[]> {
  return db.use((conn) => readIncidents(conn, filter));
}

/** One incident by id, or undefined. */
export async function getIncident(db: Database, id: string): Promise<Incident | undefined> {
  return (await db.use((conn) => readIncidents(conn, { ids: [id] })))[0];
}

/** Incidents (SPEC §3, with their handling) on the caller's connection, e.g. inside a write. */
export async function readIncidents(
  conn: DuckDBConnection, filter: IncidentFilter & { ids?: string[] },
): Promise<Incident[]> {
  if (filter.ids !== undefined && filter.ids.length === 0) return [];
  const rows = (await conn.runAndReadAll(loadSql(import.meta.url, 'list-incidents'), {
    from: filter.from ?? null,
    to: filter.to ?? null,
    category: filter.category ?? null,
    city: filter.city ?? null,
    ids: filter.ids ? listValue(filter.ids) : null,
  })).getRowObjectsJS();
  return rows.map(toIncident);
}

function toIncident(r: Record<string, unknown>): Incident {
  return {
    incident_id: String(r.incident_id),
    category: r.category as Category,
    city: String(r.city),
    start: (r.start_at as Date).toISOString(),
    end: (r.end_at as Date).toISOString(),
    hexes: (r.hexes as string[]) ?? [],
    cell_ids: (r.cell_ids as string[]) ?? [],
    complaint_ids: (r.complaint_ids as string[]) ?? [],
    complaint_count: Number(r.complaint_count),
    peak_count: Number(r.peak_count),
    centroid: { lat: Number(r.centroid_lat), lon: Number(r.centroid_lon) },
    status: r.status === 'open' ? 'open' : 'closed',
    handling: toHandling(r),
  };
}

function toHandling(r: Record<string, unknown>): IncidentHandling {
  const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : null);
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return {
    state: r.handling_state === 'acknowledged' || r.handling_state === 'resolved' ? r.handling_state : 'new',
    acknowledged_at: iso(r.acknowledged_at),
    acknowledged_by: text(r.acknowledged_by),
    resolved_at: iso(r.resolved_at),
    resolved_by: text(r.resolved_by),
    root_cause: text(r.root_cause) as IncidentHandling['root_cause'],
    note: text(r.handling_note),
  };
}
