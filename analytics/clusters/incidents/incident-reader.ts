import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Category } from '../../../domain/enums.js';
import type { Incident, IncidentHandling } from '../../../domain/incident.js';
import type { Database } from '../../../store/database.js';
import { loadSql } from '../../../store/sql-files.js';

/** Filters shared by `cellpulse clusters`, `GET /v1/incidents` and the reports. */
export interface IncidentFilter {
  /** ISO-8601; incidents whose span intersects [from, to). */
  from?: string;
  to?: string;
  category?: Category;
  city?: string;
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
