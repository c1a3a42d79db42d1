import type { DuckDBConnection } from '@duckdb/node-api';
import { detectInColumns, loadComplaintColumns } from '../analytics/clusters/index.js';
import { loadClusterComplaints } from '../analytics/clusters/reference/load-cluster-complaints.js';
import type { ClusterComplaint } from '../domain/incident.js';

/** The files whose code the cluster benches measure, for the notes. */
export const DETECTOR_SOURCES = [
  'analytics/clusters/detector/load-complaint-columns.ts',
  'analytics/clusters/detector/columnar-detector.ts',
];

export interface BatchRun {
  rows: number;
  loadMs: number;
  detectMs: number;
  incidents: number;
  members: number;
}

/** The span of received_at in the database, epoch ms. */
async function dataSpan(conn: DuckDBConnection): Promise<{ lo: number; hi: number }> {
  const span = (
    await conn.runAndReadAll(
      'SELECT epoch_ms(min(received_at)) AS lo, epoch_ms(max(received_at)) AS hi FROM complaints',
    )
  ).getRowObjectsJS()[0];
  return { lo: Number(span?.lo), hi: Number(span?.hi) };
}

/**
 * What the store does to detect over the whole database (`detectStored`), timed in two parts: load the columns, then
 * `detectInColumns`.
 */
export async function detectAll(conn: DuckDBConnection): Promise<BatchRun> {
  const { lo, hi } = await dataSpan(conn);
  const started = performance.now();
  const columns = await loadComplaintColumns(conn, lo, hi);
  const loaded = performance.now();
  const incidents = await detectInColumns(conn, columns);
  const detectMs = performance.now() - loaded;
  const members = incidents.reduce((n, i) => n + i.complaint_count, 0);
  return { rows: columns.size, loadMs: loaded - started, detectMs, incidents: incidents.length, members };
}

/**
 * Located complaints of the whole database as objects, time-ordered (what a live feed pushes), and how long loading
 * them took.
 */
export async function loadAllComplaints(
  conn: DuckDBConnection,
): Promise<{ complaints: ClusterComplaint[]; loadMs: number }> {
  const { lo, hi } = await dataSpan(conn);
  const started = performance.now();
  const complaints = await loadClusterComplaints(conn, lo, hi);
  return { complaints, loadMs: performance.now() - started };
}
