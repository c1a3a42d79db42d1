import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Category } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { ClusterComplaint, Incident } from '../../domain/incident.js';
import type { Database } from '../../store/database.js';
import { loadSql, runScript } from '../../store/sql-files.js';
import { carryHandlingOver, handledMembers } from '../alerts/incident-handling.js';
import type { DetectedIncident } from './batch-detector.js';
import { describeFound, findIncidents } from './columnar-detector.js';
import { changeOf, NO_INCIDENT_CHANGE, readStoredIncidents, type IncidentChange } from './incident-change.js';
import { insertIncidents, readInsertedIncidents, toIncident } from './incident-writer.js';
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

export type { IncidentChange } from './incident-change.js';

/**
 * Re-detects the incidents that complaints received in [from, to] (epoch ms) can touch and
 * replaces them in `incidents` and `cluster_members`, on the caller's connection and transaction.
 * The range grows to cover every stored incident it meets, so a chain of groups is never cut.
 */
export async function refreshIncidents(conn: DuckDBConnection, from: number | null, to: number | null): Promise<IncidentChange> {
  if (from === null || to === null) return NO_INCIDENT_CHANGE;
  const [lo, hi] = await coveringRange(conn, from - HOUR, to + HOUR);
  const range = { lo: lo / 1000, hi: hi / 1000 };
  const before = await readStoredIncidents(conn, 'end_at >= to_timestamp($lo) AND start_at <= to_timestamp($hi)', range);
  const detected = (await detectStored(conn, lo - HOUR, hi + HOUR)).filter((i) => i.last_t >= lo && first_t(i) <= hi);
  const handled = await handledMembers(conn, before.map((i) => i.incident_id));
  await runScript(conn, loadSql(import.meta.url, 'delete-incidents-in-range'), range);
  await insertIncidents(conn, detected);
  await carryHandlingOver(conn, handled);
  const written = await readInsertedIncidents(conn, detected.length);
  const known = new Map(before.map((i) => [i.incident_id, i.complaint_ids.length]));
  // Re-written unchanged, an incident is no news: only a new count makes it `updated`.
  const news = written.filter((i) => known.get(i.incident_id) !== i.complaint_count);
  return changeOf(before, news, detected);
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
