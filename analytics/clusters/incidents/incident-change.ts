import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Incident } from '../../../domain/incident.js';
import type { DetectedIncident } from '../rule.js';
import { readRows } from '../../../store/row-reader.js';
import { spanOfSpans, type TimeSpan } from '../../../store/change-log.js';

/** An incident that a refresh took away: it vanished, or another one absorbed its complaints. */
export interface RemovedIncident {
  incident_id: string;
  /** The incident that now holds (some of) its complaints, if any. */
  absorbed_into: string | null;
}

/** What an incident refresh changed, for the alert stream and the steps after it. */
export interface IncidentChange {
  opened: Incident[];
  updated: Incident[];
  removed: RemovedIncident[];
  /**
   * From the first start to the last end (epoch ms) of every incident written or taken away, as it
   * was and as it is: the time a cached answer must overlap to be changed. Absent: unknown.
   */
  span?: TimeSpan | null;
}

export const NO_INCIDENT_CHANGE: IncidentChange = { opened: [], updated: [], removed: [], span: null };

/** What a refresh compares of a stored incident with its re-detection. */
export interface StoredIncident {
  incident_id: string;
  category: string;
  /** First and last complaint, epoch ms. */
  start: number;
  end: number;
  hexes: string[];
  complaint_ids: string[];
  fingerprint: string;
}

/** The detector's fields of an incident as one string: equal strings, same stored incident. */
export function fingerprintOf(
  i: Pick<DetectedIncident, 'city' | 'start' | 'end' | 'hexes' | 'complaint_ids' | 'peak_count' | 'centroid'>,
): string {
  const { city, start, end, hexes, complaint_ids, peak_count, centroid } = i;
  return JSON.stringify([city, start, end, hexes, complaint_ids, peak_count, centroid.lat, centroid.lon]);
}

const STORED_COLUMNS = `incident_id, category, city, epoch_ms(start_at) AS start_ms, epoch_ms(end_at) AS end_ms, hexes,
  complaint_ids, peak_count, centroid_lat, centroid_lon`;

/** Reads stored incidents chosen by a WHERE clause over `incidents` (its parameters in `params`). */
export async function readStoredIncidents(
  conn: DuckDBConnection,
  where: string,
  params: Record<string, DuckDBValue>,
): Promise<StoredIncident[]> {
  const sql = `SELECT ${STORED_COLUMNS} FROM incidents WHERE ${where}`;
  const rows = await readRows<StoredRow>(conn, sql, params);
  const iso = (ms: number): string => new Date(ms).toISOString();
  return rows.map((r) => ({
    incident_id: r.incident_id,
    category: r.category,
    start: r.start_ms,
    end: r.end_ms,
    hexes: r.hexes,
    complaint_ids: r.complaint_ids,
    fingerprint: fingerprintOf({
      city: r.city,
      start: iso(r.start_ms),
      end: iso(r.end_ms),
      hexes: r.hexes,
      complaint_ids: r.complaint_ids,
      peak_count: r.peak_count,
      centroid: { lat: r.centroid_lat, lon: r.centroid_lon },
    }),
  }));
}

/** The STORED_COLUMNS of a row of `incidents`, decoded. */
interface StoredRow {
  incident_id: string;
  category: string;
  city: string;
  start_ms: number;
  end_ms: number;
  hexes: string[];
  complaint_ids: string[];
  peak_count: number;
  centroid_lat: number;
  centroid_lon: number;
}

/**
 * The change from `before` (stored incidents that were replaced) to `written` (the incidents
 * written in their place, as users see them) given every incident detected there: new ids are
 * opened, known ids updated, and ids no longer detected removed (absorbed by the incident that
 * now holds one of their complaints, if any).
 */
export function changeOf(
  before: readonly StoredIncident[],
  written: readonly Incident[],
  detected: readonly DetectedIncident[],
): IncidentChange {
  const known = new Set(before.map((i) => i.incident_id));
  const detectedIds = new Set(detected.map((i) => i.incident_id));
  const holder = new Map<string, string>();
  for (const i of detected) for (const id of i.complaint_ids) holder.set(id, i.incident_id);
  return {
    opened: written.filter((i) => !known.has(i.incident_id)),
    updated: written.filter((i) => known.has(i.incident_id)),
    removed: before
      .filter((i) => !detectedIds.has(i.incident_id))
      .map((i) => ({
        incident_id: i.incident_id,
        absorbed_into: i.complaint_ids.map((id) => holder.get(id)).find((h) => h !== undefined) ?? null,
      })),
    span: spanOfSpans([
      ...before.map((i) => ({ from: i.start, to: i.end + 1 })),
      ...written.map((i) => ({ from: Date.parse(i.start), to: Date.parse(i.end) + 1 })),
    ]),
  };
}
