import {
  LIST,
  VARCHAR,
  DuckDBTimestampTZValue,
  listValue,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { gridDisk } from 'h3-js';
import type { Incident } from '../../../domain/incident.js';
import { readRows } from '../../../store/row-reader.js';
import { loadSql, runScript } from '../../../store/sql-files.js';
import type { DetectedIncident } from '../rule.js';
import { toIncident, type IncidentRecord } from './incident-reader.js';

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
  if (incidents.length === 0) return;
  await conn.run(`${STAGING}; DELETE FROM staged_incidents; DELETE FROM staged_near`);
  await appendAll(conn, 'staged_incidents', (a) => incidents.forEach((i) => appendIncident(a, i)));
  await appendAll(conn, 'staged_near', (a) => incidents.forEach((i) => appendNear(a, i)));
  await runScript(conn, loadSql(import.meta.url, 'insert-staged-incidents'));
}

/**
 * The incidents the last `insertIncidents` wrote (`written`), by a join with its staging table. Their
 * status needs the newest complaint: it is no older than their last complaints, so only complaints from
 * the latest of those on are read (zone maps skip the older row groups: the cost does not grow with history).
 */
export async function readInsertedIncidents(
  conn: DuckDBConnection,
  written: readonly DetectedIncident[],
): Promise<Incident[]> {
  if (written.length === 0) return [];
  // last_t is truncated to the millisecond: a millisecond earlier is at or before the complaint itself.
  const newestFrom = new Date(written.reduce((max, i) => Math.max(max, i.last_t), -Infinity) - 1).toISOString();
  const sql = loadSql(import.meta.url, 'staged-incidents');
  return (await readRows<IncidentRecord>(conn, sql, { newest_from: newestFrom })).map(toIncident);
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
  conn: DuckDBConnection,
  table: string,
  fill: (appender: DuckDBAppender) => void,
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
