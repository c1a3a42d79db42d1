import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Category } from '../../../domain/enums.js';
import type { Incident, IncidentHandling, RootCause } from '../../../domain/incident.js';
import type { Database } from '../../../store/database.js';
import { readRows } from '../../../store/row-reader.js';
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
  conn: DuckDBConnection,
  filter: IncidentFilter & { ids?: string[] },
): Promise<Incident[]> {
  if (filter.ids !== undefined && filter.ids.length === 0) return [];
  const rows = await readRows<IncidentRecord>(conn, loadSql(import.meta.url, 'list-incidents'), {
    from: filter.from ?? null,
    to: filter.to ?? null,
    category: filter.category ?? null,
    city: filter.city ?? null,
    ids: filter.ids ? listValue(filter.ids) : null,
  });
  return rows.map(toIncident);
}

/** A row of `incidents` joined with its status, significance and handling, as the store decodes it. */
export interface IncidentRecord {
  incident_id: string;
  category: Category;
  city: string;
  start_at: string;
  end_at: string;
  hexes: string[] | null;
  cell_ids: string[] | null;
  complaint_ids: string[] | null;
  complaint_count: number;
  peak_count: number;
  centroid_lat: number;
  centroid_lon: number;
  status: string;
  significance_p: number | null;
  significance_ri: number | null;
  handling_state: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  root_cause: RootCause | null;
  handling_note: string | null;
}

/** A row of `incidents` (with its status and handling) as the SPEC §3 object. */
export function toIncident(r: IncidentRecord): Incident {
  return {
    incident_id: r.incident_id,
    category: r.category,
    city: r.city,
    start: r.start_at,
    end: r.end_at,
    hexes: r.hexes ?? [],
    cell_ids: r.cell_ids ?? [],
    complaint_ids: r.complaint_ids ?? [],
    complaint_count: r.complaint_count,
    peak_count: r.peak_count,
    centroid: { lat: r.centroid_lat, lon: r.centroid_lon },
    status: r.status === 'open' ? 'open' : 'closed',
    significance:
      r.significance_p === null
        ? null
        : { p_value: r.significance_p, recurrence_interval_days: r.significance_ri ?? 0 },
    handling: toHandling(r),
  };
}

function toHandling(r: IncidentRecord): IncidentHandling {
  return {
    state: r.handling_state === 'acknowledged' || r.handling_state === 'resolved' ? r.handling_state : 'new',
    acknowledged_at: r.acknowledged_at,
    acknowledged_by: r.acknowledged_by,
    resolved_at: r.resolved_at,
    resolved_by: r.resolved_by,
    root_cause: r.root_cause,
    note: r.handling_note,
  };
}
