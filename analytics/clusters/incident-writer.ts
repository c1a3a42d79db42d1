import {
  LIST, VARCHAR, DuckDBTimestampTZValue, listValue, type DuckDBAppender, type DuckDBConnection,
} from '@duckdb/node-api';
import { gridDisk } from 'h3-js';
import type { Category } from '../../domain/enums.js';
import type { Incident, IncidentHandling } from '../../domain/incident.js';
import { loadSql, runScript } from '../../store/sql-files.js';
import type { DetectedIncident } from './batch-detector.js';

const STAGING = `CREATE TEMP TABLE IF NOT EXISTS staged_incidents (incident_id VARCHAR, category VARCHAR, city VARCHAR,
  start_at TIMESTAMPTZ, end_at TIMESTAMPTZ, hexes VARCHAR[], complaint_ids VARCHAR[], complaint_count INTEGER,
  peak_count INTEGER, centroid_lat DOUBLE, centroid_lon DOUBLE);
CREATE TEMP TABLE IF NOT EXISTS staged_near (incident_id VARCHAR, h3 VARCHAR)`;

/**
 * Writes detected incidents and their members with set statements, whatever their number: the
 * incidents go through an appender into a staging table, then one INSERT … SELECT each into
 * `incidents` (cell_ids joined from the inventory) and `cluster_members`. Call inside the
 * writer's transaction, after the incidents they replace were deleted; read them back as users
 * see them with `readInsertedIncidents` (after carrying handling over).
 */
export async function insertIncidents(conn: DuckDBConnection, incidents: readonly DetectedIncident[]): Promise<void> {
  await conn.run(`${STAGING}; DELETE FROM staged_incidents; DELETE FROM staged_near`);
  if (incidents.length === 0) return;
  await appendAll(conn, 'staged_incidents', (a) => incidents.forEach((i) => appendIncident(a, i)));
  await appendAll(conn, 'staged_near', (a) => incidents.forEach((i) => appendNear(a, i)));
  await runScript(conn, loadSql(import.meta.url, 'insert-staged-incidents'));
}

/** The incidents the last `insertIncidents` wrote (`count` of them), by a join with its staging table. */
export async function readInsertedIncidents(conn: DuckDBConnection, count: number): Promise<Incident[]> {
  if (count === 0) return [];
  return (await conn.runAndReadAll(loadSql(import.meta.url, 'staged-incidents'))).getRowObjectsJS().map(toIncident);
}

/** Deletes incidents and their members by id. */
export async function deleteIncidents(conn: DuckDBConnection, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const params = { ids: listValue([...ids]) };
  const types = { ids: LIST(VARCHAR) };
  await conn.run('DELETE FROM cluster_members WHERE incident_id IN (SELECT unnest($ids))', params, types);
  await conn.run('DELETE FROM incidents WHERE incident_id IN (SELECT unnest($ids))', params, types);
}

async function appendAll(
  conn: DuckDBConnection, table: string, fill: (appender: DuckDBAppender) => void,
): Promise<void> {
  const appender = await conn.createAppender(table, 'main', 'temp');
  try {
    fill(appender);
  } finally {
    appender.closeSync();
  }
}

const LIST_OF_TEXT = LIST(VARCHAR);

function appendIncident(a: DuckDBAppender, i: DetectedIncident): void {
  a.appendVarchar(i.incident_id);
  a.appendVarchar(i.category);
  a.appendVarchar(i.city);
  a.appendTimestampTZ(timestamp(i.start));
  a.appendTimestampTZ(timestamp(i.end));
  a.appendList(i.hexes, LIST_OF_TEXT);
  a.appendList(i.complaint_ids, LIST_OF_TEXT);
  a.appendInteger(i.complaint_count);
  a.appendInteger(i.peak_count);
  a.appendDouble(i.centroid.lat);
  a.appendDouble(i.centroid.lon);
  a.endRow();
}

/** The hexagons of an incident and their neighbours, once each: where its cells may stand. */
function appendNear(a: DuckDBAppender, i: DetectedIncident): void {
  for (const h of new Set(i.hexes.flatMap((hex) => gridDisk(hex, 1)))) {
    a.appendVarchar(i.incident_id);
    a.appendVarchar(h);
    a.endRow();
  }
}

function timestamp(iso: string): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(Date.parse(iso)) * 1000n);
}

/** A row of `incidents` (with its status and handling) as the SPEC §3 object. */
export function toIncident(r: Record<string, unknown>): Incident {
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
    significance: r.significance_p === null || r.significance_p === undefined
      ? null
      : { p_value: Number(r.significance_p), recurrence_interval_days: Number(r.significance_ri) },
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
